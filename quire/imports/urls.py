from django.urls import path

from quire.imports import views

app_name = "imports"

# eFiction's own addresses (quire.imports.views): they answer only for an archive imported from eFiction.
urlpatterns = [
    path("viewstory.php", views.view_story, name="efiction_story"),
    path("viewuser.php", views.view_user, name="efiction_user"),
    path("browse.php", views.browse, name="efiction_browse"),
    path("viewseries.php", views.view_series, name="efiction_series"),
    path("reviews.php", views.reviews, name="efiction_reviews"),
    path("claim/<str:token>", views.claim, name="claim"),
]
