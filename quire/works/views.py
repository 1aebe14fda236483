from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from quire.core.readers import GUEST_COOKIE
from quire.feedback.forms import ReviewForm
from quire.feedback.selectors import work_feedback
from quire.insights.recording import beacon_token, record_view
from quire.shelf.work_page import shelf_context
from quire.works import importing, services
from quire.works.forms import ChapterForm, ImportForm, WorkForm
from quire.works.models import Chapter
from quire.works.selectors import find_autosave, get_own_work, get_visible_work, visible_chapters

ADULT_SESSION_KEY = "adult_ok"
AUTOSAVE_SKIP = {"csrfmiddlewaretoken", "action", "version"}


# --- Reading ----------------------------------------------------------------------------------------


def _adult_gate(request, work):
    """AO3's adult notice: once accepted (or ?view_adult=true), remembered for the session."""
    if not work.is_adult or work.is_owned_by(request.user):
        return None
    if request.GET.get("view_adult") == "true":
        request.session[ADULT_SESSION_KEY] = True
    if request.session.get(ADULT_SESSION_KEY):
        return None
    return render(request, "works/adult_notice.html", {"work": work}, status=200)


def work_detail(request, work_id):
    work = get_visible_work(request.user, work_id)
    chapters = visible_chapters(request.user, work)
    if not chapters:
        raise Http404
    if gate := _adult_gate(request, work):
        return gate
    full = request.GET.get("view_full_work") == "true" or len(chapters) == 1
    if full:
        shown = list(Chapter.objects.filter(pk__in=[c.pk for c in chapters]).order_by("position"))
    else:
        shown = [Chapter.objects.get(pk=chapters[0].pk)]
    record_view(request, work, chapter=shown[0] if len(chapters) == 1 or not full else None)
    return _render_work(request, work, chapters, shown, full=full, landing=True)


def chapter_detail(request, work_id, chapter_id):
    work = get_visible_work(request.user, work_id)
    chapters = visible_chapters(request.user, work)
    if chapter_id not in {c.pk for c in chapters}:
        raise Http404
    if gate := _adult_gate(request, work):
        return gate
    shown = [Chapter.objects.get(pk=chapter_id)]
    # "Next chapter" links say where the reader came from: reaching it means they finished that one.
    came_from = request.GET.get("from", "")
    finished = int(came_from) if came_from.isdigit() and int(came_from) in {c.pk for c in chapters} else None
    record_view(request, work, chapter=shown[0], finished_chapter_id=finished)
    return _render_work(request, work, chapters, shown, full=len(chapters) == 1, landing=False)


def _render_work(request, work, chapters, shown, *, full, landing):
    numbers = {c.pk: index for index, c in enumerate(chapters, start=1)}
    for chapter in shown:
        chapter.number = numbers[chapter.pk]
    current = shown[0]
    index = numbers[current.pk] - 1
    context = {
        "work": work,
        "chapters": chapters,
        "shown": shown,
        "full": full,
        "multi": len(chapters) > 1,
        "previous": chapters[index - 1] if not full and index > 0 else None,
        "next": chapters[index + 1] if not full and index + 1 < len(chapters) else None,
        "current": current,
        "is_author": work.is_owned_by(request.user),
        "review_form": ReviewForm(guest=not request.user.is_authenticated),
        "beacons": {chapter.pk: beacon_token(work.pk, chapter.pk) for chapter in shown},
        **work_feedback(
            user=request.user,
            work=work,
            chapter_ids=[c.pk for c in shown],
            guest_token=request.COOKIES.get(GUEST_COOKIE, ""),
        ),
        **shelf_context(request, work, chapters, shown, landing=landing),
    }
    for chapter in shown:
        chapter.threads = context["threads"].get(chapter.pk, [])
        chapter.beacon = context["beacons"][chapter.pk]
    return render(request, "works/work.html", context)


def navigate(request, work_id):
    work = get_visible_work(request.user, work_id)
    chapters = visible_chapters(request.user, work)
    if not chapters:
        raise Http404
    for number, chapter in enumerate(chapters, start=1):
        chapter.number = number
    return render(request, "works/navigate.html", {"work": work, "chapters": chapters})


# --- Writing ----------------------------------------------------------------------------------------


def _imported_data(request, data, prefix: str):
    """Fill the chapter fields from an uploaded file; the writer reviews before anything is saved."""
    import_form = ImportForm(request.POST, request.FILES)
    if not import_form.is_valid():
        return import_form, data
    upload = import_form.cleaned_data["file"]
    try:
        chapter = importing.read_file(upload.name, upload.read())
    except importing.ImportError_ as error:
        import_form.add_error("file", str(error))
        return import_form, data
    data = data.copy()
    data[f"{prefix}body"] = chapter.body
    data[f"{prefix}notes"] = chapter.notes or data.get(f"{prefix}notes", "")
    data[f"{prefix}end_notes"] = chapter.end_notes or data.get(f"{prefix}end_notes", "")
    data["text_format"] = chapter.text_format
    if prefix and chapter.title and not data.get("title"):
        data["title"] = chapter.title
    messages.info(request, f"Imported “{upload.name}”. Check the text below, then save or post it.")
    return ImportForm(), data


def _restore_autosave(request, key: str):
    saved = find_autosave(request.user, key)
    if saved:
        messages.info(
            request,
            f"Restored what you were typing (autosaved {timezone.localtime(saved.saved_at):%Y-%m-%d %H:%M}). "
            "Save it, or discard it to go back to the last saved version.",
        )
    return saved


@login_required
def work_new(request):
    key = "new-work"
    import_form = ImportForm()
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            import_form, data = _imported_data(request, data, prefix="chapter-")
            return _work_new_page(
                request,
                WorkForm(data),
                ChapterForm(data, prefix="chapter", with_format=False),
                import_form,
                key,
            )
        work_form = WorkForm(data)
        chapter_form = ChapterForm(data, prefix="chapter", with_format=False)
        if work_form.is_valid() and chapter_form.is_valid():
            post = request.POST.get("action") == "post"
            fields = work_form.work_fields()
            try:
                work = services.create_work(
                    author=request.user,
                    work=fields,
                    chapter=chapter_form.chapter_fields(fields.text_format),
                    post=post,
                )
            except ValidationError as error:
                work_form.add_error(None, error)
            else:
                services.discard_autosave(user=request.user, key=key)
                if post:
                    messages.success(request, "Your work was posted. Readers can find it now.")
                else:
                    messages.success(request, "Saved as a draft. Only you can see it until you post it.")
                return redirect(work)
        return _work_new_page(request, work_form, chapter_form, import_form, key)
    saved = _restore_autosave(request, key)
    initial = saved.data if saved else None
    return _work_new_page(
        request,
        WorkForm(initial),
        ChapterForm(initial, prefix="chapter", with_format=False),
        import_form,
        key,
        restored=bool(saved),
    )


def _work_new_page(request, work_form, chapter_form, import_form, key, restored=False):
    if restored:
        # Restored text is shown as typed, without flagging errors the writer has not caused yet.
        work_form._errors = {}
        chapter_form._errors = {}
    context = {
        "work_form": work_form,
        "chapter_form": chapter_form,
        "import_form": import_form,
        "autosave_key": key,
        "restored": restored,
    }
    return render(request, "works/work_new.html", context, status=200)


def work_edit(request, work_id):
    work = get_own_work(request.user, work_id)
    if request.method == "POST":
        form = WorkForm(request.POST, posted_chapters=work.chapter_count)
        if form.is_valid():
            try:
                services.update_work(work=work, fields=form.work_fields())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                services.discard_autosave(user=request.user, key=f"work-{work.pk}")
                messages.success(request, "Your changes to the work were saved.")
                return redirect(work)
    else:
        form = WorkForm(initial=WorkForm.initial_for(work), posted_chapters=work.chapter_count)
    return render(request, "works/work_edit.html", {"work": work, "form": form})


@require_POST
def work_post(request, work_id):
    work = get_own_work(request.user, work_id)
    services.post_work(work=work)
    messages.success(request, "Your work was posted. Readers can find it now.")
    return redirect(work)


def work_delete(request, work_id):
    work = get_own_work(request.user, work_id)
    if request.method == "POST":
        title = work.title
        services.delete_work(work=work)
        messages.success(request, f"“{title}” was deleted.")
        return redirect("accounts:profile", request.user.username)
    return render(request, "works/work_delete.html", {"work": work})


def chapter_new(request, work_id):
    work = get_own_work(request.user, work_id)
    key = f"work-{work.pk}-new-chapter"
    import_form = ImportForm()
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            import_form, data = _imported_data(request, data, prefix="")
            form = ChapterForm(data)
        else:
            form = ChapterForm(data)
            if form.is_valid():
                post = request.POST.get("action") == "post"
                chapter = services.add_chapter(work=work, fields=form.chapter_fields(), post=post)
                services.discard_autosave(user=request.user, key=key)
                if chapter.is_posted:
                    messages.success(request, "Your chapter was posted.")
                else:
                    messages.success(
                        request, "Chapter saved as a draft. Only you can see it until you post it."
                    )
                return redirect(chapter)
        restored = False
    else:
        saved = _restore_autosave(request, key)
        restored = bool(saved)
        form = ChapterForm(saved.data if saved else None, initial={"text_format": work.text_format})
        if restored:
            form._errors = {}
    context = {
        "work": work,
        "form": form,
        "import_form": import_form,
        "autosave_key": key,
        "restored": restored,
    }
    return render(request, "works/chapter_form.html", context)


def chapter_edit(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    key = f"chapter-{chapter.pk}"
    conflict = None
    import_form = ImportForm()
    restored = False
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            import_form, data = _imported_data(request, data, prefix="")
            form = ChapterForm(data)
        else:
            form = ChapterForm(data)
            if form.is_valid():
                base_version = form.cleaned_data["version"] or chapter.version
                try:
                    chapter = services.update_chapter(
                        chapter=chapter, fields=form.chapter_fields(), base_version=base_version
                    )
                except services.EditConflict as error:
                    conflict = error.current
                    # The writer's text stays in the form; saving again now knowingly replaces the other version.
                    data = data.copy()
                    data["version"] = conflict.version
                    form = ChapterForm(data)
                    form.is_valid()
                else:
                    services.discard_autosave(user=request.user, key=key)
                    if request.POST.get("action") == "post" and not chapter.is_posted:
                        services.post_chapter(chapter=chapter)
                        messages.success(request, "Your chapter was saved and posted.")
                    else:
                        messages.success(request, "Your changes to the chapter were saved.")
                    return redirect(chapter)
    else:
        saved = _restore_autosave(request, key)
        if saved and saved.saved_at > chapter.updated_at:
            restored = True
            data = dict(saved.data, version=chapter.version)
            form = ChapterForm(data)
            form._errors = {}
        else:
            form = ChapterForm(initial=ChapterForm.initial_for(chapter))
    context = {
        "work": work,
        "chapter": chapter,
        "form": form,
        "conflict": conflict,
        "import_form": import_form,
        "autosave_key": key,
        "restored": restored,
    }
    return render(request, "works/chapter_form.html", context, status=409 if conflict else 200)


@require_POST
def chapter_post(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    services.post_chapter(chapter=chapter)
    messages.success(request, "Your chapter was posted.")
    return redirect(chapter)


def chapter_delete(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    if request.method == "POST":
        try:
            services.delete_chapter(chapter=chapter)
        except services.LastChapter as error:
            messages.error(request, str(error))
            return redirect(chapter)
        messages.success(request, "The chapter was deleted.")
        return redirect(work)
    return render(request, "works/chapter_delete.html", {"work": work, "chapter": chapter})


def chapters_manage(request, work_id):
    """Reorder chapters by typing their new positions: works without JavaScript."""
    work = get_own_work(request.user, work_id)
    chapters = list(work.chapters.defer("body", "body_html").order_by("position"))
    error = None
    if request.method == "POST":
        try:
            wanted = {c.pk: int(request.POST.get(f"position-{c.pk}", "")) for c in chapters}
        except ValueError:
            error = "Every chapter needs a position number."
        else:
            if sorted(wanted.values()) != list(range(1, len(chapters) + 1)):
                error = f"Use each number from 1 to {len(chapters)} exactly once."
            else:
                services.reorder_chapters(work=work, chapter_ids=sorted(wanted, key=wanted.get))
                messages.success(request, "The chapters were reordered.")
                return redirect("works:navigate", work.pk)
        for chapter in chapters:
            chapter.requested = request.POST.get(f"position-{chapter.pk}", chapter.position)
    return render(request, "works/chapters_manage.html", {"work": work, "chapters": chapters, "error": error})


@login_required
@require_POST
def autosave(request, key):
    data = {name: value for name, value in request.POST.items() if name not in AUTOSAVE_SKIP}
    if key.startswith("chapter-"):
        # Autosaves only for the writer's own chapters; the key names a chapter id.
        get_object_or_404(Chapter, pk=key.removeprefix("chapter-"), work__author=request.user)
    saved = services.autosave(user=request.user, key=key, data=data)
    return HttpResponse(
        f"Autosaved at {timezone.localtime(saved.saved_at):%H:%M:%S}", content_type="text/plain"
    )


@login_required
@require_POST
def autosave_discard(request, key):
    services.discard_autosave(user=request.user, key=key)
    messages.info(request, "The autosaved text was discarded.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
