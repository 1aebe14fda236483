from django.urls import path

from quire.discovery import exclusions, views

app_name = "discovery"
urlpatterns = [
    path("", views.home, name="home"),
    path("works", views.works_index, name="works"),
    path("works/search", views.search, name="search"),
    path("users/<str:username>/works", views.author_works, name="author_works"),
    path("account/hidden-tags", exclusions.exclusions, name="exclusions"),
]
