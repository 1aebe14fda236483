"""Reading a member's pseuds for their forms."""

import re

from quire.creators.models import Creatorship

# "Pen (writer)": a pseud named with its account, as bylines show it (AO3's way of telling two pseuds of one
# name apart). Pseud names have no brackets (quire.accounts.forms), so the last bracket is the account.
BYLINE = re.compile(r"(?P<pseud>.+?)\s*\((?P<user>[^()]+)\)")


def split_byline(typed: str) -> tuple[str, str | None]:
    """A typed pseud as (pseud name, username), the username None when only "Name" was typed. The invite
    and gift forms both read names this way."""
    typed = " ".join(typed.split())
    if found := BYLINE.fullmatch(typed):
        return found["pseud"].strip(), found["user"].strip()
    return typed, None


def credited_pseud(user, thing):
    """The pseud this member is credited under on a work or series (None when they are not credited)."""
    if not user.is_authenticated:
        return None
    found = Creatorship.objects.filter(user=user, **{thing._meta.model_name: thing}).select_related("pseud")
    row = found.first()
    return row.pseud if row else None
