from django.urls import path, re_path

from quire.works import views

app_name = "works"
urlpatterns = [
    path("works/new", views.work_new, name="new"),
    path("works/<int:work_id>", views.work_detail, name="detail"),
    path("works/<int:work_id>/navigate", views.navigate, name="navigate"),
    path("works/<int:work_id>/edit", views.work_edit, name="edit"),
    path("works/<int:work_id>/post", views.work_post, name="post"),
    path("works/<int:work_id>/delete", views.work_delete, name="delete"),
    path("works/<int:work_id>/chapters/new", views.chapter_new, name="chapter_new"),
    path("works/<int:work_id>/chapters/manage", views.chapters_manage, name="chapters_manage"),
    path("works/<int:work_id>/chapters/<int:chapter_id>", views.chapter_detail, name="chapter"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/edit", views.chapter_edit, name="chapter_edit"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/post", views.chapter_post, name="chapter_post"),
    path(
        "works/<int:work_id>/chapters/<int:chapter_id>/unschedule",
        views.chapter_unschedule,
        name="chapter_unschedule",
    ),
    path("works/<int:work_id>/chapters/<int:chapter_id>/delete", views.chapter_delete, name="chapter_delete"),
    re_path(r"^autosave/(?P<key>[a-z0-9-]{1,60})$", views.autosave, name="autosave"),
    re_path(r"^autosave/(?P<key>[a-z0-9-]{1,60})/discard$", views.autosave_discard, name="autosave_discard"),
]
