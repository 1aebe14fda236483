from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "quire.tags"
    label = "tags"
