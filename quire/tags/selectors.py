"""Reads that tag pages share."""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Q, Value
from django.db.models.functions import Lower

from quire.access.reading import hidden_works
from quire.tags.enums import TagType
from quire.tags.models import Tag, TagParent, WorkFilter


def visible_work_counts(user, tag_ids: Iterable[int]) -> dict[int, int]:
    """How many works filed under each tag this reader may see.

    Every work filed under the tag, less those hidden from this reader (drafts, hidden works and, for
    guests, restricted ones): two reads of index entries, where counting visible works read a work row
    for each (300 ms for the largest fandom on the 1,000,000-work bench).
    """
    tag_ids = list(tag_ids)

    def per_tag(filed):
        return dict(filed.values_list("tag_id").annotate(works=Count("*")).order_by())

    filed = per_tag(WorkFilter.objects.filter(tag_id__in=tag_ids))
    unseen = per_tag(WorkFilter.objects.filter(tag_id__in=tag_ids, work__in=hidden_works(user).values("pk")))
    return {tag_id: filed.get(tag_id, 0) - unseen.get(tag_id, 0) for tag_id in tag_ids}


def tags_named(names: Iterable[str]) -> dict[str, Tag]:
    """Tags by lower-cased name, with their canonical tags, for names a reader typed.

    Looked up as Tag.objects.named does, in the unique index of lowered names: SQLite folds the case of
    ASCII letters only there, so "ÉLAN" finds "Élan" and "élan" does not; PostgreSQL folds every letter.
    """
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    any_name = reduce(operator.or_, (Q(lowered_name=Lower(Value(name))) for name in names))
    tags = Tag.objects.alias(lowered_name=Lower("name")).filter(any_name).select_related("merger")
    return {tag.name.lower(): tag for tag in tags}


# The /media page: each medium's biggest fandoms, with the counts of works everyone may read. Counting every
# fandom reads the whole filter index, so the worker counts it every MEDIA_OVERVIEW_EVERY seconds (quire
# worker's PERIODIC) and pages read the stored result; a page finding none counts it once itself.
MEDIA_OVERVIEW_KEY = "tags:media-overview"
MEDIA_OVERVIEW_EVERY = 600
MEDIA_OVERVIEW_KEPT = 3 * MEDIA_OVERVIEW_EVERY  # a worker that stopped leaves it at most this stale
MEDIA_TOP_FANDOMS = 5


@dataclass
class MediumOverview:
    medium: Tag
    fandom_count: int
    biggest: list[tuple[Tag, int]]


def count_media_overview() -> list[MediumOverview]:
    media = list(Tag.objects.filter(type=TagType.MEDIA).order_by("name"))
    links = TagParent.objects.filter(parent__in=media, child__type=TagType.FANDOM).select_related("child")
    fandoms_of: dict[int, list[Tag]] = {medium.pk: [] for medium in media}
    for link in links:
        fandoms_of[link.parent_id].append(link.child)
    counts = visible_work_counts(AnonymousUser(), [f.pk for fandoms in fandoms_of.values() for f in fandoms])
    overview = []
    for medium in media:
        fandoms = fandoms_of[medium.pk]
        ranked = sorted(fandoms, key=lambda f: (-counts[f.pk], f.name.casefold()))[:MEDIA_TOP_FANDOMS]
        overview.append(MediumOverview(medium, len(fandoms), [(f, counts[f.pk]) for f in ranked]))
    cache.set(MEDIA_OVERVIEW_KEY, overview, MEDIA_OVERVIEW_KEPT)
    return overview


def media_overview() -> list[MediumOverview]:
    return cache.get(MEDIA_OVERVIEW_KEY) or count_media_overview()
