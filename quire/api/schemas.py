"""What the API takes and gives. Limits and choices mirror the web forms, so the OpenAPI document tells
clients the same rules; the forms still run on every write, so messages match the web pages."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool, StrictInt

from quire.core.text import TextFormat, single_line
from quire.discovery.forms import MAX_QUERY_LENGTH, MAX_TAG_PARAMETERS
from quire.tags.enums import TagType
from quire.tags.models import MAX_TAG_LENGTH
from quire.works.enums import Category, Rating, ReviewPolicy, Warning
from quire.works.models import CHAPTER_BODY_MAX, LANGUAGE_CHOICES, NOTES_MAX, SUMMARY_MAX, TITLE_MAX

Language = Literal[tuple(code for code, _ in LANGUAGE_CHOICES)]
# Titles and names are one line, as the forms make them: a line break a client sends becomes a space before
# the length is checked (a non-string goes on to the type check, which refuses it).
OneLine = BeforeValidator(lambda value: single_line(value) if isinstance(value, str) else value)
# Tag names as the filters and forms take them; the forms say what is wrong with a bad one.
TagName = Annotated[str, OneLine, Field(min_length=1, max_length=MAX_TAG_LENGTH)]
DEFAULT_PAGE_LIMIT = 10_000
# A day as YYYY-MM-DD, checked by the listing form; pydantic's own date type would also take 0 (1970-01-01).
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]


# --- Errors -------------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence for people")


class FieldError(Schema):
    field: str = Field(description="The field, as the request named it; “__all__” for the whole request")
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]


# --- Reading ------------------------------------------------------------------------------------------


class WorkFilters(Schema):
    """The filters every web listing takes (?tag=…&rating=…), with the same names and rules."""

    tag: list[TagName] = Field([], max_length=MAX_TAG_PARAMETERS, description="Works in all these tags")
    exclude_tag: list[TagName] = Field([], max_length=MAX_TAG_PARAMETERS)
    rating: list[Rating] = []
    exclude_rating: list[Rating] = []
    warning: list[Warning] = []
    exclude_warning: list[Warning] = []
    category: list[Category] = []
    exclude_category: list[Category] = []
    complete: Literal["", "yes", "no"] = ""
    single_chapter: bool = False
    crossover: Literal["", "exclude", "only"] = ""
    words_from: int | None = Field(None, ge=0, le=2**31 - 1)
    words_to: int | None = Field(None, ge=0, le=2**31 - 1)
    updated_from: Day | None = None
    updated_to: Day | None = None
    language: Language | Literal[""] = ""
    sort: Literal[
        "updated", "posted", "title", "author", "words", "kudos", "hits", "comments", "bookmarks"
    ] = "updated"
    page: int = Field(1, ge=1, le=DEFAULT_PAGE_LIMIT)


class SearchFilters(WorkFilters):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words, “phrases”, -excluded, prefix*")
    sort: Literal[
        "best", "updated", "posted", "title", "author", "words", "kudos", "hits", "comments", "bookmarks"
    ] = "best"


class AuthorOut(Schema):
    username: str
    pseud: str


class WorkOut(Schema):
    id: int
    title: str
    url: str = Field(description="The work's page on the archive")
    author: AuthorOut
    rating: Rating
    warnings: list[Warning]
    categories: list[Category]
    fandoms: list[str]
    relationships: list[str]
    characters: list[str]
    additional_tags: list[str]
    summary_html: str = Field(description="Sanitized HTML")
    language: str
    words: int
    chapters: int = Field(description="Posted chapters")
    expected_chapters: int | None = Field(description="Empty when the writer does not know yet")
    complete: bool
    crossover: bool
    restricted: bool = Field(description="Only shown to logged-in readers (and tokens)")
    draft: bool = Field(description="Only its writer sees a draft")
    kudos: int
    hits: int
    bookmarks: int
    reviews: int
    posted_at: datetime | None
    updated_at: datetime = Field(description="When a chapter was last posted (“Updated” on the page)")


class WorkListItem(WorkOut):
    snippet_html: str | None = Field(None, description="Search results: a passage with the words <mark>ed")


class WorkPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    notices: list[str] = Field(description="What the archive did with the filters, e.g. an unknown tag")
    results: list[WorkListItem]


class ChapterOut(Schema):
    id: int
    number: int = Field(description="Its number among the chapters you may see")
    title: str
    words: int
    posted: bool
    posted_at: datetime | None
    url: str


class WorkDetailOut(WorkOut):
    notes_html: str
    end_notes_html: str
    review_policy: ReviewPolicy
    chapter_list: list[ChapterOut]


class ChapterDetailOut(ChapterOut):
    summary_html: str
    notes_html: str
    end_notes_html: str
    body_html: str
    version: int = Field(description="Send it back when updating the chapter, so edits cannot overwrite")


class TagRef(Schema):
    name: str
    type: TagType
    url: str


class TagOut(TagRef):
    canonical: bool
    synonym_of: TagRef | None
    synonyms: list[TagRef] = Field(description="Names that mean this tag; their works are filed under it")
    parents: list[TagRef]
    children: list[TagRef]
    works: int = Field(description="Works you may see that are filed under this tag")


class MeOut(Schema):
    username: str
    url: str
    token_name: str


# --- Writing ------------------------------------------------------------------------------------------


# Strict: JSON's 0 is not false and "3" is not 3, so a client's type mistake is an error, not a guess.
class ChapterIn(Schema):
    title: Annotated[str, OneLine] = Field("", max_length=TITLE_MAX)
    summary: str = Field("", max_length=SUMMARY_MAX)
    notes: str = Field("", max_length=NOTES_MAX)
    end_notes: str = Field("", max_length=NOTES_MAX)
    body: str = Field(..., min_length=1, max_length=CHAPTER_BODY_MAX)


class NewChapterIn(ChapterIn):
    text_format: TextFormat = TextFormat.RICH
    post: StrictBool = Field(False, description="Post now; otherwise a draft only you see")


class ChapterUpdateIn(NewChapterIn):
    version: StrictInt = Field(
        ..., ge=1, le=2**31 - 1, description="The version you edited, from the chapter"
    )
    post: StrictBool = Field(False, description="Also post it, if it is a draft")


class WorkIn(Schema):
    title: Annotated[str, OneLine] = Field(..., min_length=1, max_length=TITLE_MAX)
    rating: Rating
    warnings: list[Warning] = Field(..., min_length=1)
    fandoms: list[TagName] = Field(..., min_length=1)
    categories: list[Category] = []
    relationships: list[TagName] = []
    characters: list[TagName] = []
    additional_tags: list[TagName] = []
    summary: str = Field("", max_length=SUMMARY_MAX)
    notes: str = Field("", max_length=NOTES_MAX)
    end_notes: str = Field("", max_length=NOTES_MAX)
    language: Language = "en"
    expected_chapters: StrictInt | None = Field(None, ge=1, le=5000)
    restricted: StrictBool = False
    review_policy: ReviewPolicy = ReviewPolicy.EVERYONE
    moderate_reviews: StrictBool = False
    text_format: TextFormat = TextFormat.RICH
    chapter: ChapterIn = Field(description="The first chapter")
    post: StrictBool = Field(False, description="Post now; otherwise a draft only you see")


# --- Stats --------------------------------------------------------------------------------------------


class ChapterStatsOut(Schema):
    number: int
    chapter_id: int
    title: str = Field(description='The chapter\'s title, or "Chapter N" for an untitled one')
    hits: int
    readers: int = Field(description="People who read it (members, and guests by cookie); never the writer")
    finishers: int = Field(description="Of those readers, how many reached its end")
    read_through_percent: int | None = Field(description="finishers of readers; empty when it has no readers")
    went_on: int | None = Field(
        description="Of its readers, how many read the next chapter; empty for the latest"
    )
    went_on_percent: int | None
    reviews: int = Field(description="Reviews and replies by readers (the writer's replies are not counted)")


class DayStatsOut(Schema):
    day: date
    hits: int
    new_readers: int = Field(description="People reading the work for the first time that day")


class WorkStatsOut(Schema):
    work_id: int
    hits: int
    readers: int = Field(description="People who read it (members, and guests by cookie); never the writer")
    kudos: int
    reviews: int
    bookmarks: int
    subscribers: int
    more_please: int = Field(description="Readers asking for the next chapter, by the button or in a review")
    chapters: list[ChapterStatsOut]
    daily: list[DayStatsOut] = Field(description="The last 30 days")
