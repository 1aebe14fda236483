from django.urls import path

from quire.exports import views

app_name = "exports"
urlpatterns = [
    path("downloads/<int:work_id>/<str:filename>", views.download, name="download"),
    path("works/import", views.import_works, name="import_works"),
    path("works/import/<int:batch_id>", views.import_batch, name="import_batch"),
]
