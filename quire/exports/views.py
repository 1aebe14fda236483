from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize

from quire.access.reading import Adult, adult_content, work_for
from quire.access.surfaces import Surface
from quire.access.writing import not_suspended
from quire.core.ratelimit import by_reader, limit
from quire.core.site import site_origin
from quire.core.uploads import takes_uploads
from quire.exports import batch_import, services
from quire.exports.builders import CONVERTED, offered_formats
from quire.exports.forms import BatchImportForm, PostImportedForm
from quire.exports.models import ImportBatch, ImportFile
from quire.exports.naming import FORMATS, download_filename, download_url
from quire.moderation import switches


# Only a file sent counts: the progress page's polling and redirects do not use up a reader's downloads.
@limit(
    by_reader("downloads"), methods=("GET",), count_when=lambda response: isinstance(response, FileResponse)
)
def download(request, work_id, filename):
    """/downloads/<id>/<Title>.<ext>: the access layer's rule for downloads. A download link is an explicit
    request for the file, so an adult work's file comes without the reading page's notice (as on AO3),
    unless the archive keeps adult downloads from guests: then a clear 403, never a page in its place."""
    if not switches.downloads_enabled():
        return render(request, "exports/downloads_off.html", status=403)
    fmt = PurePath(filename).suffix.lstrip(".").lower()
    if fmt not in offered_formats():
        raise Http404
    work = work_for(request.user, work_id, Surface.DOWNLOAD)
    include_unposted = work.is_owned_by(request.user)
    if not include_unposted and work.chapter_count == 0:
        raise Http404
    if adult_content(request, work, Surface.DOWNLOAD) is Adult.REFUSE:
        return render(request, "exports/adult_refused.html", {"work": work}, status=403)
    wanted = download_filename(work, fmt)
    if filename != wanted:
        # Links made before a retitle (or typed by hand) still reach the file.
        query = request.META.get("QUERY_STRING", "")
        return redirect(download_url(work, fmt) + (f"?{query}" if query else ""))
    result = services.find_or_build(work, fmt, include_unposted=include_unposted, site=site_origin(request))
    context = {
        "work": work,
        "build": result.build,
        "format_name": FORMATS[fmt][0],
        "filename": wanted,
        "converted": fmt in CONVERTED,
    }
    if request.headers.get("HX-Request"):
        # The progress page polling: only its status box, which offers the file once it is ready.
        return render(request, "exports/_progress_status.html", context)
    if result.build is not None:
        return render(request, "exports/progress.html", context, status=202)
    response = FileResponse(
        open(result.path, "rb"),  # noqa: SIM115 (FileResponse closes it once sent)
        as_attachment=True,
        filename=wanted,
        content_type=FORMATS[fmt][1],
    )
    response["ETag"] = f'"{result.fingerprint}"'
    response["Cache-Control"] = "private, no-cache"
    return response


# --- Importing a back catalogue -----------------------------------------------------------------------


@login_required
@takes_uploads
@not_suspended
def import_works(request):
    """/works/import: many EPUB or HTML files at once; the worker makes them drafts (batch_import)."""
    form = BatchImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = [
            batch_import.Upload(name=file.name, content=file.read()) for file in form.cleaned_data["files"]
        ]
        try:
            batch = batch_import.start_batch(user=request.user, uploads=uploads)
        except ValidationError as error:
            form.add_error("files", error)
        else:
            return redirect("exports:import_batch", batch.pk)
    context = {
        "form": form,
        "batches": batch_import.recent_batches(request.user),
        "max_files": settings.IMPORT_BATCH_MAX_FILES,
        "max_file_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "max_total_mb": settings.IMPORT_BATCH_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "exports/import_works.html", context, status=400 if form.errors else 200)


@login_required
def import_batch(request, batch_id):
    """A batch's progress while the worker reads it, then its drafts to review and post together."""
    batch = batch_import.batch_of(request.user, batch_id)
    if batch is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") in STOPPED_ACTIONS:
        return _stopped(request, batch, STOPPED_ACTIONS[request.POST["action"]])
    files = list(batch.files.all())
    drafts = [file.work for file in files if file.work is not None and file.work.is_draft]
    form = PostImportedForm(request.POST or None, drafts=drafts)
    if request.method == "POST" and form.is_valid():
        try:
            posted = batch_import.post_imported(
                user=request.user, batch=batch, work_ids=form.cleaned_data["works"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Posted {len(posted)} work{pluralize(len(posted))}, each dated as where it was first posted.",
            )
            return redirect("exports:import_batch", batch.pk)
    context = {
        "batch": batch,
        "files": files,
        "done": sum(file.status != ImportFile.Status.WAITING for file in files),
        "imported": sum(file.status == ImportFile.Status.IMPORTED for file in files),
        "finished": batch.status == ImportBatch.Status.DONE,
        "stalled": batch_import.is_stalled(batch),
        "stalled_after": int(batch_import.STALLED_AFTER.total_seconds() // 60),
        "drafts": drafts,
        "form": form,
    }
    if request.headers.get("HX-Request"):
        return render(request, "exports/_import_status.html", context)
    return render(request, "exports/import_batch.html", context, status=400 if form.errors else 200)


def _retried(request, batch) -> None:
    waiting = batch_import.retry_batch(user=request.user, batch=batch)
    messages.success(
        request,
        f"Importing again: the {waiting} file{pluralize(waiting)} not read yet."
        if waiting
        else "Every file had been read: the import is finished.",
    )


def _discarded(request, batch) -> None:
    dropped = batch_import.discard_batch(user=request.user, batch=batch)
    messages.success(
        request,
        f"Discarded the {dropped} file{pluralize(dropped)} not read yet; the drafts already made are below.",
    )


# A stopped batch's two buttons (batch_import.is_stalled).
STOPPED_ACTIONS = {"retry": _retried, "discard": _discarded}


def _stopped(request, batch, act):
    try:
        act(request, batch)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect("exports:import_batch", batch.pk)
