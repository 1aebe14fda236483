from django.urls import path

from quire.news import views
from quire.news.feeds import NewsFeed

app_name = "news"
urlpatterns = [
    path("admin_posts", views.news_list, name="list"),
    path("admin_posts/feed.atom", NewsFeed(), name="feed"),
    path("admin_posts/new", views.post_new, name="new"),
    path("admin_posts/<int:post_id>", views.news_post, name="post"),
    path("admin_posts/<int:post_id>/edit", views.post_edit, name="edit"),
    path("admin_posts/<int:post_id>/delete", views.post_delete, name="delete"),
    path("admin_posts/<int:post_id>/comments", views.comment_create, name="comment_create"),
    path("admin_posts/comments/<int:comment_id>/edit", views.comment_edit, name="comment_edit"),
    path("admin_posts/comments/<int:comment_id>/delete", views.comment_delete, name="comment_delete"),
    path("site/banner", views.banner_edit, name="banner"),
    path("site/banner/dismiss", views.banner_dismiss, name="banner_dismiss"),
]
