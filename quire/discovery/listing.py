"""One way to list works: filters, exclusions, search, sort, facets and pages, for every listing page."""

import heapq
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import cached_property
from itertools import chain

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from quire.access.reading import byline_sort_key, search_documents_for, works_for
from quire.access.surfaces import Surface
from quire.creators.selectors import with_credits
from quire.discovery import search
from quire.discovery.models import TagExclusion
from quire.discovery.search_syntax import MAX_CJK_CHARS, MAX_TERMS, ParsedQuery, parse
from quire.tags.enums import TagType
from quire.tags.fields import KeyListField
from quire.tags.filters import CATEGORY_KEYS, WARNING_KEYS, counts_by_type, filing_key
from quire.tags.models import Tag, WorkFilter
from quire.tags.selectors import tags_named
from quire.works.enums import Category, Rating, Warning
from quire.works.models import Work, WorkCategory, WorkWarning

PER_PAGE = 20
FACET_SHOWN = 10  # AO3 stops here; the rest sit behind "more"
FACET_KEPT = 30
# Past these sizes exact facets and ranking cost seconds on a large archive: facets count a sample and
# best-match gives way to date order, and the page says so.
FACET_SAMPLE = 5000
RANK_LIMIT = 20000

SORT_ORDERS = {
    "updated": ["-revised_at", "-pk"],
    "posted": ["-posted_at", "-id"],
    "title": [Lower("title"), "id"],
    "author": [byline_sort_key(), Lower("title"), "id"],  # anonymous works as "anonymous"
    "words": ["-word_count", "-id"],
    "kudos": ["-kudos_count", "-id"],
    "hits": ["-hit_count", "-id"],
    "comments": ["-review_count", "-id"],
    "bookmarks": ["-bookmark_count", "-id"],
}


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    included: bool = False
    excluded: bool = False

    @cached_property
    def slug(self) -> str:
        # Part of the checkbox ids: made once, though each item is drawn twice (include and exclude).
        return slugify(self.value)


@dataclass
class FacetGroup:
    key: str
    label: str
    include_param: str
    exclude_param: str
    items: list[FacetItem] = field(default_factory=list)

    shown_count = FACET_SHOWN

    @property
    def shown(self):
        return self.items[:FACET_SHOWN]

    @property
    def more(self):
        return self.items[FACET_SHOWN:]


@dataclass
class Listing:
    page: object
    total: int
    facets: list[FacetGroup]
    notices: list[str]
    saved_exclusions: list[Tag]
    snippets: dict[int, str]
    searching: bool
    facets_sampled: bool = False


class _RankedWorks:
    """Lets the paginator fetch one page of best-match results at a time."""

    def __init__(self, parsed, results, total, every_match=None):
        self.parsed, self.results, self.total, self.every_match = parsed, results, total, every_match

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, page_slice):
        ids = search.ranked_ids(
            self.parsed, self.results, page_slice.start, page_slice.stop - page_slice.start, self.every_match
        )
        works = with_credits(Work.objects.filter(pk__in=ids).for_listing()).in_bulk()
        return [works[pk] for pk in ids if pk in works]


class _OrderedWorks:
    """Pages of works: from ids already fetched in page order, and from the database past them."""

    def __init__(self, first_ids, ordered_results, total):
        self.first_ids, self.ordered_results, self.total = first_ids, ordered_results, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, page_slice):
        if page_slice.stop <= len(self.first_ids):
            ids = self.first_ids[page_slice]
        else:  # in the results' own order, works or search documents, as the first ids were
            ids = list(self.ordered_results.values_list("pk", flat=True)[page_slice])
        works = with_credits(Work.objects.filter(pk__in=ids).for_listing()).in_bulk()
        return [works[pk] for pk in ids if pk in works]


def _among(ids: list[int]) -> RawSQL:
    """For `pk__in=`: the ids as one parameter, an array on PostgreSQL and a JSON list on SQLite.

    Thousands of literal ids took PostgreSQL three times as long to plan (measured on the facet queries
    over 5,000 ids), and Django prepared each one in Python for every query.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def _has(model, **lookups):
    return Exists(model.objects.filter(work=OuterRef("pk"), **lookups))


def _filed_under(tag_id: int):
    return Exists(WorkFilter.objects.filter(work=OuterRef("pk"), tag_id=tag_id))


def _in_every_tag(tag_ids: set[int]) -> Q:
    """Works filed under all these tags, as one IN list read from the tags' own index entries.

    EXISTS made both databases walk every visible work first; one IN list per tag let SQLite drive from
    the first tag named, often the biggest (a whole fandom), where grouping reads each tag's entries once.
    """
    filed = WorkFilter.objects.filter(tag_id__in=tag_ids)
    if len(tag_ids) > 1:
        filed = filed.values("work_id").annotate(tags=Count("tag_id")).filter(tags=len(tag_ids))
    return Q(pk__in=filed.values("work_id"))


def find_works(
    *,
    user,
    params: dict,
    surface: Surface = Surface.LISTING,
    scope=None,
    scope_tag: Tag | None = None,
    page_number=1,
    hide_muted=True,
) -> Listing:
    notices: list[str] = []
    parsed = parse(params.get("q") or "")
    searching = not parsed.is_empty
    if parsed.cut:
        notices.append(f"Searches use at most {MAX_TERMS} words; the rest were left out.")
    if parsed.cjk_cut:
        notices.append(
            f"Searches read at most {MAX_CJK_CHARS} Chinese, Japanese or Korean characters; the rest were left out."
        )
    if parsed.unwanted:
        notices.append(f"Showing works that do not mention {_quoted_list(t.text for t in parsed.unwanted)}.")
    elif params.get("q") and parsed.is_empty:
        notices.append("Type some words to search for; the search box ignored what it could not read.")
    sort = params["sort"] if (params["sort"] != "best" or searching) else "updated"

    reads_documents = searching and _documents_suffice(params, sort, scope)
    if reads_documents:
        results = search_documents_for(user, surface, hide_muted=hide_muted)
    else:
        results = works_for(user, surface, hide_muted=hide_muted)
    if scope is not None:
        results = results.filter(scope)

    named = tags_named(params["tag"] + params["exclude_tag"])
    included, excluded = [], []
    for name in params["tag"]:
        tag = named.get(name.lower())
        if tag is None:
            notices.append(f"There is no tag named “{name}”, so no works match it.")
            results = results.none()
        else:
            included.append(tag)
    required = {t.filter_key for t in included} | ({scope_tag.filter_key} if scope_tag else set())
    for name in params["exclude_tag"]:
        tag = named.get(name.lower())
        if tag is None:
            notices.append(f"There is no tag named “{name}” to exclude; it was ignored.")
        else:
            excluded.append(tag)
    saved = []
    if user.is_authenticated:
        for exclusion in TagExclusion.objects.filter(user=user).select_related("tag__merger"):
            if exclusion.tag.filter_key not in required:
                saved.append(exclusion.tag)
    unwanted = {tag.filter_key for tag in excluded + saved}
    results = _filed_under_all_and_none(results, required, unwanted)

    if not reads_documents:
        results = _apply_fixed_filters(results, params)
    for term in parsed.unwanted:
        results = results.exclude(pk__in=search.matching(ParsedQuery(groups=((term,),))))
    if searching:
        parsed = search.expand_synonyms(parsed)
        if reads_documents:
            results = results.filter(search.matches(parsed))
        else:
            results = results.filter(pk__in=search.matching(parsed))

    first_ids, total, filings = _first_results(results, SORT_ORDERS["updated" if sort == "best" else sort])
    if searching and not total and search.only_ignored_words(parsed):  # asked only when nothing was found
        notices.append("Words as common as these are left out of searches; add other words to find works.")
    sampled = total > FACET_SAMPLE
    if first_ids and not sampled:
        results = Work.objects.filter(pk__in=_among(first_ids))
    if sort == "best" and total > RANK_LIMIT:
        sort = "updated"
        notices.append(
            f"Over {RANK_LIMIT:,} works match, so they are shown newest first; add words to rank them by relevance."
        )
    if sort == "best":
        object_list = _RankedWorks(parsed, results, total, every_match=None if sampled else first_ids)
    else:
        object_list = _OrderedWorks(first_ids, results.order_by(*SORT_ORDERS[sort]), total)
    paginator = Paginator(object_list, PER_PAGE, allow_empty_first_page=True)
    paginator.__dict__["count"] = total  # already counted once; Paginator would count again
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    # Past FACET_SAMPLE results, the first ones (newest first for best match) stand for the rest.
    if total:
        facets = _facets(
            filings if filings is not None else _filings_of(first_ids), params, included, excluded
        )
    else:
        facets = _empty_facets(params, excluded)
    snippets = search.snippets(parsed, [w.pk for w in page.object_list]) if searching else {}
    for work in page.object_list:
        work.search_snippet = snippets.get(work.pk, "")
    return Listing(page, total, facets, notices, saved, snippets, searching, sampled)


def _quoted_list(texts) -> str:
    quoted = [f"“{text}”" for text in texts]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _first_results(results, order) -> tuple[list[int], int, list[tuple[str, list[int]]] | None]:
    """The first FACET_SAMPLE result ids in page order, how many results there are, and, when the results
    are works, each one's rating and filing keys.

    For most listings that is every result, so one query gives the count, the pages and the facets. Past
    FACET_SAMPLE, the databases count best in different ways. PostgreSQL counts in the same pass with a
    window (a second query would visit every row again: 290 ms where the window took 170, for the
    10,500 works of the PostgreSQL bench's filtered fandom). SQLite keeps every row a window counts and
    sorts them all, where a bounded sort keeps 5,000: there a second COUNT query is cheaper (90 ms where
    the window took 120, for a common word's 30,000 matches of 100,000 works).
    """
    works = results.model is Work
    in_one_pass = connection.vendor == "postgresql"
    query = results.order_by(*order)
    if in_one_pass:
        query = query.annotate(result_total=Window(Count("*")))
    columns = (
        ["pk"] + (["rating", "filed_under"] if works else []) + (["result_total"] if in_one_pass else [])
    )
    query = query.values_list(*columns)[:FACET_SAMPLE]
    # Read raw: for 5,000 rows Django's per-row converters cost more than the query (8 µs a row).
    try:
        sql = query.query.sql_with_params()
    except EmptyResultSet:  # a tag that does not exist: no works, and no query to ask
        return [], 0, []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        rows = cursor.fetchall()
    if in_one_pass:
        total = rows[0][-1] if rows else 0
    else:
        total = len(rows) if len(rows) < FACET_SAMPLE else results.order_by().count()
    filings = None
    if works:
        keys = KeyListField.from_db_values([row[2] for row in rows])
        filings = [(row[1], row_keys) for row, row_keys in zip(rows, keys, strict=True)]
    return [row[0] for row in rows], total, filings


def _filings_of(work_ids: list[int]) -> list[tuple[str, list[int]]]:
    return list(Work.objects.filter(pk__in=_among(work_ids)).values_list("rating", "filed_under"))


def _filed_under_all_and_none(results, required: set[Tag], unwanted: set[Tag]):
    """Works filed under every required tag and none of the unwanted ones.

    PostgreSQL's GIN index over the works' own filing keys finds them with no read of WorkFilter, and
    checks exclusions on the row it reads anyway. SQLite has no such index and reads WorkFilter; so do
    search documents, which hold no keys.
    """
    if connection.vendor == "postgresql" and results.model is Work:
        if required:
            results = results.filter(filed_under__has_all=sorted(filing_key(t.pk, t.type) for t in required))
        if unwanted:
            results = results.exclude(filed_under__has_any=sorted(filing_key(t.pk, t.type) for t in unwanted))
        return results
    if required:
        results = results.filter(_in_every_tag({t.pk for t in required}))
    for tag_id in sorted(t.pk for t in unwanted):
        results = results.exclude(_filed_under(tag_id))
    return results


# The filters _apply_fixed_filters reads from the work row itself.
WORK_COLUMN_FILTERS = (
    "rating", "exclude_rating", "warning", "exclude_warning", "category", "exclude_category", "complete",
    "single_chapter", "crossover", "words_from", "words_to", "updated_from", "updated_to", "language",
)  # fmt: skip


def _documents_suffice(params: dict, sort: str, scope: Q | None) -> bool:
    """Whether a search can be answered from the search documents alone, without reading works.

    On PostgreSQL a common word matches a third of the archive, and checking each match's work row for
    visibility and its update time read most of works_work; the documents carry both. SQLite's FTS5 index
    hands over row ids without reading the documents, and its works are a primary-key lookup away.
    """
    return (
        connection.vendor == "postgresql"
        and sort in ("best", "updated")
        and not any(_given(params.get(name)) for name in WORK_COLUMN_FILTERS)
        and (scope is None or _fields_named(scope) <= DOCUMENT_FIELDS)
    )


# The work fields a scope may name and SearchDocument copies: a document's pk is its work's.
DOCUMENT_FIELDS = {"author", "pk"}


def _fields_named(condition: Q) -> set[str]:
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _fields_named(child)
        else:
            names.add(child[0].split("__")[0])
    return names


def _given(value) -> bool:
    # An unticked box (False) and an empty field filter nothing; "0 words" does.
    return value is not None and value is not False and value not in ("", [])


def _apply_fixed_filters(results, params):
    for param, column in (("rating", "rating"),):
        if params.get(param):
            results = results.filter(**{f"{column}__in": params[param]})
        if params.get(f"exclude_{param}"):
            results = results.exclude(**{f"{column}__in": params[f"exclude_{param}"]})
    for value in params.get("warning") or []:
        results = results.filter(_has(WorkWarning, warning=value))
    if params.get("exclude_warning"):
        results = results.exclude(_has(WorkWarning, warning__in=params["exclude_warning"]))
    for value in params.get("category") or []:
        results = results.filter(_has(WorkCategory, category=value))
    if params.get("exclude_category"):
        results = results.exclude(_has(WorkCategory, category__in=params["exclude_category"]))
    complete = Q(expected_chapters__isnull=False, chapter_count__gte=F("expected_chapters"))
    if params.get("complete") == "yes":
        results = results.filter(complete)
    elif params.get("complete") == "no":
        results = results.exclude(complete)
    if params.get("single_chapter"):
        results = results.filter(chapter_count=1, expected_chapters=1)
    if params.get("crossover") == "exclude":
        results = results.filter(is_crossover=False)
    elif params.get("crossover") == "only":
        results = results.filter(is_crossover=True)
    if params.get("words_from") is not None:
        results = results.filter(word_count__gte=params["words_from"])
    if params.get("words_to") is not None:
        results = results.filter(word_count__lte=params["words_to"])
    if params.get("updated_from"):
        results = results.filter(revised_at__gte=_start_of(params["updated_from"]))
    if params.get("updated_to"):
        results = results.filter(revised_at__lt=_start_of(params["updated_to"]) + timezone.timedelta(days=1))
    if params.get("language"):
        results = results.filter(language=params["language"])
    return results


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


FACET_TYPES = [
    ("rating", "Ratings", Rating),
    ("warning", "Warnings", Warning),
    ("category", "Categories", Category),
]
TAG_FACETS = [
    (TagType.FANDOM, "Fandoms"),
    (TagType.CHARACTER, "Characters"),
    (TagType.RELATIONSHIP, "Relationships"),
    (TagType.ADDITIONAL, "Additional tags"),
]


def _facets(filings: list[tuple[str, list[int]]], params, included, excluded) -> list[FacetGroup]:
    """Facet counts over these works (rating, filing keys), counted here from rows already fetched."""
    keys = Counter(chain.from_iterable(filed for _, filed in filings))
    counts = {
        "rating": Counter(rating for rating, _ in filings),
        "warning": {warning: keys[key] for warning, key in WARNING_KEYS.items()},
        "category": {category: keys[key] for category, key in CATEGORY_KEYS.items()},
    }
    groups = []
    for key, label, choices in FACET_TYPES:
        group = FacetGroup(key, label, key, f"exclude_{key}")
        for choice in choices:
            count = counts[key].get(choice.value, 0)
            is_excluded = choice.value in (params.get(f"exclude_{key}") or [])
            if count or is_excluded:
                group.items.append(
                    FacetItem(
                        choice.value,
                        choice.label,
                        count,
                        choice.value in (params.get(key) or []),
                        is_excluded,
                    )
                )
        groups.append(group)

    by_type = {tag_type: [] for tag_type, _ in TAG_FACETS}
    included_keys = {t.filter_key.pk for t in included}
    for tag_id, name, tag_type, count in _top_tags(keys):
        by_type[tag_type].append(FacetItem(name, name, count, included=tag_id in included_keys))
    for tag in excluded:
        key = tag.filter_key
        if key.type in by_type:
            by_type[key.type].append(FacetItem(key.name, key.name, 0, excluded=True))
    for tag_type, label in TAG_FACETS:
        groups.append(FacetGroup(tag_type, label, "tag", "exclude_tag", by_type[tag_type]))
    return groups


def _top_tags(counts: dict[int, int]) -> list[tuple[int, str, str, int]]:
    """(tag id, name, type, works) of the FACET_KEPT tags of each type most used, ties broken by name.

    Counted by filing key, which carries its tag's type: only the names of each type's leaders, and of
    any that tie with its last, are looked up.
    """
    by_type = counts_by_type(counts)
    candidates: dict[int, tuple[str, int]] = {}
    for tag_type, _ in TAG_FACETS:
        ranked = by_type[tag_type]
        if len(ranked) > FACET_KEPT:
            cut_off = heapq.nlargest(FACET_KEPT, ranked)[-1][0]
            ranked = [(works, tag_id) for works, tag_id in ranked if works >= cut_off]
        candidates.update((tag_id, (tag_type, works)) for works, tag_id in ranked)
    names = dict(Tag.objects.filter(pk__in=_among(list(candidates))).values_list("pk", "name"))
    top = []
    for tag_type, _ in TAG_FACETS:
        items = [
            (tag_id, names[tag_id], kind, works)
            for tag_id, (kind, works) in candidates.items()
            if kind == tag_type and tag_id in names  # a deleted tag's key lingers until its works are refiled
        ]
        top.extend(sorted(items, key=lambda item: (-item[3], item[1]))[:FACET_KEPT])
    return top


def _empty_facets(params, excluded) -> list[FacetGroup]:
    groups = []
    for key, label, choices in FACET_TYPES:
        items = [
            FacetItem(c.value, c.label, 0, excluded=True)
            for c in choices
            if c.value in (params.get(f"exclude_{key}") or [])
        ]
        groups.append(FacetGroup(key, label, key, f"exclude_{key}", items))
    for tag_type, label in TAG_FACETS:
        items = [
            FacetItem(t.filter_key.name, t.filter_key.name, 0, excluded=True)
            for t in excluded
            if t.filter_key.type == tag_type
        ]
        groups.append(FacetGroup(tag_type, label, "tag", "exclude_tag", items))
    return groups
