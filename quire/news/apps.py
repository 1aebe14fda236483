from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "quire.news"
    label = "news"
