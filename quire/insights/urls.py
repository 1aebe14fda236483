from django.urls import path

from quire.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/read", views.read_beacon, name="read_beacon"),
    path("works/<int:work_id>/stats", views.work_dashboard, name="dashboard"),
]
