from django.urls import path, re_path

from quire.feedback import views

app_name = "feedback"
urlpatterns = [
    path("works/<int:work_id>/kudos", views.kudos, name="kudos"),
    path("works/<int:work_id>/more", views.more_please, name="more_please"),
    path("works/<int:work_id>/bookmark", views.bookmark, name="bookmark"),
    path("works/<int:work_id>/reviews", views.work_reviews, name="work_reviews"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/reviews", views.review_create, name="review_create"),
    path("reviews/<int:review_id>/edit", views.review_edit, name="review_edit"),
    path("reviews/<int:review_id>/delete", views.review_delete, name="review_delete"),
    re_path(
        r"^reviews/(?P<review_id>[0-9]+)/(?P<action>approve|freeze|unfreeze)$",
        views.review_moderate,
        name="review_moderate",
    ),
    path("users/<str:username>/bookmarks", views.user_bookmarks, name="user_bookmarks"),
]
