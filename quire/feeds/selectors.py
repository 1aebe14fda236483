"""Reads for the catalog: which tags to offer and how many works each holds, as one reader may see them."""

from django.db.models import Count, OuterRef, Subquery

from quire.access.reading import works_for
from quire.access.surfaces import Surface
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
    counts = dict(
        WorkFilter.objects.filter(tag_id__in=fandom_ids, work__in=_visible_ids(user, surface))
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
    )
    fandoms = list(Tag.objects.filter(pk__in=counts).order_by("name"))
    for fandom in fandoms:
        fandom.work_count = counts[fandom.pk]
    return fandoms


def popular_tags(user, surface: Surface) -> list[Tag]:
    """The tags with the most works this reader may see, most first, each with `work_count`."""
    rows = (
        WorkFilter.objects.filter(work__in=_visible_ids(user, surface))
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
        .order_by("-n", "tag__name")[:POPULAR_TAGS]
    )
    counts = dict(rows)
    tags = sorted(Tag.objects.filter(pk__in=counts), key=lambda tag: (-counts[tag.pk], tag.name.lower()))
    for tag in tags:
        tag.work_count = counts[tag.pk]
    return tags


def works_in(tag: Tag, user, surface: Surface):
    return catalog_works(user, surface).filter(
        pk__in=WorkFilter.objects.filter(tag=tag.filter_key).values("work_id")
    )


def followed_works(user):
    followed = Subscription.objects.filter(user=user, work__isnull=False).values("work_id")
    return catalog_works(user, Surface.PRIVATE_CATALOG).filter(pk__in=followed).order_by("-revised_at", "-id")


def works_by_followed_authors(user):
    authors = Subscription.objects.filter(user=user, author__isnull=False).values("author_id")
    return (
        catalog_works(user, Surface.PRIVATE_CATALOG).filter(author__in=authors).order_by("-revised_at", "-id")
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
