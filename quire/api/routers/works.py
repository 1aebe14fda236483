"""A work and its chapters: reading them as the pages show them, and writing them as the forms do."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Status
from ninja.errors import HttpError

from quire.access.reading import work_for
from quire.access.surfaces import Surface
from quire.accounts.services import own_pseud
from quire.api import links
from quire.api.auth import OPTIONAL_SECURITY, OptionalTokenAuth, TokenAuth
from quire.api.errors import FieldErrors, not_found, responses
from quire.api.output import chapter_detail_out, chapter_out, work_detail_out
from quire.api.routers.listings import listing
from quire.api.schemas import (
    ChapterDetailOut,
    ChapterOut,
    ChapterUpdateIn,
    ErrorOut,
    GiftsIn,
    NewChapterIn,
    SearchFilters,
    WorkDetailOut,
    WorkFilters,
    WorkIn,
    WorkPage,
    WorkStatsOut,
)
from quire.api.throttles import ReadThrottle, WriteThrottle
from quire.gifts import services as gifts
from quire.gifts.services import split_names
from quire.insights.selectors import work_stats
from quire.works import services
from quire.works.forms import ChapterForm, WorkForm
from quire.works.models import Chapter
from quire.works.selectors import get_own_work, visible_chapters

router = Router(tags=["works"])
OWN = {"auth": TokenAuth(), "throttle": [ReadThrottle()]}
WRITE = {"auth": TokenAuth(), "throttle": [ReadThrottle(), WriteThrottle()]}


def read(**extra) -> dict:
    return {
        "auth": OptionalTokenAuth(),
        "throttle": [ReadThrottle()],
        "openapi_extra": {**OPTIONAL_SECURITY, **extra},
    }


# OpenAPI links: where a client (and schemathesis's stateful phase) can go next with what an answer holds.
WORK_ID = {"work_id": "$response.body#/id"}
SAME_WORK = {"work_id": "$request.path.work_id"}
THIS_CHAPTER = {**SAME_WORK, "chapter_id": "$response.body#/id"}
CHAPTER_LINKS = {
    "GetChapter": links.to("works.chapter_detail", THIS_CHAPTER),
    "UpdateChapter": links.to(
        "works.update_chapter", THIS_CHAPTER, body={"version": "$response.body#/version"}
    ),
    "PostChapter": links.to("works.post_chapter", THIS_CHAPTER),
}


def _visible(user, work_id: int):
    try:
        work = work_for(user, work_id, Surface.API)
    except Http404:
        raise not_found("work") from None
    chapters = visible_chapters(user, work)
    if not chapters:
        raise not_found("work")
    return work, chapters


def _own(user, work_id: int):
    try:
        return get_own_work(user, work_id)
    except Http404:
        raise HttpError(404, "You have no work with that number.") from None


def _numbered(chapters, chapter_id: int) -> tuple[Chapter, int]:
    for number, chapter in enumerate(chapters, start=1):
        if chapter.pk == chapter_id:
            return Chapter.objects.get(pk=chapter_id), number
    raise not_found("chapter")


# --- Reading ----------------------------------------------------------------------------------------


@router.get(
    "/works",
    response=responses({200: WorkPage}, finds=False),
    **read(
        **links.on(
            200, GetFirstWork=links.to("works.work_detail", {"work_id": "$response.body#/results/0/id"})
        )
    ),
)
def list_works(request, filters: Query[WorkFilters]):
    """Posted works, newest update first unless sorted otherwise: the archive's Works listing."""
    return listing(request, filters)


@router.get(
    "/works/search",
    response=responses({200: WorkPage}, finds=False),
    **read(
        **links.on(
            200, GetFirstWork=links.to("works.work_detail", {"work_id": "$response.body#/results/0/id"})
        )
    ),
)
def search_works(request, filters: Query[SearchFilters]):
    """Full-text search over titles, tags, names, summaries and chapter text, with the listing filters."""
    return listing(request, filters, searching=True)


@router.get(
    "/works/{work_id}",
    response=responses({200: WorkDetailOut}),
    **read(
        **links.on(
            200,
            GetChapters=links.to("works.work_chapters", SAME_WORK),
            GetFirstChapter=links.to(
                "works.chapter_detail", {**SAME_WORK, "chapter_id": "$response.body#/chapter_list/0/id"}
            ),
            GetFirstFandom=links.to("tags.tag_detail", {"name": "$response.body#/fandoms/0"}),
            GetAuthorsWorks=links.to("listings.user_works", {"username": "$response.body#/author/username"}),
        )
    ),
)
def work_detail(request, work_id: int):
    """A work's metadata and its chapter list, as its page shows them."""
    work, chapters = _visible(request.auth, work_id)
    return work_detail_out(request, work, chapters)


@router.get(
    "/works/{work_id}/chapters",
    response=responses({200: list[ChapterOut]}),
    **read(
        **links.on(
            200,
            GetFirstChapter=links.to(
                "works.chapter_detail", {**SAME_WORK, "chapter_id": "$response.body#/0/id"}
            ),
        )
    ),
)
def work_chapters(request, work_id: int):
    """The chapters you may read (the writer also sees unposted ones), without their text."""
    work, chapters = _visible(request.auth, work_id)
    return [chapter_out(request, c, n) for n, c in enumerate(chapters, start=1)]


@router.get(
    "/works/{work_id}/chapters/{chapter_id}",
    response=responses({200: ChapterDetailOut}),
    **read(**links.on(200, UpdateChapter=CHAPTER_LINKS["UpdateChapter"])),
)
def chapter_detail(request, work_id: int, chapter_id: int):
    """One chapter with its text, as sanitized HTML."""
    work, chapters = _visible(request.auth, work_id)
    return chapter_detail_out(request, *_numbered(chapters, chapter_id))


# --- Writing ----------------------------------------------------------------------------------------


def _chapter_form(payload, *, prefix=None, text_format=True):
    fields = payload if isinstance(payload, dict) else payload.dict()
    data = {
        (f"{prefix}-{name}" if prefix else name): fields.get(name, "")
        for name in ("title", "summary", "notes", "end_notes", "body")
    }
    if text_format:
        data["text_format"] = fields["text_format"]
    if "version" in fields:
        data["version"] = fields["version"]
    return ChapterForm(data, prefix=prefix, with_format=text_format)


@router.post(
    "/works",
    response=responses({201: WorkDetailOut}, writes=True, finds=False),
    openapi_extra=links.on(
        201,
        GetWork=links.to("works.work_detail", WORK_ID),
        GetChapters=links.to("works.work_chapters", WORK_ID),
        GetStats=links.to("works.work_stats_view", WORK_ID),
        AddChapter=links.to("works.add_chapter", WORK_ID),
        GetFirstChapter=links.to(
            "works.chapter_detail", {**WORK_ID, "chapter_id": "$response.body#/chapter_list/0/id"}
        ),
        PostFirstChapter=links.to(
            "works.post_chapter", {**WORK_ID, "chapter_id": "$response.body#/chapter_list/0/id"}
        ),
    ),
    **WRITE,
)
def create_work(request, payload: WorkIn):
    """Post a new work with its first chapter, or save it as a draft (post=false). The same rules as the
    “Post new work” form; subscribers to you are told when it is posted."""
    fields = payload.dict()
    data = {
        **{name: fields[name] for name in ("title", "rating", "warnings", "categories", "language")},
        **{name: fields[name] for name in ("summary", "notes", "end_notes", "review_policy", "text_format")},
        **{name: fields[name] for name in ("restricted", "moderate_reviews")},
        "expected_chapters": fields["expected_chapters"] if fields["expected_chapters"] is not None else "",
        "published_on": fields["published_on"] or "",
    }
    tag_errors = []
    for name in ("fandoms", "relationships", "characters", "additional_tags"):
        # The form reads comma-separated names; a comma inside one name would split it silently.
        tag_errors += [
            (name, f"“{tag}” contains a comma: give each tag as its own item.")
            for tag in fields[name]
            if "," in tag
        ]
        data[name] = ", ".join(fields[name])
    tag_errors += _comma_errors(fields["gift_to"])
    data["recipients"] = ", ".join(fields["gift_to"])
    work_form = WorkForm(data)
    chapter_form = _chapter_form(fields["chapter"], prefix="chapter", text_format=False)
    valid = work_form.is_valid() & chapter_form.is_valid()
    try:
        pseud = own_pseud(request.auth, name=fields["pseud"]) if fields["pseud"] else None
    except ValidationError as error:
        tag_errors.append(("pseud", error.messages[0]))
    if tag_errors or not valid:
        errors = FieldErrors.from_forms(
            (work_form, ""), (chapter_form, "chapter"), rename={"recipients": "gift_to"}
        )
        raise FieldErrors(tag_errors + errors.errors)
    work_fields = work_form.work_fields()
    work_fields.pseud_id = pseud.pk if pseud else None
    try:
        work = services.create_work(
            author=request.auth,
            work=work_fields,
            chapter=chapter_form.chapter_fields(work_fields.text_format),
            post=payload.post,
        )
    except ValidationError as error:
        raise FieldErrors.from_django(error, rename={"recipients": "gift_to"}) from None
    work = get_own_work(request.auth, work.pk)
    return Status(201, work_detail_out(request, work, visible_chapters(request.auth, work)))


def _comma_errors(names: list[str]) -> list[tuple[str, str]]:
    # The form reads comma-separated names; a comma inside one name would split it silently.
    return [
        ("gift_to", f"“{name}” contains a comma: give each name as its own item.")
        for name in names
        if "," in name
    ]


@router.put(
    "/works/{work_id}/gifts",
    response=responses({200: WorkDetailOut}, writes=True),
    openapi_extra=links.on(200, GetWork=links.to("works.work_detail", SAME_WORK)),
    **WRITE,
)
def set_gifts(request, work_id: int, payload: GiftsIn):
    """Say who your work is a gift to, as the work's “Gift to” field does."""
    work = _own(request.auth, work_id)
    if errors := _comma_errors(payload.gift_to):
        raise FieldErrors(errors)
    try:
        gifts.set_gifts(work=work, user=request.auth, names=split_names(", ".join(payload.gift_to)))
    except ValidationError as error:
        raise FieldErrors.from_django(error, rename={"recipients": "gift_to"}) from None
    work = get_own_work(request.auth, work.pk)
    return work_detail_out(request, work, visible_chapters(request.auth, work))


@router.post(
    "/works/{work_id}/chapters",
    response=responses({201: ChapterDetailOut}, writes=True),
    openapi_extra=links.on(201, **CHAPTER_LINKS),
    **WRITE,
)
def add_chapter(request, work_id: int, payload: NewChapterIn):
    """Add a chapter to your work: posted now (post=true) or kept as a draft. Subscribers are told when a
    chapter is posted."""
    work = _own(request.auth, work_id)
    form = _chapter_form(payload)
    if not form.is_valid():
        raise FieldErrors.from_forms((form, ""))
    chapter = services.add_chapter(
        work=work, user=request.auth, fields=form.chapter_fields(), post=payload.post
    )
    chapters = visible_chapters(request.auth, work)
    return Status(201, chapter_detail_out(request, *_numbered(chapters, chapter.pk)))


@router.put(
    "/works/{work_id}/chapters/{chapter_id}",
    response=responses({200: ChapterDetailOut, 409: ErrorOut}, writes=True),
    openapi_extra=links.on(200, **CHAPTER_LINKS),
    **WRITE,
)
def update_chapter(request, work_id: int, chapter_id: int, payload: ChapterUpdateIn):
    """Replace a chapter's text and notes. Send the `version` you edited: if the chapter changed since,
    nothing is saved and the answer is 409, so no edit overwrites another."""
    work = _own(request.auth, work_id)
    chapter = Chapter.objects.filter(pk=chapter_id, work=work).first()
    if chapter is None:
        raise HttpError(404, "Your work has no chapter with that number.")
    form = _chapter_form(payload)
    if not form.is_valid():
        raise FieldErrors.from_forms((form, ""))
    try:
        chapter = services.update_chapter(
            chapter=chapter, user=request.auth, fields=form.chapter_fields(), base_version=payload.version
        )
    except services.EditConflict as conflict:
        current = conflict.current.version
        if payload.version > current:
            happened = f"Version {payload.version} of this chapter does not exist yet; the chapter is at version {current}."
        else:
            happened = f"This chapter was saved elsewhere since version {payload.version}; it is now version {current}."
        raise HttpError(409, f"{happened} Fetch it, merge your changes and send version {current}.") from None
    if payload.post and not chapter.is_posted:
        chapter = services.post_chapter(chapter=chapter, user=request.auth)
    return chapter_detail_out(request, *_numbered(visible_chapters(request.auth, work), chapter.pk))


@router.post(
    "/works/{work_id}/chapters/{chapter_id}/post",
    response=responses({200: ChapterDetailOut}, writes=True),
    openapi_extra=links.on(200, GetChapter=CHAPTER_LINKS["GetChapter"]),
    **WRITE,
)
def post_chapter(request, work_id: int, chapter_id: int):
    """Post a draft chapter (posting a chapter of a draft work posts the work). Posting twice is harmless."""
    work = _own(request.auth, work_id)
    chapter = Chapter.objects.filter(pk=chapter_id, work=work).first()
    if chapter is None:
        raise HttpError(404, "Your work has no chapter with that number.")
    chapter = services.post_chapter(chapter=chapter, user=request.auth)
    return chapter_detail_out(request, *_numbered(visible_chapters(request.auth, work), chapter.pk))


@router.get("/works/{work_id}/stats", response=responses({200: WorkStatsOut}), **OWN)
def work_stats_view(request, work_id: int):
    """Your work's stats, as its stats page shows them: hits, readers, feedback, per chapter and by day."""
    work = _own(request.auth, work_id)
    posted = [c for c in visible_chapters(request.auth, work) if c.is_posted]
    stats = work_stats(work, posted)
    return {
        "work_id": work.pk,
        **{name: stats[name] for name in ("hits", "readers", "kudos", "reviews", "bookmarks", "subscribers")},
        "more_please": stats["more_please"],
        "chapters": [
            {
                "number": row["number"],
                "chapter_id": row["chapter"].pk,
                "title": row["label"],
                "hits": row["hits"],
                "readers": row["readers"],
                "finishers": row["finishers"],
                "read_through_percent": row["read_through"],
                "went_on": row["went_on"],
                "went_on_percent": row["went_on_percent"],
                "reviews": row["reviews"],
            }
            for row in stats["chapters"]
        ],
        "daily": stats["series"],
    }
