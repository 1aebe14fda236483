from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from quire.access.reading import Adult, adult_content, work_for
from quire.access.surfaces import Surface
from quire.access.writing import blocked_annotation, not_suspended
from quire.accounts.forms import add_pseud_choice
from quire.accounts.selectors import credited_pseud
from quire.collections.selectors import collection_names_of, items_of_work
from quire.collections.services import set_work_collections
from quire.core import ratelimit
from quire.core.readers import GUEST_COOKIE, remember_guest
from quire.core.redirects import safe_next
from quire.core.uploads import takes_uploads
from quire.creators.forms import add_co_creators_field, invitees
from quire.creators.selectors import chapter_credits_annotation, credits_prefetch
from quire.creators.services import credit_chapter_as, invite_creator
from quire.exchanges import posting as exchange_posting
from quire.exports import epub_import
from quire.feedback.forms import ReviewForm
from quire.feedback.selectors import viewer_annotations as feedback_viewer_annotations
from quire.feedback.selectors import work_feedback
from quire.gifts.selectors import page_annotations as gift_annotations
from quire.insights.recording import beacon_token, record_view
from quire.prompts.selectors import page_annotations as prompt_annotations
from quire.prompts.views import fill_with_new_work, prompt_for_new_work
from quire.related.selectors import page_annotations as related_annotations
from quire.series.selectors import page_annotations as series_annotations
from quire.series.selectors import places_of
from quire.shelf.selectors import viewer_annotations as shelf_viewer_annotations
from quire.shelf.work_page import shelf_context
from quire.works import importing, services
from quire.works.forms import ChapterForm, ImportForm, WorkForm
from quire.works.models import Chapter
from quire.works.selectors import (
    EVERY,
    FIRST,
    chapters_to_read,
    find_autosave,
    get_own_work,
    show_as_posted,
    visible_chapters,
)

AUTOSAVE_SKIP = {"csrfmiddlewaretoken", "action", "version", "token", "chapter-token", "started", "website"}


# --- Reading ----------------------------------------------------------------------------------------


def adult_notice(request, work):
    """AO3's adult-content notice, where the access layer says this reader has not accepted it yet."""
    if adult_content(request, work, Surface.PAGE) is Adult.NOTICE:
        return render(request, "works/adult_notice.html", {"work": work}, status=200)
    return None


def _page_annotations(request) -> dict:
    """Carried by the work's own query rather than a query each: what this reader already gave (kudos,
    bookmark, subscription, "more, please"), whether a writer blocked them, "marked for later?" and where
    they stopped; and whether the work has what most works have none of (gifts, chapters with creators of
    their own, series, prompts it fills, related works), so the page reads those only when there are some."""
    user = request.user
    return {
        **feedback_viewer_annotations(user, request.COOKIES.get(GUEST_COOKIE, "")),
        **blocked_annotation(user),
        **shelf_viewer_annotations(user),
        **gift_annotations(),
        **chapter_credits_annotation(),
        **series_annotations(),
        **prompt_annotations(),
        **related_annotations(),
    }


def work_detail(request, work_id):
    work = work_for(request.user, work_id, annotations=_page_annotations(request))
    full = request.GET.get("view_full_work") == "true"
    chapters, shown = chapters_to_read(request.user, work, EVERY if full else FIRST)
    if not chapters:
        raise Http404
    if gate := adult_notice(request, work):
        return gate
    full = full or len(chapters) == 1
    # The entire work opens on chapter 1: its readers are chapter 1's readers, and each later chapter's end
    # signal makes them that chapter's. The one write a page may make, kept here rather than in a beacon: it
    # is what the writer's stats count (readers, reads, "worth continuing"), and every client that opens the
    # page counts as before, with or without JavaScript or images; a repeat the same day writes nothing.
    record_view(request, work, chapter=shown[0])
    return remember_guest(request, _render_work(request, work, chapters, shown, full=full, landing=True))


def chapter_detail(request, work_id, chapter_id):
    work = work_for(request.user, work_id, annotations=_page_annotations(request))
    chapters, shown = chapters_to_read(request.user, work, chapter_id)
    if not shown:
        raise Http404
    if gate := adult_notice(request, work):
        return gate
    # "Next chapter" links say where the reader came from: reaching it means they finished that one.
    came_from = request.GET.get("from", "")
    finished = int(came_from) if came_from.isdigit() and int(came_from) in {c.pk for c in chapters} else None
    record_view(request, work, chapter=shown[0], finished_chapter_id=finished)
    return remember_guest(
        request, _render_work(request, work, chapters, shown, full=len(chapters) == 1, landing=False)
    )


def _render_work(request, work, chapters, shown, *, full, landing):
    numbers = {c.pk: index for index, c in enumerate(chapters, start=1)}
    for chapter in shown:
        chapter.number = numbers[chapter.pk]
    current = shown[0]
    index = numbers[current.pk] - 1
    show_as_posted(work, chapters)
    # A chapter with creators of its own shows them under its title (one query for the chapters shown, none
    # when no chapter of the work has any).
    if work.has_chapter_credits:
        prefetch_related_objects(shown, credits_prefetch())
    else:
        for chapter in shown:
            chapter.credits = []
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
        "series_places": places_of(request.user, work),
        "review_form": add_pseud_choice(ReviewForm(guest=not request.user.is_authenticated), request.user),
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
    work = work_for(request.user, work_id)
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
        ratelimit.hit("imports", f"user:{request.user.pk}")
    except ratelimit.RateLimited as limited:
        minutes = -(-limited.retry_after // 60)
        import_form.add_error(
            "file", f"You have imported many files in a short time. Try again in {minutes} min."
        )
        return import_form, data
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
    if chapter.title and not data.get(f"{prefix}title"):
        data[f"{prefix}title"] = chapter.title
    if prefix and chapter.document_title and not data.get("title"):
        data["title"] = chapter.document_title
    messages.info(request, f"Imported “{upload.name}”. Check the text below, then save or post it.")
    return ImportForm(), data


def _is_epub(request) -> bool:
    upload = request.FILES.get("file")
    return upload is not None and upload.name.lower().endswith(".epub")


def _import_epub(request):
    """An .epub is a whole work: it becomes a draft with all its chapters, shown for review. A refused file
    returns the import form with the reason; the page keeps everything typed."""
    upload = request.FILES["file"]
    try:
        result = epub_import.import_epub(
            author=request.user, content=upload.read(), defaults=epub_import.defaults_from_form(request.POST)
        )
    except importing.ImportError_ as error:
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            import_form.add_error("file", str(error))
        return None, import_form
    chapters = result.work.chapters.count()
    messages.success(
        request,
        f"Imported “{upload.name}” as a draft with {chapters} chapter{'s' if chapters != 1 else ''}. "
        "Check it (edit the work and its chapters as needed), then post it.",
    )
    if result.left_out:
        messages.warning(
            request,
            "These tags could not be used as they were and were left out; add them again in Edit work: "
            + ", ".join(result.left_out),
        )
    return redirect(result.work), None


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
@takes_uploads
@not_suspended
def work_new(request):
    key = "new-work"
    import_form = ImportForm()
    # Written "for" a gift exchange assignment (?assignment=, then a hidden field): fulfilled once posted.
    assignment, refusal = exchange_posting.assignment_of_request(request)
    if refusal:
        messages.error(request, refusal)
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            if _is_epub(request):
                response, import_form = _import_epub(request)
                if response:
                    return response
            else:
                import_form, data = _imported_data(request, data, prefix="chapter-")
            return _work_new_page(
                request,
                _new_work_form(data, request.user),
                ChapterForm(data, prefix="chapter", with_format=False),
                import_form,
                key,
                assignment=assignment,
            )
        work_form = _new_work_form(data, request.user)
        chapter_form = ChapterForm(data, prefix="chapter", with_format=False)
        action = request.POST.get("action")
        release_at = chapter_form.wants_schedule(action) if chapter_form.is_valid() else None
        co_creators = []
        if work_form.is_valid():
            try:
                co_creators = invitees(work_form.cleaned_data["co_creators"], request.user)
            except ValidationError as error:
                work_form.add_error("co_creators", error)
        if work_form.is_valid() and chapter_form.is_valid():
            post = action == "post"
            fields = work_form.work_fields()
            try:
                # One change: a collection that refuses the work leaves no work made, and the form as typed.
                with transaction.atomic():
                    work = services.create_work(
                        author=request.user,
                        work=fields,
                        chapter=chapter_form.chapter_fields(fields.text_format),
                        post=post,
                        release_at=release_at,
                        idempotency_key=chapter_form.cleaned_data["token"],
                    )
                    _save_collections(request.user, work, work_form)
            except ValidationError as error:
                work_form.add_error(None, error)
            else:
                exchange_posting.fulfil_with(request, assignment, work)
                for pseud in co_creators:
                    if not work.creatorships.filter(user=pseud.user).exists():  # a resent form invites once
                        invite_creator(thing=work, pseud=pseud, inviter=request.user)
                if co_creators:
                    names = ", ".join(pseud.byline for pseud in co_creators)
                    messages.info(request, f"Invited {names}: each is credited once they accept.")
                services.discard_autosave(user=request.user, key=key)
                fill_with_new_work(request, work)  # posted "for" a prompt (?prompt=<id>)
                if post:
                    messages.success(request, "Your work was posted. Readers can find it now.")
                elif release_at:
                    messages.success(request, f"Scheduled: your work will be posted {_when(release_at)}.")
                else:
                    messages.success(request, "Saved as a draft. Only you can see it until you post it.")
                return redirect(work)
        return _work_new_page(request, work_form, chapter_form, import_form, key, assignment=assignment)
    saved = _restore_autosave(request, key)
    initial = saved.data if saved else None
    return _work_new_page(
        request,
        _new_work_form(initial, request.user),
        ChapterForm(initial, prefix="chapter", with_format=False),
        import_form,
        key,
        restored=bool(saved),
        assignment=assignment,
    )


def _new_work_form(data, user) -> WorkForm:
    return add_co_creators_field(add_pseud_choice(WorkForm(data), user))


def _work_new_page(request, work_form, chapter_form, import_form, key, restored=False, assignment=None):
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
        "assignment": assignment,
        "prompt": prompt_for_new_work(request),
    }
    return render(request, "works/work_new.html", context, status=200)


@not_suspended
def work_edit(request, work_id):
    work = get_own_work(request.user, work_id)
    if request.method == "POST":
        form = WorkForm(request.POST, posted_chapters=work.chapter_count)
        add_pseud_choice(form, request.user, current=credited_pseud(request.user, work))
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.update_work(work=work, user=request.user, fields=form.work_fields())
                    _save_collections(request.user, work, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                services.discard_autosave(user=request.user, key=f"work-{work.pk}")
                messages.success(request, "Your changes to the work were saved.")
                return redirect(work)
    else:
        initial = {**WorkForm.initial_for(work), "collections": collection_names_of(work)}
        form = WorkForm(initial=initial, posted_chapters=work.chapter_count)
        add_pseud_choice(form, request.user, current=credited_pseud(request.user, work))
    context = {"work": work, "form": form, "collection_items": list(items_of_work(work))}
    return render(request, "works/work_edit.html", context)


def _save_collections(user, work, form) -> None:
    """The form's "Collections" (None when the client did not send the field: left as they are)."""
    names = form.cleaned_data.get("collections")
    if names is not None:
        set_work_collections(work=work, user=user, names=names)


@require_POST
@not_suspended
def work_post(request, work_id):
    work = get_own_work(request.user, work_id)
    services.post_work(work=work, user=request.user)
    messages.success(request, "Your work was posted. Readers can find it now.")
    return redirect(work)


@not_suspended
def work_delete(request, work_id):
    work = get_own_work(request.user, work_id)
    if request.method == "POST":
        title = work.title
        services.delete_work(work=work, user=request.user)
        messages.success(request, f"“{title}” was deleted.")
        return redirect("accounts:profile", request.user.username)
    return render(request, "works/work_delete.html", {"work": work})


def _chapter_form(user, work, chapter, *args, **kwargs) -> ChapterForm:
    """A chapter form with the member's pseud select (when they have several), starting at the pseud they
    are credited under on this chapter, or else on the work."""
    current = (chapter is not None and credited_pseud(user, chapter)) or credited_pseud(user, work)
    return add_pseud_choice(ChapterForm(*args, **kwargs), user, current=current)


@takes_uploads
@not_suspended
def chapter_new(request, work_id):
    work = get_own_work(request.user, work_id)
    chapter_form = partial(_chapter_form, request.user, work, None)
    key = f"work-{work.pk}-new-chapter"
    import_form = ImportForm()
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            import_form, data = _imported_data(request, data, prefix="")
            form = chapter_form(data)
        else:
            form = chapter_form(data)
            action = request.POST.get("action")
            release_at = form.wants_schedule(action) if form.is_valid() else None
            chapter = None
            expected_before = work.expected_chapters
            if form.is_valid():
                try:
                    chapter = services.add_chapter(
                        work=work,
                        user=request.user,
                        fields=form.chapter_fields(),
                        post=action == "post",
                        release_at=release_at,
                        idempotency_key=form.cleaned_data["token"],
                    )
                except ValidationError as error:  # the release time passed while the form was on its way
                    form.add_error("release_at", error)
            if chapter is not None:
                if pseud := form.cleaned_data.get("pseud"):
                    credit_chapter_as(chapter=chapter, user=request.user, pseud=pseud)
                services.discard_autosave(user=request.user, key=key)
                if chapter.is_posted and work.expected_chapters != expected_before:
                    messages.success(
                        request,
                        f"Your chapter was posted. The work expected {expected_before} "
                        f"chapter{pluralize(expected_before)} and is now {work.chapters_display}, still complete: "
                        "if more chapters are coming, edit the work and change or clear the expected number.",
                    )
                elif chapter.is_posted:
                    messages.success(request, "Your chapter was posted.")
                elif chapter.is_scheduled:
                    messages.success(request, f"Scheduled: your chapter will be posted {_when(release_at)}.")
                else:
                    messages.success(
                        request, "Chapter saved as a draft. Only you can see it until you post it."
                    )
                return redirect(chapter)
        restored = False
    else:
        saved = _restore_autosave(request, key)
        restored = bool(saved)
        form = chapter_form(saved.data if saved else None, initial={"text_format": work.text_format})
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


@takes_uploads
@not_suspended
def chapter_edit(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    chapter_form = partial(_chapter_form, request.user, work, chapter)
    key = f"chapter-{chapter.pk}"
    conflict = None
    import_form = ImportForm()
    restored = False
    if request.method == "POST":
        data = request.POST
        if request.POST.get("action") == "import":
            import_form, data = _imported_data(request, data, prefix="")
            form = chapter_form(data)
        else:
            form = chapter_form(data, with_schedule=not chapter.is_posted)
            action = request.POST.get("action")
            release_at = form.wants_schedule(action) if form.is_valid() and not chapter.is_posted else None
            if form.is_valid():
                base_version = form.cleaned_data["version"] or chapter.version
                try:
                    chapter = services.update_chapter(
                        chapter=chapter,
                        user=request.user,
                        fields=form.chapter_fields(),
                        base_version=base_version,
                    )
                except services.EditConflict as error:
                    conflict = error.current
                    # The writer's text stays in the form; saving again now knowingly replaces the other version.
                    data = data.copy()
                    data["version"] = conflict.version
                    form = chapter_form(data, with_schedule=not chapter.is_posted)
                    form.is_valid()
                else:
                    if pseud := form.cleaned_data.get("pseud"):
                        credit_chapter_as(chapter=chapter, user=request.user, pseud=pseud)
                    services.discard_autosave(user=request.user, key=key)
                    messages.success(request, _save_schedule(chapter, request.user, action, release_at))
                    return redirect(chapter)
    else:
        saved = _restore_autosave(request, key)
        if saved and saved.saved_at > chapter.updated_at:
            restored = True
            data = dict(saved.data, version=chapter.version)
            form = chapter_form(data, with_schedule=not chapter.is_posted)
            form._errors = {}
        else:
            form = chapter_form(initial=ChapterForm.initial_for(chapter), with_schedule=not chapter.is_posted)
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


def _when(moment) -> str:
    """ "on 2026-12-24 at 18:00 (Europe/Paris)", in the writer's time zone."""
    local = timezone.localtime(moment)
    return f"on {local:%Y-%m-%d} at {local:%H:%M} ({timezone.get_current_timezone_name()})"


def _save_schedule(chapter, user, action, release_at) -> str:
    """After an edit is saved: post, schedule or unschedule as the button asked; says what happened."""
    if chapter.is_posted:
        if action in {"schedule", "unschedule"}:
            return "This chapter was already posted, so your changes were saved to the posted chapter."
        return "Your changes to the chapter were saved."
    if action == "post":
        services.post_chapter(chapter=chapter, user=user)
        return "Your chapter was saved and posted."
    try:
        if release_at:
            services.schedule_chapter(chapter=chapter, user=user, release_at=release_at)
            return f"Saved. The chapter will be posted {_when(release_at)}."
        was_scheduled = chapter.is_scheduled
        services.unschedule_chapter(chapter=chapter, user=user)
    except services.AlreadyPosted:
        return "This chapter was released meanwhile, so your changes were saved to the posted chapter."
    except ValidationError:
        return "Your changes were saved, but the release time had passed: choose a new time, or post it now."
    if was_scheduled:
        return "Saved, and the schedule was cancelled: the chapter stays unposted until you post it."
    return "Your changes to the chapter were saved."


@require_POST
@not_suspended
def chapter_unschedule(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    if chapter.is_posted:
        messages.info(request, "This chapter is already posted.")
    else:
        services.unschedule_chapter(chapter=chapter, user=request.user)
        messages.success(request, "The schedule was cancelled: the chapter stays unposted until you post it.")
    return redirect(chapter)


@require_POST
@not_suspended
def chapter_post(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    services.post_chapter(chapter=chapter, user=request.user)
    messages.success(request, "Your chapter was posted.")
    return redirect(chapter)


@not_suspended
def chapter_delete(request, work_id, chapter_id):
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    if request.method == "POST":
        try:
            services.delete_chapter(chapter=chapter, user=request.user)
        except services.LastChapter as error:
            messages.error(request, str(error))
            return redirect(chapter)
        messages.success(request, "The chapter was deleted.")
        return redirect(work)
    return render(request, "works/chapter_delete.html", {"work": work, "chapter": chapter})


@not_suspended
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
                services.reorder_chapters(
                    work=work, user=request.user, chapter_ids=sorted(wanted, key=wanted.get)
                )
                messages.success(request, "The chapters were reordered.")
                return redirect("works:navigate", work.pk)
        for chapter in chapters:
            chapter.requested = request.POST.get(f"position-{chapter.pk}", chapter.position)
    return render(request, "works/chapters_manage.html", {"work": work, "chapters": chapters, "error": error})


@login_required
@require_POST
def autosave(request, key):
    """Answers a line for the form's status; the error lines are shown there too (htmx-config in base.html
    swaps a 413 in)."""
    data = {name: value for name, value in request.POST.items() if name not in AUTOSAVE_SKIP}
    try:
        saved = services.autosave(user=request.user, key=key, data=data)
    except (ObjectDoesNotExist, PermissionDenied) as error:
        # Someone else's form is no form of yours: 404, as their edit pages answer.
        raise Http404 from error
    except services.AutosaveTooLong as error:
        return HttpResponse(str(error), content_type="text/plain", status=413)
    return HttpResponse(
        f"Autosaved at {timezone.localtime(saved.saved_at):%H:%M:%S}", content_type="text/plain"
    )


@login_required
@require_POST
def autosave_discard(request, key):
    services.discard_autosave(user=request.user, key=key)
    messages.info(request, "The autosaved text was discarded.")
    return redirect(safe_next(request, request.POST.get("next"), "/"))
