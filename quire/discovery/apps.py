from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "quire.discovery"
    label = "discovery"
