from django.urls import path

from quire.beta import views

app_name = "beta"
urlpatterns = [
    path("works/<int:work_id>/chapters/<int:chapter_id>/beta-read", views.chapter_report, name="chapter"),
]
