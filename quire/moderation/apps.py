from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "quire.moderation"
    label = "moderation"
    verbose_name = "Trust and safety"
