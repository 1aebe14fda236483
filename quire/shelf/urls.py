from django.urls import path

from quire.shelf import views

app_name = "shelf"
urlpatterns = [
    path("users/<str:username>/readings", views.readings, name="readings"),
    path("users/<str:username>/readings/clear", views.clear, name="clear"),
    path("users/<str:username>/readings/<int:work_id>/delete", views.forget, name="forget"),
    path("works/<int:work_id>/later", views.later, name="later"),
    path("shelf/position", views.position_beacon, name="position"),
    path("shelf/opened", views.opened, name="opened"),
]
