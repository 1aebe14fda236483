from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.functional import lazy

from quire.api.api import api

# Lazy: read when a page is drawn, so the name is the one configured then.
admin.site.site_header = lazy(lambda: f"{settings.SITE_NAME} administration", str)()
admin.site.site_title = lazy(lambda: settings.SITE_NAME, str)()

urlpatterns = [
    path("", include("quire.discovery.urls")),
    path("", include("quire.accounts.urls")),
    path("", include("quire.works.urls")),
    path("", include("quire.tags.urls")),
    path("", include("quire.tags.wrangling_urls")),
    path("", include("quire.feedback.urls")),
    path("", include("quire.follows.urls")),
    path("", include("quire.series.urls")),
    path("", include("quire.creators.urls")),
    path("", include("quire.related.urls")),
    path("", include("quire.insights.urls")),
    path("", include("quire.moderation.urls")),
    path("", include("quire.exports.urls")),
    path("", include("quire.feeds.urls")),
    path("", include("quire.beta.urls")),
    path("", include("quire.shelf.urls")),
    path("", include("quire.api.urls")),
    path("", include("quire.privacy.urls")),
    path("", include("quire.sitepages.urls")),
    path("", include("quire.news.urls")),
    path("", include("quire.gifts.urls")),
    path("", include("quire.collections.urls")),
    path("", include("quire.exchanges.urls")),
    path("", include("quire.prompts.urls")),
    path("", include("quire.imports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
