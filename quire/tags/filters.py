"""Keeping WorkFilter in step with works' tags and the wrangling.

A work is findable by each of its tags' filter key (the canonical tag of a synonym, else the tag itself)
and by every meta tag above that key. Filtering by any synonym therefore reaches the canonical tag's
works, its synonyms' works and its sub-tags' works with one indexed lookup.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from quire.tags.enums import TagType
from quire.tags.models import Tag, TagParent, WorkFilter
from quire.works.enums import Category, Warning
from quire.works.models import Work, WorkCategory, WorkTag, WorkWarning

BATCH = 2000
MAX_META_DEPTH = 20  # a guard against a cycle slipping past validation

# Work.filed_under holds a key per WorkFilter tag, the tag's id and type in one number, so facets count
# per type with no tag lookup; warnings and categories, fixed choices that listings filter and count like
# tags, are negative keys. Keys are stored: new types and choices take new codes at the end, never reused.
TYPE_CODES = {TagType.FANDOM: 1, TagType.RELATIONSHIP: 2, TagType.CHARACTER: 3, TagType.ADDITIONAL: 4}
TYPE_CODES[TagType.MEDIA] = 5
TYPE_OF_CODE = {code: tag_type for tag_type, code in TYPE_CODES.items()}
# Written out, not counted from the enums' order: a choice added in the middle must not shift the others.
WARNING_KEYS = {
    Warning.CHOSE_NOT_TO_WARN: -1, Warning.NONE_APPLY: -2, Warning.VIOLENCE: -3, Warning.CHARACTER_DEATH: -4,
    Warning.NON_CON: -5, Warning.UNDERAGE: -6,
}  # fmt: skip
CATEGORY_KEYS = {
    Category.FF: -101, Category.FM: -102, Category.GEN: -103, Category.MM: -104, Category.MULTI: -105,
    Category.OTHER: -106,
}  # fmt: skip


def filing_key(tag_id: int, tag_type: str) -> int:
    return tag_id * 8 + TYPE_CODES[tag_type]


def counts_by_type(counts: dict[int, int]) -> dict[str, list[tuple[int, int]]]:
    """(count, tag id) pairs per tag type, from counts per filing key; warnings and categories left out.

    A listing's sample of 5,000 works holds some 15,000 keys: decoded inline, not by a call per key.
    """
    by_code = defaultdict(list)
    for key, count in counts.items():
        if key > 0:
            by_code[key & 7].append((count, key >> 3))
    return {tag_type: by_code.get(code, []) for code, tag_type in TYPE_OF_CODE.items()}


def filter_keys(tag_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each tag id: the ids of the tags a work carrying it is filed under."""
    rows = {
        pk: (merger_id, tag_type)
        for pk, merger_id, tag_type in Tag.objects.filter(pk__in=set(tag_ids)).values_list(
            "pk", "merger_id", "type"
        )
    }
    keys = {pk: merger_id or pk for pk, (merger_id, _) in rows.items()}
    ancestors = meta_ancestors(set(keys.values()))
    return {pk: {key} | ancestors.get(key, set()) for pk, key in keys.items()}


def meta_ancestors(tag_ids: set[int]) -> dict[int, set[int]]:
    """Meta tags above each tag: parents of the same type, transitively."""
    parents: dict[int, set[int]] = defaultdict(set)
    frontier = set(tag_ids)
    seen: set[int] = set()
    for _ in range(MAX_META_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        links = TagParent.objects.filter(child_id__in=frontier, parent__type=F("child__type")).values_list(
            "child_id", "parent_id"
        )
        frontier = set()
        for child, parent in links:
            parents[child].add(parent)
            frontier.add(parent)
    result = {}
    for tag_id in tag_ids:
        found, stack = set(), [tag_id]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in found and parent != tag_id:
                    found.add(parent)
                    stack.append(parent)
        result[tag_id] = found
    return result


@transaction.atomic
def rebuild_work_filters(work_ids: Iterable[int]) -> None:
    """WorkFilter rows, Work.filed_under and Work.is_crossover, from the works' tags, warnings and
    categories and the wrangling as it is now."""
    work_ids = list(set(work_ids))
    for start in range(0, len(work_ids), BATCH):
        batch = work_ids[start : start + BATCH]
        tags_by_work: dict[int, list[int]] = defaultdict(list)
        for work_id, tag_id in WorkTag.objects.filter(work_id__in=batch).values_list("work_id", "tag_id"):
            tags_by_work[work_id].append(tag_id)
        keys = filter_keys({tag for tags in tags_by_work.values() for tag in tags})
        filed_under = set(keys).union(*keys.values())
        type_of = dict(Tag.objects.filter(pk__in=filed_under).values_list("pk", "type"))
        fandoms = {pk for pk in keys if type_of.get(pk) == TagType.FANDOM}
        fixed_keys: dict[int, set[int]] = defaultdict(set)
        for work_id, warning in WorkWarning.objects.filter(work_id__in=batch).values_list(
            "work_id", "warning"
        ):
            fixed_keys[work_id].add(WARNING_KEYS[warning])
        for work_id, category in WorkCategory.objects.filter(work_id__in=batch).values_list(
            "work_id", "category"
        ):
            fixed_keys[work_id].add(CATEGORY_KEYS[category])
        WorkFilter.objects.filter(work_id__in=batch).delete()
        rows, works = [], []
        for work_id in batch:
            wanted = set().union(*(keys.get(tag, set()) for tag in tags_by_work.get(work_id, [])))
            rows.extend(WorkFilter(work_id=work_id, tag_id=tag, tag_type=type_of[tag]) for tag in wanted)
            fandom_keys = [keys[t] for t in tags_by_work.get(work_id, []) if t in fandoms and t in keys]
            works.append(
                Work(
                    pk=work_id,
                    filed_under=sorted({filing_key(t, type_of[t]) for t in wanted} | fixed_keys[work_id]),
                    is_crossover=_is_crossover(fandom_keys),
                )
            )
        WorkFilter.objects.bulk_create(rows, batch_size=5000)
        Work.objects.bulk_update(works, ["filed_under", "is_crossover"], batch_size=500)


def _is_crossover(fandom_key_sets: list[set[int]]) -> bool:
    """Two or more fandoms that share no meta tag: "Sherlock (TV)" with "Sherlock Holmes" under one
    meta tag is not a crossover; "Gilmore Girls" with "Star Trek" is."""
    groups: list[set[int]] = []
    for keys in fandom_key_sets:
        overlapping = [group for group in groups if group & keys]
        merged = set(keys).union(*overlapping)
        groups = [group for group in groups if not (group & keys)] + [merged]
    return len(groups) >= 2


def works_affected_by(tag_ids: Iterable[int]) -> set[int]:
    """Works whose filters may change when these tags' wrangling changes."""
    tag_ids = set(tag_ids)
    synonyms = set(Tag.objects.filter(merger_id__in=tag_ids).values_list("pk", flat=True))
    direct = WorkTag.objects.filter(tag_id__in=tag_ids | synonyms).values_list("work_id", flat=True)
    filed = WorkFilter.objects.filter(tag_id__in=tag_ids).values_list("work_id", flat=True)
    return set(direct) | set(filed)
