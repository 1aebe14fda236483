"""Reads for the catalog: which tags to offer and how many works each holds, as one reader may see them."""

from django.db.models import Count, OuterRef, Q, Subquery

from quire.feedback.models import Bookmark
from quire.follows.models import Subscription
from quire.tags.enums import TagType
from quire.tags.models import Tag, WorkFilter
from quire.works.models import Work

POPULAR_TAGS = 50


# The catalog lists posted works only, even in a writer's own private catalog: drafts stay on their pages.
IN_CATALOG = Q(posted_at__isnull=False)


def catalog_works(user):
    return Work.objects.visible_to(user).filter(IN_CATALOG)


def _visible_ids(user):
    return catalog_works(user).order_by().values("pk")


def fandoms_of(medium: Tag, user) -> list[Tag]:
    """The medium's fandoms that hold works this reader may see, each with `work_count`."""
    fandom_ids = medium.child_links.filter(child__type=TagType.FANDOM).values("child_id")
    counts = dict(
        WorkFilter.objects.filter(tag_id__in=fandom_ids, work__in=_visible_ids(user))
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
    )
    fandoms = list(Tag.objects.filter(pk__in=counts).order_by("name"))
    for fandom in fandoms:
        fandom.work_count = counts[fandom.pk]
    return fandoms


def popular_tags(user) -> list[Tag]:
    """The tags with the most works this reader may see, most first, each with `work_count`."""
    rows = (
        WorkFilter.objects.filter(work__in=_visible_ids(user))
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
        .order_by("-n", "tag__name")[:POPULAR_TAGS]
    )
    counts = dict(rows)
    tags = sorted(Tag.objects.filter(pk__in=counts), key=lambda tag: (-counts[tag.pk], tag.name.lower()))
    for tag in tags:
        tag.work_count = counts[tag.pk]
    return tags


def works_in(tag: Tag, user):
    return catalog_works(user).filter(pk__in=WorkFilter.objects.filter(tag=tag.filter_key).values("work_id"))


def followed_works(user):
    followed = Subscription.objects.filter(user=user, work__isnull=False).values("work_id")
    return catalog_works(user).filter(pk__in=followed).order_by("-revised_at", "-id")


def works_by_followed_authors(user):
    authors = Subscription.objects.filter(user=user, author__isnull=False).values("author_id")
    return catalog_works(user).filter(author__in=authors).order_by("-revised_at", "-id")


def bookmarked_works(user):
    """Newest bookmark first, as the bookmarks page lists them."""
    bookmarked_at = Bookmark.objects.filter(user=user, work=OuterRef("pk")).values("created_at")[:1]
    return (
        catalog_works(user)
        .filter(pk__in=Bookmark.objects.filter(user=user).values("work_id"))
        .annotate(bookmarked_at=Subquery(bookmarked_at))
        .order_by("-bookmarked_at", "-id")
    )
