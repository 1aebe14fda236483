"""Writing who is credited. Invitations, acceptance and leaving are added here; posting credits its writer."""

from django.utils import timezone

from quire.creators.models import Creatorship


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
