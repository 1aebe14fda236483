from django.urls import path

from quire.collections import views

app_name = "collections"
urlpatterns = [
    path("collections/<str:name>", views.detail, name="detail"),
]
