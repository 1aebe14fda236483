from django.urls import path

from quire.feeds.atom import TagWorksFeed
from quire.tags import autocomplete, views

app_name = "tags"
urlpatterns = [
    path("tags/<str:name>", views.tag_detail, name="detail"),
    path("tags/<str:name>/works", views.tag_works, name="works"),
    path("tags/<str:name>/feed.atom", TagWorksFeed(), name="feed"),
    path("tags/<path:rest>", views.tag_address_with_a_slash),
    path("autocomplete/tags", autocomplete.tag_options, name="autocomplete"),
    path("media", views.media_index, name="media"),
    path("media/<str:name>/fandoms", views.media_fandoms, name="media_fandoms"),
]
