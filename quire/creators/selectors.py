"""Reading who is credited: the prefetch every listing and page uses, and the owners of a work."""

from django.db.models import Exists, OuterRef, Prefetch

from quire.creators.models import Creatorship


def accepted_creatorships():
    return Creatorship.objects.filter(accepted_at__isnull=False).select_related("pseud__user")


def chapter_credits_annotation() -> dict:
    """Whether any chapter of a work has creators of its own, read with the work page's own query: most have
    none, and their chapters' bylines then need no query (`credit_chapters`)."""
    credited = Creatorship.objects.filter(chapter__work=OuterRef("pk"), accepted_at__isnull=False)
    return {"has_chapter_credits": Exists(credited)}


def credits_prefetch(lookup: str = "creatorships") -> Prefetch:
    """Add to a queryset of works (or chapters, or series) so `credited_pseuds` and the ownership checks read
    the credits without a query per row. Give the lookup's path for related rows ("work__creatorships")."""
    return Prefetch(lookup, queryset=accepted_creatorships(), to_attr="credits")


def credited_pseuds(thing) -> list:
    """The accepted creators' pseuds of a work, chapter or series, in the order they joined (the lead first)."""
    credits = getattr(thing, "credits", None)
    if credits is None:
        credits = list(accepted_creatorships().filter(**{thing_field(thing): thing}))
        thing.credits = credits
    return [credit.pseud for credit in credits]


def byline_pseuds(thing) -> list:
    """The pseuds a byline shows. A chapter without creators of its own is the work's; a work made without its
    credits (a bulk import before they are added) still shows its lead creator from the row itself."""
    pseuds = credited_pseuds(thing)
    if not pseuds and thing_field(thing) == "chapter":
        return byline_pseuds(thing.work)
    if not pseuds and getattr(thing, "pseud_id", None):
        return [thing.pseud]
    return pseuds


def byline_names(thing) -> str:
    """The byline as plain text, "Pen (user), Other": for titles, headings and notification texts."""
    return ", ".join(pseud.byline for pseud in byline_pseuds(thing))


def creator_user_ids(thing) -> frozenset[int]:
    """The accounts credited on a work, chapter or series (accepted only): read once per object."""
    ids = getattr(thing, "_creator_user_ids", None)
    if ids is None:
        credits = getattr(thing, "credits", None)
        if credits is not None:
            ids = frozenset(credit.user_id for credit in credits)
        else:
            rows = Creatorship.objects.filter(accepted_at__isnull=False, **{thing_field(thing): thing})
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


def thing_field(thing) -> str:
    return thing._meta.model_name  # "work", "chapter" or "series"


def forget_credits(thing) -> None:
    """Drop what was read of `thing`'s credits, after they changed."""
    thing.__dict__.pop("credits", None)
    thing.__dict__.pop("_creator_user_ids", None)


def credited_thing(creatorship: Creatorship):
    return creatorship.work or creatorship.chapter or creatorship.series


def invitation_key(creatorship: Creatorship) -> str:
    return f"invitation:{creatorship.pk}"


def pending_invitations_for(user):
    """The invitations waiting for this member's answer, newest first, with what they are to (inbox)."""
    return (
        Creatorship.objects.filter(user=user, accepted_at__isnull=True)
        .select_related("pseud__user", "invited_by", "work", "chapter__work", "series")
        .order_by("-created_at", "-id")
    )


def pending_invitations_of(thing) -> list[Creatorship]:
    """The invitations its creators sent that wait for an answer (shown to the creators, to withdraw)."""
    return list(
        Creatorship.objects.filter(accepted_at__isnull=True, **{thing_field(thing): thing})
        .select_related("pseud__user")
        .order_by("created_at", "id")
    )


def creator_ids_subquery(work_ref: str = "pk"):
    """The accounts credited on a work, as a subquery for `.exclude(user_id__in=...)` in the numbers: every
    creator's own reading, kudos and reviews are left out like the writer's. `work_ref` names the work's id
    in the outer query ("work_id" for rows about a work)."""
    return Creatorship.objects.filter(work_id=OuterRef(work_ref), accepted_at__isnull=False).values("user_id")


def work_creator_ids(work_ids) -> dict[int, set[int]]:
    """Each work's accepted creators' account ids, in one query for any number of works."""
    found: dict[int, set[int]] = {}
    for work_id, user_id in Creatorship.objects.filter(
        work_id__in=list(work_ids), accepted_at__isnull=False
    ).values_list("work_id", "user_id"):
        found.setdefault(work_id, set()).add(user_id)
    return found


def credited_works():
    """Accepted work credits, as a base for "works credited to these accounts" subqueries."""
    return Creatorship.objects.filter(work__isnull=False, accepted_at__isnull=False).values("work_id")


def series_credited_to(user):
    return Creatorship.objects.filter(user=user, series__isnull=False, accepted_at__isnull=False).values(
        "series_id"
    )


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
