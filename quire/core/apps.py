from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quire.core"
    label = "core"
    verbose_name = "Quire core"
