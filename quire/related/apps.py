from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "quire.related"
    label = "related"
