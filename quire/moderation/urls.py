from django.urls import path, re_path

from quire.moderation import views

app_name = "moderation"
urlpatterns = [
    re_path(
        r"^report/(?P<target_type>work|chapter|review|comment|user)/(?P<target_id>[0-9]+)$",
        views.report,
        name="report",
    ),
    path("report/thanks", views.report_thanks, name="report_thanks"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/log", views.action_log, name="log"),
    path("moderation/switches", views.switches, name="switches"),
    path("moderation/invites", views.invites, name="invites"),
    path("moderation/<str:target_type>/<int:target_id>", views.case, name="case"),
    path("account/invite", views.request_invite, name="request_invite"),
    path("account/blocked", views.blocked_and_muted, name="blocked"),
    re_path(r"^users/(?P<username>[^/]+)/(?P<what>block|mute)$", views.block_or_mute, name="block_or_mute"),
]
