from django.conf import settings

from quire.accounts.preferences import ReadingPreferences


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "reading": ReadingPreferences.for_request(request),
    }
