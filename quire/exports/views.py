from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from quire.access.reading import Adult, adult_content, work_for
from quire.access.surfaces import Surface
from quire.core.ratelimit import by_reader, limit
from quire.core.site import site_origin
from quire.exports import services
from quire.exports.builders import CONVERTED, offered_formats
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
