from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "quire.sitepages"
    label = "sitepages"
    verbose_name = "Site pages"
