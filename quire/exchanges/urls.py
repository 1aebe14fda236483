from django.urls import path

from quire.exchanges import views

app_name = "exchanges"
C = "collections/<str:name>"
urlpatterns = [
    path(f"{C}/exchange/setup", views.setup, name="setup"),
    path(f"{C}/signups/new", views.signup_new, name="signup_new"),
    path(f"{C}/signups/mine", views.signup_mine, name="signup_mine"),
    path(f"{C}/signups/mine/edit", views.signup_edit, name="signup_edit"),
    path(f"{C}/signups/mine/withdraw", views.signup_withdraw, name="signup_withdraw"),
    path(f"{C}/signups", views.signups, name="signups"),
    path(f"{C}/signups/summary", views.summary, name="summary"),
    path(f"{C}/assignments", views.assignments, name="assignments"),
    path(f"{C}/assignments/generate", views.generate, name="generate"),
    path(f"{C}/assignments/set", views.set_recipient, name="set_recipient"),
    path(f"{C}/assignments/swap", views.swap, name="swap"),
    path(f"{C}/assignments/send", views.send, name="send"),
    path(f"{C}/assignments/mine", views.assignment_mine, name="assignment_mine"),
    path(f"{C}/assignments/<int:assignment_id>", views.assignment, name="assignment"),
    path(f"{C}/assignments/<int:assignment_id>/default", views.default, name="default"),
    path(f"{C}/assignments/<int:assignment_id>/fulfil", views.fulfil, name="fulfil"),
    path(f"{C}/pinch_hits", views.pinch_hits, name="pinch_hits"),
    path(f"{C}/pinch_hits/post", views.post_pinch_hit, name="post_pinch_hit"),
    path(f"{C}/pinch_hits/<int:assignment_id>/claim", views.claim, name="claim"),
]
