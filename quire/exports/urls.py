from django.urls import path

from quire.exports import views

app_name = "exports"
urlpatterns = [
    path("downloads/<int:work_id>/<str:filename>", views.download, name="download"),
]
