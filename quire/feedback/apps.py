from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "quire.feedback"
    label = "feedback"
