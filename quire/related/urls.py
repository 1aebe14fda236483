from django.urls import path

from quire.related import views

app_name = "related"
urlpatterns = [
    path("works/<int:work_id>/related", views.manage, name="manage"),
]
