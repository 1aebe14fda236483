from django.conf import settings
from django.utils.functional import SimpleLazyObject

from quire.access.reading import notifications_for
from quire.accounts.preferences import ReadingPreferences


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "reading": ReadingPreferences.for_request(request),
        "unread_count": _unread_count(request),
    }


def _unread_count(request):
    """Lazy, so pages that never show the header pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if hasattr(user, "unread_notifications"):  # counted as the member was loaded (accounts.backends)
        return user.unread_notifications
    return SimpleLazyObject(lambda: notifications_for(user).filter(read_at__isnull=True).count())
