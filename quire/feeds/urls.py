from django.urls import path

from quire.feeds import atom, opds, views

CATALOG = [
    ("", opds.root, "root"),
    ("recent", opds.recent, "recent"),
    ("media", opds.media, "media"),
    ("media/<str:name>", opds.medium, "medium"),
    ("tags", opds.tags, "tags"),
    ("tags/<str:name>", opds.tag, "tag"),
    ("collections", opds.collections, "collections"),
    ("collections/<str:name>", opds.collection, "collection"),
    ("search", opds.search, "search"),
    ("opensearch.xml", opds.opensearch, "opensearch"),
    ("following", opds.following, "following"),
    ("authors", opds.authors, "authors"),
    ("bookmarks", opds.bookmarks, "bookmarks"),
    ("download/<int:work_id>/<str:filename>", opds.download, "download"),
]
PRIVATE_ONLY = {"following", "authors", "bookmarks", "download"}

app_name = "feeds"
urlpatterns = [
    path("users/<str:username>/works/feed.atom", atom.AuthorWorksFeed(), name="author"),
    path("works/<int:work_id>/chapters/feed.atom", atom.WorkChaptersFeed(), name="work"),
    path("account/catalog", views.reset_catalog_address, name="reset_token"),
    *[path(f"opds/{route}", view, name=name) for route, view, name in CATALOG if name not in PRIVATE_ONLY],
    *[path(f"opds/u/<str:key>/{route}", view, name=f"user_{name}") for route, view, name in CATALOG],
]
