from django.urls import path

from quire.prompts import views

app_name = "prompts"
urlpatterns = [
    path("collections/<str:name>/prompt_meme/setup", views.setup, name="setup"),
    path("collections/<str:name>/prompts", views.prompt_list, name="list"),
    path("collections/<str:name>/prompts/new", views.prompt_new, name="new"),
    path("collections/<str:name>/prompts/<int:prompt_id>", views.prompt_detail, name="prompt"),
    path("collections/<str:name>/prompts/<int:prompt_id>/edit", views.prompt_edit, name="edit"),
    path("collections/<str:name>/prompts/<int:prompt_id>/delete", views.prompt_delete, name="delete"),
    path("collections/<str:name>/prompts/<int:prompt_id>/claim", views.claim, name="claim"),
    path("collections/<str:name>/prompts/<int:prompt_id>/drop", views.drop_claim, name="drop"),
    path("collections/<str:name>/prompts/<int:prompt_id>/fill", views.fill, name="fill"),
    path("prompt_claims", views.my_claims, name="my_claims"),
]
