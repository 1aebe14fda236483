from django.urls import path

from quire.privacy import views

app_name = "privacy"
urlpatterns = [
    path("account/data", views.data_export, name="data_export"),
    path("account/data/<str:key>.zip", views.data_download, name="data_download"),
    path("account/delete", views.delete_account, name="delete_account"),
]
