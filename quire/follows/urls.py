from django.urls import path

from quire.follows import views

app_name = "follows"
urlpatterns = [
    path("works/<int:work_id>/subscription", views.work_subscription, name="work_subscription"),
    path("users/<str:username>/subscription", views.author_subscription, name="author_subscription"),
    path("inbox", views.inbox, name="inbox"),
    path("inbox/read", views.inbox_mark_read, name="mark_read"),
    path("inbox/<int:notification_id>", views.inbox_open, name="open"),
    path("account/subscriptions", views.subscriptions, name="subscriptions"),
]
