"""Reading who is credited: the prefetch every listing and page uses, and the owners of a work."""

from django.db.models import Prefetch

from quire.creators.models import Creatorship


def accepted_creatorships():
    return Creatorship.objects.filter(accepted_at__isnull=False).select_related("pseud__user")


def credits_prefetch(lookup: str = "creatorships") -> Prefetch:
    """Add to a queryset of works (or chapters, or series) so `credited_pseuds` and the ownership checks read
    the credits without a query per row. Give the lookup's path for related rows ("work__creatorships")."""
    return Prefetch(lookup, queryset=accepted_creatorships(), to_attr="credits")


def credited_pseuds(thing) -> list:
    """The accepted creators' pseuds of a work, chapter or series, in the order they joined (the lead first)."""
    credits = getattr(thing, "credits", None)
    if credits is None:
        credits = list(accepted_creatorships().filter(**{_field(thing): thing}))
        thing.credits = credits
    return [credit.pseud for credit in credits]


def creator_user_ids(thing) -> frozenset[int]:
    """The accounts credited on a work, chapter or series (accepted only): read once per object."""
    ids = getattr(thing, "_creator_user_ids", None)
    if ids is None:
        credits = getattr(thing, "credits", None)
        if credits is not None:
            ids = frozenset(credit.user_id for credit in credits)
        else:
            rows = Creatorship.objects.filter(accepted_at__isnull=False, **{_field(thing): thing})
            ids = frozenset(rows.values_list("user_id", flat=True))
        thing._creator_user_ids = ids
    return ids


def is_creator(user, thing) -> bool:
    if user is None or not user.is_authenticated or user.pk is None:
        return False
    # The lead creator is on the row itself: most checks are answered without a query.
    if getattr(thing, "author_id", None) == user.pk:
        return True
    return user.pk in creator_user_ids(thing)


def _field(thing) -> str:
    return thing._meta.model_name  # "work", "chapter" or "series"


def with_credits(works):
    """`works` with their accepted credits prefetched, once however many callers ask (a second Prefetch of the
    same lookup would be refused by Django)."""
    if any(getattr(lookup, "prefetch_to", None) == "credits" for lookup in works._prefetch_related_lookups):
        return works
    return works.prefetch_related(credits_prefetch())


def credited_work_ids(*, user=None, pseud=None):
    """The ids of the works `user` (any of their pseuds) or `pseud` is an accepted creator of: a subquery for
    `pk__in`, so a work co-created with others is found by each of its creators."""
    rows = Creatorship.objects.filter(work__isnull=False, accepted_at__isnull=False)
    if user is not None:
        rows = rows.filter(user=user)
    if pseud is not None:
        rows = rows.filter(pseud=pseud)
    return rows.values("work_id")
