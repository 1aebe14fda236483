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


def byline_pseuds(thing) -> list:
    """The pseuds a byline shows. A chapter without creators of its own is the work's; a work made without its
    credits (a bulk import before they are added) still shows its lead creator from the row itself."""
    pseuds = credited_pseuds(thing)
    if not pseuds and _field(thing) == "chapter":
        return byline_pseuds(thing.work)
    if not pseuds and getattr(thing, "pseud_id", None):
        return [thing.pseud]
    return pseuds


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
