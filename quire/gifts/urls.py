from django.urls import path

from quire.gifts import views

app_name = "gifts"
urlpatterns = [
    path("users/<str:username>/gifts", views.user_gifts, name="user_gifts"),
    path("gifts/<int:gift_id>/refuse", views.refuse, name="refuse"),
    path("gifts/<int:gift_id>/accept", views.accept, name="accept"),
]
