from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "quire.insights"
    label = "insights"
