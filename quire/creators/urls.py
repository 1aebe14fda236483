from django.urls import path

from quire.creators import views

app_name = "creators"

urlpatterns = [
    path("works/<int:work_id>/creators", views.manage, name="work"),
    path("works/<int:work_id>/chapters/<int:chapter_id>/creators", views.manage, name="chapter"),
    path("series/<int:series_id>/creators", views.manage, name="series"),
    path("invitations/<int:pk>/accept", views.answer, {"action": "accept"}, name="accept"),
    path("invitations/<int:pk>/decline", views.answer, {"action": "decline"}, name="decline"),
    path("invitations/<int:pk>/withdraw", views.answer, {"action": "withdraw"}, name="withdraw"),
]
