from django.urls import path

from quire.collections import views
from quire.collections.feeds import CollectionWorksFeed

app_name = "collections"
urlpatterns = [
    path("collections", views.index, name="index"),
    path("collections/new", views.new, name="new"),
    path(
        "collections/items/<int:item_id>/collection_answer",
        views.answer_as_collection,
        name="answer_as_collection",
    ),
    path("collections/items/<int:item_id>/creator_answer", views.answer_as_creator, name="answer_as_creator"),
    path("collections/items/<int:item_id>/remove", views.remove, name="remove"),
    path("collections/<str:name>", views.detail, name="detail"),
    path("collections/<str:name>/bookmarks", views.bookmarks, name="bookmarks"),
    path("collections/<str:name>/works.atom", CollectionWorksFeed(), name="feed"),
    path("collections/<str:name>/edit", views.edit, name="edit"),
    path("collections/<str:name>/manage", views.manage, name="manage"),
    path("collections/<str:name>/invite", views.invite, name="invite"),
    path("collections/<str:name>/roles", views.set_role, name="set_role"),
    path("collections/<str:name>/add", views.add, name="add"),
    path("collections/<str:name>/reveal", views.reveal, name="reveal"),
    path("collections/<str:name>/subscribe", views.subscribe, name="subscribe"),
    path("works/<int:work_id>/collections", views.work_collections, name="work_collections"),
    path("bookmarks/collections", views.bookmark_collections, name="bookmark_collections"),
]
