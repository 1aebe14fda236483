"""Reading a member's pseuds for their forms."""

from quire.creators.models import Creatorship


def credited_pseud(user, thing):
    """The pseud this member is credited under on a work or series (None when they are not credited)."""
    if not user.is_authenticated:
        return None
    found = Creatorship.objects.filter(user=user, **{thing._meta.model_name: thing}).select_related("pseud")
    row = found.first()
    return row.pseud if row else None
