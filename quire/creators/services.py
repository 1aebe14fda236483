"""Writing who is credited. Invitations, acceptance and leaving are added here; posting credits its writer."""

from django.utils import timezone

from quire.creators.models import Creatorship
from quire.works.models import Work


def credit_creator(thing, pseud, *, invited_by=None) -> Creatorship:
    """Credit `pseud` on a work, chapter or series at once (the one who posts it, or an accepted invitation)."""
    field = thing._meta.model_name
    creatorship, _ = Creatorship.objects.update_or_create(
        user=pseud.user,
        **{field: thing},
        defaults={"pseud": pseud, "accepted_at": timezone.now(), "invited_by": invited_by},
    )
    thing.__dict__.pop("credits", None)
    thing.__dict__.pop("_creator_user_ids", None)
    return creatorship


def refresh_lead(work_ids) -> None:
    """After a creator leaves: each work's lead (`Work.author`, `Work.pseud`) becomes its first accepted
    creator, so listings, sorting and the byline's first name follow the credits."""
    leads = (
        Creatorship.objects.filter(work_id__in=list(work_ids), accepted_at__isnull=False)
        .order_by("work_id", "accepted_at", "id")
        .values_list("work_id", "user_id", "pseud_id")
    )
    first = {}
    for work_id, user_id, pseud_id in leads:
        first.setdefault(work_id, (user_id, pseud_id))
    for work in Work.objects.filter(pk__in=first).only("pk", "author_id", "pseud_id"):
        user_id, pseud_id = first[work.pk]
        if (work.author_id, work.pseud_id) != (user_id, pseud_id):
            Work.objects.filter(pk=work.pk).update(author_id=user_id, pseud_id=pseud_id)
