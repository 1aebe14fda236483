from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "quire.feeds"
    label = "feeds"
