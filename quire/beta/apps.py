from django.apps import AppConfig


class BetaConfig(AppConfig):
    name = "quire.beta"
    verbose_name = "Beta read"
