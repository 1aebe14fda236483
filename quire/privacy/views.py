from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from quire.core.ratelimit import by_reader, limit
from quire.privacy import data_export as exports
from quire.privacy.deletion import delete_account as delete_account_service
from quire.privacy.deletion import works_count
from quire.privacy.forms import DeleteAccountForm
from quire.privacy.models import DataExport


def _failed_password(response) -> bool:
    # A wrong password shows the form again; success redirects.
    return response.status_code == 200


@login_required
@require_http_methods(["GET", "POST"])
@limit(by_reader("exports"), count_when=lambda response: response.status_code == 302)
def data_export(request):
    export = exports.current_export(request.user)
    if request.method == "POST":
        if not exports.in_progress(export):
            exports.request_export(request.user)
        return redirect("privacy:data_export")
    context = {
        "export": export,
        "waiting": exports.in_progress(export),
        "expires_at": export and export.created_at + exports.EXPORT_LIFETIME,
    }
    if request.headers.get("HX-Request"):
        return render(request, "privacy/_export_status.html", context)
    return render(request, "privacy/data_export.html", context)


@login_required
def data_download(request, key):
    """Only its owner may fetch an archive; anyone else (signed in) gets a 404, guests the login page."""
    export = get_object_or_404(DataExport, key=key, user=request.user, status=DataExport.Status.READY)
    if not exports.export_file(export).exists():
        export.delete()
        raise Http404
    filename = f"quire-{request.user.username}-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(
        exports.take_download(export), as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@limit(lambda request: [("login-account", request.user.username.lower())], count_when=_failed_password)
def delete_account(request):
    user = request.user
    alone, shared = works_count(user)
    has_works = bool(alone or shared)
    form = DeleteAccountForm(request.POST or None, user=user, has_works=has_works)
    if request.method == "POST" and form.is_valid():
        delete_account_service(user, works=form.works_choice)
        logout(request)
        messages.success(request, "Your account was deleted. Thank you for being part of the archive.")
        return redirect("discovery:home")
    context = {"form": form, "has_works": has_works, "work_count": alone + shared, "shared_count": shared}
    return render(request, "privacy/delete_account.html", context)
