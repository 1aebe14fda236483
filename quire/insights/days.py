"""Reading days are the archive's days (its TIME_ZONE) for everyone: pages are shown in each member's own time
zone, and counting in it would move a reading across midnight, and a reader out of a work's first day."""

from datetime import date

from django.utils import timezone


def site_day(moment=None) -> date:
    """The archive's calendar day of `moment` (now, if not given)."""
    return timezone.localdate(moment, timezone.get_default_timezone())
