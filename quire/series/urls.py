from django.urls import path

from quire.series import views

app_name = "series"
urlpatterns = [
    path("series/new", views.series_new, name="new"),
    path("series/<int:series_id>", views.series_detail, name="detail"),
    path("series/<int:series_id>/edit", views.series_edit, name="edit"),
    path("series/<int:series_id>/delete", views.series_delete, name="delete"),
    path("series/<int:series_id>/subscription", views.series_subscription, name="subscription"),
    path("works/<int:work_id>/series", views.work_series, name="work_series"),
    path("users/<str:username>/series", views.user_series, name="user_series"),
]
