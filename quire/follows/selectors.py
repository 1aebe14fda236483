"""Reads about who follows what."""

from django.db.models import Q, QuerySet

from quire.access.reading import creators_kept_from, creators_public, works_for
from quire.access.surfaces import Surface
from quire.creators.selectors import creator_user_ids, credited_work_ids, credited_works, credits_prefetch
from quire.follows.models import Subscription


def subscribers_of(work) -> QuerySet:
    """The people waiting for this work's next chapter, one id per person: everyone following the work or any of
    its creators, never a creator. A reader who follows both is one subscriber (counting subscription rows once
    told a writer "2 subscribers are waiting" for one person). The chapter announcement goes to exactly these
    readers, and the writer's stats count exactly them.

    Series followers are not among them: following a series tells a reader of new works in it, not of new
    chapters (quire.follows.announcements.announce_series_work), so they are not waiting for a chapter."""
    creators = creators_of_work(work)
    # An anonymous work's chapters reach only the work's own subscribers: telling its writers' followers
    # would name its writers.
    followed = creators if creators_public(work) else []
    return (
        Subscription.objects.filter(Q(work=work) | Q(author_id__in=followed))
        .exclude(user_id__in=creators)
        .values_list("user_id", flat=True)
        .order_by("user_id")
        .distinct()
    )


def creators_of_work(work) -> list[int]:
    # The lead is on the row; the others come with the credits (read once per work object).
    return sorted(creator_user_ids(work) | {work.author_id})


def followed_updates(user, limit: int):
    """The latest updated works this member follows, by the work or by its author, that they may see."""
    followed = Subscription.objects.filter(user=user)
    return (
        works_for(user, Surface.LISTING)
        .filter(
            Q(pk__in=followed.filter(work__isnull=False).values("work"))
            | (
                Q(
                    pk__in=credited_works().filter(
                        user__in=followed.filter(author__isnull=False).values("author")
                    )
                )
                # A followed writer's anonymous work is not theirs to readers until the reveal.
                & ~creators_kept_from(user)
            )
        )
        .exclude(pk__in=credited_work_ids(user=user))
        .prefetch_related(credits_prefetch())
        .order_by("-revised_at", "-id")[:limit]
    )
