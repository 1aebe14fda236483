from django.urls import path

from quire.discovery import views

app_name = "discovery"
urlpatterns = [
    path("", views.home, name="home"),
]
