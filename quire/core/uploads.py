"""Files are read only by the views that take them.

Django parses a multipart body wherever request.POST is first read (CsrfViewMiddleware reads it for every
POST), and writes each file over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file first. A 3 MB body posted
to the search page left its temporary file behind when the process was killed, so a multipart body is
refused, before anything reads it, on every view not marked as taking files:

    @takes_uploads
    def work_new(request): ...
"""

from functools import wraps

from django.shortcuts import render


def takes_uploads(view):
    """Mark a view as one that accepts multipart/form-data (file uploads)."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    marked.takes_uploads = True
    return marked


def _is_multipart(request) -> bool:
    return request.META.get("CONTENT_TYPE", "").lower().lstrip().startswith("multipart/")


class FilesOnlyWhereTakenMiddleware:
    """Answer 415 to a multipart body sent to a view that takes no files, before the body is parsed.

    It works in process_view, once the view is known, and must come before CsrfViewMiddleware, whose
    process_view reads request.POST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if _is_multipart(request) and not getattr(view, "takes_uploads", False):
            return render(request, "415.html", status=415)
        return None
