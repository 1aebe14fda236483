from django.apps import AppConfig


class CreatorsConfig(AppConfig):
    name = "quire.creators"
    verbose_name = "Creators"
