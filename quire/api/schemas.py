"""What the API takes and gives. Limits and choices mirror the web forms, so the OpenAPI document tells
clients the same rules; the forms still run on every write, so messages match the web pages."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, StrictBool, StrictInt

from quire.accounts.models import User
from quire.core.text import TextFormat, single_line
from quire.discovery.forms import MAX_QUERY_LENGTH, MAX_TAG_PARAMETERS
from quire.tags.enums import TagType
from quire.tags.models import FORBIDDEN_TAG_CHARACTERS, MAX_TAG_LENGTH
from quire.works.enums import Category, Rating, ReviewPolicy, Warning
from quire.works.forms import MAX_TAGS_PER_WORK
from quire.works.models import CHAPTER_BODY_MAX, LANGUAGE_CHOICES, NOTES_MAX, SUMMARY_MAX, TITLE_MAX

Language = Literal[tuple(code for code, _ in LANGUAGE_CHOICES)]
# Titles and names are one line, as the forms make them: line breaks and control characters become a space.
# After the length check, so the lengths the document states are those of what the client sent (a title of
# 260 characters with a run of line breaks was accepted, its maxLength being 255).
OneLine = AfterValidator(single_line)
# Tag names as the filters and forms take them; the forms say what is wrong with a bad one.
TagName = Annotated[str, Field(min_length=1, max_length=MAX_TAG_LENGTH), OneLine]
# "pseud (username)" at its longest, or a name of someone not a member (quire.gifts).
GiftName = Annotated[str, Field(min_length=1, max_length=200), OneLine]
# The rules the forms add, stated for clients (a JSON Schema cannot say "not already a tag of another type").
NO_NUL = "A NUL character (U+0000) is refused with 422."
_FORBIDDEN = " ".join(FORBIDDEN_TAG_CHARACTERS.pattern[1:-1].replace("\\\\", "\\"))
NEW_TAG_RULES = (
    "Each item is one tag; spaces and line breaks are tidied, and a name left empty or given twice (in any "
    "case) is dropped. Refused with 422: a name already used by a tag of another type (a character named "
    f"like a fandom, say), one with any of {_FORBIDDEN} or NUL, and more than {MAX_TAGS_PER_WORK} tags in "
    "the four lists together."
)
ONE_LINE = "Line breaks and control characters become spaces, and spaces at the ends are dropped."


def _whole_number(value):
    # JSON Schema's "integer" includes 2.0 (some JSON encoders write every number so); 2.5 stays an error.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def whole_number(*, ge: int, le: int):
    """An integer field's type: whole-number floats are taken, and nothing else that is not an int (JSON's
    true is not 1 and "3" is not 3, so a client's type mistake is an error, not a guess). The bounds come
    before the float's conversion: after it, in an optional field, pydantic wrote them into the document
    as unknown keywords ("ge") and the document lost them."""
    return Annotated[StrictInt, Field(ge=ge, le=le), BeforeValidator(_whole_number)]


DEFAULT_PAGE_LIMIT = 10_000
# A tag name in an address, each character escaped at worst ("*" is "*x*"), and a username.
TAG_ADDRESS_MAX = 3 * MAX_TAG_LENGTH
USERNAME_MAX = User._meta.get_field("username").max_length
# A day as YYYY-MM-DD, checked by the listing form; pydantic's own date type would also take 0 (1970-01-01).
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]


# --- Errors -------------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence for people")


class FieldError(Schema):
    field: str = Field(description="The field, as the request named it; “__all__” for the whole request")
    message: str


class ValidationErrorOut(Schema):
    """A field breaks a rule: one the schema states (a type, a length, a choice) or one an operation or a
    field states in its description (e.g. `words_from` at most `words_to`, a tag name taken by another type
    of tag, a NUL character in a text). Each error names its field, with the web form's own message."""

    detail: str
    errors: list[FieldError]


# --- Reading ------------------------------------------------------------------------------------------


class WorkFilters(Schema):
    """The filters every web listing takes (?tag=…&rating=…), with the same names and rules."""

    tag: list[TagName] = Field([], max_length=MAX_TAG_PARAMETERS, description="Works in all these tags")
    exclude_tag: list[TagName] = Field(
        [], max_length=MAX_TAG_PARAMETERS, description="Works in none of these"
    )
    # Each choice at most once: bounded, so is the address (quire/core/request_line.py).
    rating: list[Rating] = Field([], max_length=len(Rating))
    exclude_rating: list[Rating] = Field([], max_length=len(Rating))
    warning: list[Warning] = Field([], max_length=len(Warning))
    exclude_warning: list[Warning] = Field([], max_length=len(Warning))
    category: list[Category] = Field([], max_length=len(Category))
    exclude_category: list[Category] = Field([], max_length=len(Category))
    complete: Literal["", "yes", "no"] = ""
    single_chapter: bool = False
    crossover: Literal["", "exclude", "only"] = ""
    words_from: int | None = Field(
        None, ge=0, le=2**31 - 1, description="At most `words_to` when both are given; otherwise 422"
    )
    words_to: int | None = Field(
        None, ge=0, le=2**31 - 1, description="At least `words_from` when both are given; otherwise 422"
    )
    updated_from: Day | None = Field(
        None, description="A day; not after `updated_to` when both are given, otherwise 422"
    )
    updated_to: Day | None = Field(
        None,
        description="A day before 9999-12-31; not before `updated_from` when both are given, otherwise 422",
    )
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


# As the web's bylines show it (accounts.Pseud.shown_name).
PSEUD_SHOWN = (
    "The pseud's name; an imported author's pen name not yet claimed is marked “Name (imported)”, as the "
    "archive's bylines show it; “Anonymous” for an anonymous work (its creators see their own)"
)


class AuthorOut(Schema):
    username: str | None = Field(description="Empty for an anonymous work (its creators see their own)")
    pseud: str = Field(description=PSEUD_SHOWN)


class CreatorOut(Schema):
    pseud: str = Field(description=PSEUD_SHOWN)
    user: str | None = Field(description="The pseud's account (its username); empty for an anonymous work")
    url: str | None = Field(description="The pseud's page on the archive; empty for an anonymous work")


class GiftOut(Schema):
    name: str = Field(description="As the work shows it: “pseud (username)” for a member, or a name")
    username: str | None = Field(description="The member's username; empty for someone not a member")
    pseud: str | None = Field(
        description="The member's pseud, “Name (imported)” for an unclaimed imported author; empty for someone not a member"
    )
    url: str | None = Field(description="The member's pseud page")


class WorkOut(Schema):
    id: int
    title: str
    url: str = Field(description="The work's page on the archive")
    author: AuthorOut = Field(
        description="The lead creator (the first to be credited); every creator is in `creators`"
    )
    creators: list[CreatorOut] = Field(
        description="Everyone credited on the work, the lead first; invitations not yet accepted are left out"
    )
    anonymous: bool = Field(
        description="In an anonymous collection: its creators are “Anonymous” to everyone else until the reveal"
    )
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
    gift_to: list[GiftOut] = Field(description="Who the work is a gift to (refused gifts are not shown)")


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


class RelatedWorkOut(Schema):
    kind: Literal["inspired", "translation", "podfic", "remix"] = Field(
        description="How the child is made from the parent: inspired by, a translation, a podfic or a remix of it"
    )
    title: str
    creator: str
    url: str = Field(
        description="Its page on this archive, or its http(s) address elsewhere (empty if it had none)"
    )
    work_id: int | None = Field(description="Its id on this archive; empty for a work elsewhere")
    language: str | None = Field(description="A work on this archive: its language (a translation's)")


class WorkDetailOut(WorkOut):
    notes_html: str
    end_notes_html: str
    review_policy: ReviewPolicy
    chapter_list: list[ChapterOut]
    parent_works: list[RelatedWorkOut] = Field(
        description="What this work is inspired by, a translation, podfic or remix of (the works you may see)"
    )
    child_works: list[RelatedWorkOut] = Field(
        description="Works made from this one that its writer listed on it, translations included (those you may see)"
    )


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


# Strict: JSON's 0 is not false and "3" is not 3 (whole_number above), so a client's type mistake is an error.
class ChapterIn(Schema):
    title: Annotated[str, Field(max_length=TITLE_MAX), OneLine] = Field(
        "", description=f"{ONE_LINE} {NO_NUL}"
    )
    summary: str = Field("", max_length=SUMMARY_MAX, description=NO_NUL)
    notes: str = Field("", max_length=NOTES_MAX, description=NO_NUL)
    end_notes: str = Field("", max_length=NOTES_MAX, description=NO_NUL)
    body: str = Field(
        ...,
        min_length=1,
        max_length=CHAPTER_BODY_MAX,
        description=f"The chapter's text. {NO_NUL}",
    )


class NewChapterIn(ChapterIn):
    text_format: TextFormat = TextFormat.RICH
    post: StrictBool = Field(False, description="Post now; otherwise a draft only you see")


class ChapterUpdateIn(NewChapterIn):
    version: whole_number(ge=1, le=2**31 - 1) = Field(
        ...,
        description="The version you edited, from the chapter; any other is refused with 409, nothing saved",
    )
    post: StrictBool = Field(False, description="Also post it, if it is a draft")


class WorkIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=TITLE_MAX), OneLine] = Field(
        ..., description=f"{ONE_LINE} A title of only spaces is refused with 422. {NO_NUL}"
    )
    rating: Rating
    warnings: list[Warning] = Field(
        ..., min_length=1, description="“none_apply” goes with no other warning but “chose_not_to_warn” (422)"
    )
    fandoms: list[TagName] = Field(..., min_length=1, description=f"At least one. {NEW_TAG_RULES}")
    categories: list[Category] = []
    relationships: list[TagName] = Field([], description=NEW_TAG_RULES)
    characters: list[TagName] = Field([], description=NEW_TAG_RULES)
    additional_tags: list[TagName] = Field([], description=NEW_TAG_RULES)
    summary: str = Field("", max_length=SUMMARY_MAX, description=NO_NUL)
    notes: str = Field("", max_length=NOTES_MAX, description=NO_NUL)
    end_notes: str = Field("", max_length=NOTES_MAX, description=NO_NUL)
    language: Language = "en"
    expected_chapters: whole_number(ge=1, le=5000) | None = None
    restricted: StrictBool = False
    review_policy: ReviewPolicy = ReviewPolicy.EVERYONE
    moderate_reviews: StrictBool = False
    text_format: TextFormat = TextFormat.RICH
    pseud: Annotated[str, Field(max_length=40), OneLine] | None = Field(
        None,
        description="The name of one of your pseuds to post it under; your default pseud when left out (422 if you have none such)",
    )
    gift_to: list[GiftName] = Field(
        [],
        max_length=30,
        description="A gift to these people: a member as “pseud” or “pseud (username)”, anyone else by name",
    )
    chapter: ChapterIn = Field(description="The first chapter")
    post: StrictBool = Field(False, description="Post now; otherwise a draft only you see")
    published_on: Day | None = Field(
        None,
        description="Backdating: the day it counts as published (listed and sorted by it), today or earlier "
        "and not before 1900 (422 otherwise); posting a draft later keeps it. Empty: the day it is posted.",
    )


class GiftsIn(Schema):
    gift_to: list[GiftName] = Field(
        ...,
        max_length=30,
        description="Everyone the work is a gift to, replacing the list: a member as “pseud” or "
        "“pseud (username)”, anyone else by name; [] makes it nobody's gift. Members given it now are told "
        "once it is posted; a member who blocked you is refused with 422.",
    )


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


# --- Collections ---------------------------------------------------------------------------------------

MYSTERY = (
    "Works in it you may not see before the reveal (an unrevealed collection's): counted here, shown "
    "nowhere, as the collection's page lists them as “Mystery work”"
)
ALREADY_IN = (
    "Refused with 422 (the web's own messages, on `work_id`): a work that is not yours (“You can add only "
    "your own works to a collection.”), a closed collection (“… is closed to new works.”; its maintainers "
    "may still add), a work already in it (“… is already in …”), waiting for its maintainers' approval "
    "(“… already waits for approval in …”) or that they turned down (“… turned … down.”)."
)


class CollectionRef(Schema):
    name: str = Field(description="Its name in its address: /collections/<name>")
    title: str
    url: str = Field(description="Its page on the archive")


class CollectionSettingsOut(Schema):
    open: bool = Field(description="Members may add their works and bookmarks (its maintainers always may)")
    moderated: bool = Field(description="What members add waits for a maintainer's approval")
    unrevealed: bool = Field(description="Its works are hidden until the reveal (“Mystery work”)")
    anonymous: bool = Field(description="Its works' creators are “Anonymous” until the creators' reveal")
    reveal_at: datetime | None = Field(description="When the works are revealed; empty: by hand")
    reveal_creators_at: datetime | None = Field(description="When the creators are revealed; empty: by hand")


class CollectionOut(CollectionRef):
    header: str = Field(description="One line under the title")
    items: int = Field(
        description="Works and bookmarks in it, approved by both sides (mystery works included), as the "
        "collections index counts them"
    )
    subcollections: int
    settings: CollectionSettingsOut


class CollectionPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    results: list[CollectionOut]


class CollectionCountsOut(Schema):
    works: int = Field(description="Works in it and its subcollections that you may see")
    mystery_works: int = Field(description=MYSTERY)
    bookmarks: int = Field(description="Public bookmarks in it, of works you may see")
    subcollections: int


class CollectionDetailOut(CollectionRef):
    header: str
    description_html: str = Field(description="Sanitized HTML")
    rules_html: str = Field(description="Sanitized HTML")
    settings: CollectionSettingsOut
    parent: CollectionRef | None = Field(description="The standing collection it is part of, if any")
    subcollections: list[CollectionRef] = Field(
        description="Its events (a standing collection's); their works are its works too"
    )
    counts: CollectionCountsOut
    prompt_meme: bool = Field(description="It runs a prompt meme: see its prompts")
    exchange: bool = Field(description="It runs a gift exchange: see your sign-up and assignments")


class CollectionWorkPage(WorkPage):
    mystery_works: int = Field(description=MYSTERY)


class CollectionFilters(Schema):
    page: int = Field(1, ge=1, le=DEFAULT_PAGE_LIMIT)


class CollectionWorkIn(Schema):
    work_id: whole_number(ge=1, le=2**31 - 1) = Field(..., description=f"One of your works. {ALREADY_IN}")


class CollectionItemOut(Schema):
    collection: CollectionRef
    work_id: int
    status: Literal["approved", "waiting"] = Field(
        description="In the collection now, or waiting for a maintainer's approval (a moderated collection)"
    )


class BookmarkOut(Schema):
    id: int
    bookmarker: str = Field(description="The pseud it is listed under, as “pseud (username)”")
    username: str
    note_html: str = Field(description="Sanitized HTML")
    tags: list[str] = Field(description="The reader's own tags")
    rec: bool = Field(description="Recommended")
    created_at: datetime
    work: WorkOut


class BookmarkPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    results: list[BookmarkOut]


# --- Prompt memes --------------------------------------------------------------------------------------

CLAIM_RULES = (
    "Refused with 422 (the web's own messages): claiming closed (“Claiming is closed in …”) and a second "
    "claim (“You have already claimed this prompt.”)."
)
DROP_RULES = "Refused with 422: a claim you filled (“You have filled this claim, so it cannot be dropped.”)."


class PromptFilters(Schema):
    fandom: TagName | None = Field(None, description="Prompts naming this fandom (a tag's name)")
    status: Literal["", "unclaimed", "claimed", "filled"] = Field(
        "", description="“claimed”: claimed, not filled; a fill counts when you may see its work"
    )
    page: int = Field(1, ge=1, le=DEFAULT_PAGE_LIMIT)


class PromptOut(Schema):
    id: int
    title: str = Field(description="Its title, or “Prompt <id>”")
    url: str
    prompter: str = Field(
        description="“pseud (username)”, or “Anonymous” for an anonymous prompt (its prompter and the "
        "collection's maintainers see the name)"
    )
    username: str | None = Field(description="The prompter's account; empty when “Anonymous” to you")
    anonymous: bool = Field(description="Posted anonymously")
    description_html: str = Field(description="Sanitized HTML")
    fandoms: list[str]
    characters: list[str]
    relationships: list[str]
    additional_tags: list[str]
    claims: int
    fills: int = Field(description="Fills whose works you may see")
    created_at: datetime


class PromptPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    notices: list[str] = Field(description="What the archive did with the filters, e.g. an unknown fandom")
    results: list[PromptOut]


class ClaimOut(Schema):
    claimer: str = Field(
        description="“pseud (username)”, or “Anonymous” in an anonymous collection and for a prompter's "
        "claim on their own anonymous prompt (never to the claimer or the maintainers)"
    )
    yours: bool
    claimed_at: datetime


class FillOut(Schema):
    work_id: int
    title: str
    url: str
    creators: str = Field(description="The work's byline as you see it: “Anonymous” for an anonymous work")
    filled_at: datetime


class PromptDetailOut(PromptOut):
    claim_list: list[ClaimOut]
    fill_list: list[FillOut] = Field(description="The fills whose works you may see")


# --- Gift exchanges ------------------------------------------------------------------------------------


class EntryOut(Schema):
    position: int
    description: str = Field(description="As the member typed it (plain text)")
    fandoms: list[str]
    characters: list[str]
    relationships: list[str]
    additional_tags: list[str]


class SignupOut(Schema):
    collection: CollectionRef
    pseud: str
    requests: list[EntryOut]
    offers: list[EntryOut]
    may_change: bool = Field(
        description="Sign-ups are open, so you may still change or withdraw it (on the web)"
    )
    created_at: datetime
    updated_at: datetime


class AssignedWorkOut(Schema):
    id: int
    title: str


class AssignmentOut(Schema):
    id: int
    url: str
    status: Literal["open", "fulfilled", "defaulted", "pinch_hit", "claimed"] = Field(
        description="Open; fulfilled (with `work`); defaulted; posted as a pinch hit; or a pinch hit you claimed"
    )
    recipient: str = Field(description="The pseud you write for")
    requests: list[EntryOut] = Field(description="What they asked for")
    due_at: datetime | None
    work: AssignedWorkOut | None = Field(description="Your work that fulfils it")
