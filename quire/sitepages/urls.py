from django.urls import path

from quire.sitepages import views

app_name = "sitepages"
urlpatterns = [
    path("about/", views.index, name="index"),
    path("about/new", views.new, name="new"),
    path("about/terms/agree", views.agree, name="agree"),
    path("about/<str:slug>", views.page, name="page"),
    path("about/<str:slug>/edit", views.edit, name="edit"),
]
