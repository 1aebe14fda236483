"""Reads that tag pages share."""

import operator
from collections.abc import Iterable
from functools import reduce

from django.db.models import Count, Q
from django.db.models.functions import Lower

from quire.tags.models import Tag, WorkFilter
from quire.works.models import Work


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
    unseen = per_tag(
        WorkFilter.objects.filter(tag_id__in=tag_ids, work__in=Work.objects.hidden_from(user).values("pk"))
    )
    return {tag_id: filed.get(tag_id, 0) - unseen.get(tag_id, 0) for tag_id in tag_ids}


def tags_named(names: Iterable[str]) -> dict[str, Tag]:
    """Tags by lower-cased name, with their canonical tags, for names a reader typed."""
    names = list(names)
    if not names:
        return {}
    # LOWER(name) is what the unique index holds, so this is an index lookup; iexact (LIKE or UPPER) is
    # not. SQLite's LOWER folds ASCII only, so names beyond ASCII it did not find are looked up again with
    # iexact, which scans every tag: a search for a plain word that names no tag must not pay for that.
    found = {
        tag.name.lower(): tag
        for tag in Tag.objects.alias(lowered=Lower("name"))
        .filter(lowered__in=[n.lower() for n in names])
        .select_related("merger")
    }
    missing = [name for name in names if name.lower() not in found and not name.isascii()]
    if missing:
        any_name = reduce(operator.or_, (Q(name__iexact=name) for name in missing))
        found.update({tag.name.lower(): tag for tag in Tag.objects.filter(any_name).select_related("merger")})
    return found
