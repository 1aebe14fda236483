"""Reads for the catalog: which tags to offer and how many works each holds, as one reader may see them."""

from django.db.models import Count, Max, OuterRef, Subquery

from quire.access.reading import creators_kept_from, works_for
from quire.access.surfaces import Surface
from quire.collections.models import APPROVED_ITEM, Collection, CollectionItem
from quire.creators.models import Creatorship
from quire.feedback.models import Bookmark
from quire.follows.models import Subscription
from quire.tags.enums import TagType
from quire.tags.models import Tag, WorkFilter

POPULAR_TAGS = 50


def catalog_works(user, surface: Surface):
    """The works of a catalog: the public one shows a guest's view, a private one its member's (posted works
    only, less the writers the member muted): quire.access decides."""
    return works_for(user, surface)


def _visible_ids(user, surface):
    return catalog_works(user, surface).order_by().values("pk")


def fandoms_of(medium: Tag, user, surface: Surface) -> list[Tag]:
    """The medium's fandoms that hold works this reader may see, each with `work_count`."""
    fandom_ids = medium.child_links.filter(child__type=TagType.FANDOM).values("child_id")
    counts = {
        tag_id: (count, newest)
        for tag_id, count, newest in WorkFilter.objects.filter(
            tag_id__in=fandom_ids, work__in=_visible_ids(user, surface)
        )
        .values_list("tag_id")
        .annotate(n=Count("work_id"), newest=Max("work__revised_at"))
    }
    fandoms = list(Tag.objects.filter(pk__in=counts).order_by("name"))
    for fandom in fandoms:
        fandom.work_count, fandom.newest_change = counts[fandom.pk]
    return fandoms


def popular_tags(user, surface: Surface) -> list[Tag]:
    """The tags with the most works this reader may see, most first, each with `work_count`."""
    rows = (
        WorkFilter.objects.filter(work__in=_visible_ids(user, surface))
        .values_list("tag_id")
        .annotate(n=Count("work_id"), newest=Max("work__revised_at"))
        .order_by("-n", "tag__name")[:POPULAR_TAGS]
    )
    counts = {tag_id: (count, newest) for tag_id, count, newest in rows}
    tags = sorted(Tag.objects.filter(pk__in=counts), key=lambda tag: (-counts[tag.pk][0], tag.name.lower()))
    for tag in tags:
        tag.work_count, tag.newest_change = counts[tag.pk]
    return tags


def collections_with_works(user, surface: Surface, limit: int = 100) -> list:
    """Collections holding works this reader may see, each with `work_count` and `newest_change`, most works
    first: one grouped query over the items."""
    rows = (
        CollectionItem.objects.filter(APPROVED_ITEM, work__in=_visible_ids(user, surface))
        .values("collection_id")
        .annotate(count=Count("work_id", distinct=True), newest=Max("work__revised_at"))
        .order_by("-count", "collection_id")[:limit]
    )
    figures = {row["collection_id"]: row for row in rows}
    found = list(Collection.objects.filter(pk__in=figures))
    for collection in found:
        collection.work_count = figures[collection.pk]["count"]
        collection.newest_change = figures[collection.pk]["newest"]
    return sorted(found, key=lambda c: (-c.work_count, c.title.lower()))


def newest_change(works):
    """When the newest of these works last changed: a catalog page's `updated`, so it changes only when
    what it lists does (e-readers re-download a feed whose `updated` moved)."""
    return works.order_by().aggregate(newest=Max("revised_at"))["newest"]


def media_newest_changes(user, surface: Surface) -> dict[int, object]:
    """Each medium's newest change among the works in its fandoms this reader may see, by medium id."""
    return dict(
        WorkFilter.objects.filter(
            work__in=_visible_ids(user, surface),
            tag__type=TagType.FANDOM,
            tag__parent_links__parent__type=TagType.MEDIA,
        )
        .values_list("tag__parent_links__parent_id")
        .annotate(newest=Max("work__revised_at"))
    )


def works_in(tag: Tag, user, surface: Surface):
    return catalog_works(user, surface).filter(
        pk__in=WorkFilter.objects.filter(tag=tag.filter_key).values("work_id")
    )


def followed_works(user):
    followed = Subscription.objects.filter(user=user, work__isnull=False).values("work_id")
    return catalog_works(user, Surface.PRIVATE_CATALOG).filter(pk__in=followed).order_by("-revised_at", "-id")


def works_by_followed_authors(user):
    """Works any followed author is an accepted creator of, those they co-created with others included; not
    their anonymous works (following the writer would name them)."""
    authors = Subscription.objects.filter(user=user, author__isnull=False).values("author_id")
    credited = Creatorship.objects.filter(user__in=authors, work__isnull=False, accepted_at__isnull=False)
    return (
        catalog_works(user, Surface.PRIVATE_CATALOG)
        .filter(pk__in=credited.values("work_id"))
        .exclude(creators_kept_from(user))
        .order_by("-revised_at", "-id")
    )


def bookmarked_works(user):
    """Newest bookmark first, as the bookmarks page lists them."""
    bookmarked_at = Bookmark.objects.filter(user=user, work=OuterRef("pk")).values("created_at")[:1]
    return (
        catalog_works(user, Surface.PRIVATE_CATALOG)
        .filter(pk__in=Bookmark.objects.filter(user=user).values("work_id"))
        .annotate(bookmarked_at=Subquery(bookmarked_at))
        .order_by("-bookmarked_at", "-id")
    )


def newest_bookmark_change(user):
    """A bookmark added, or a bookmarked work changed: whichever came last."""
    added = Bookmark.objects.filter(user=user).aggregate(newest=Max("created_at"))["newest"]
    changed = newest_change(bookmarked_works(user))
    return max((moment for moment in (added, changed) if moment is not None), default=None)
