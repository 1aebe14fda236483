from django.apps import AppConfig
from django.db.backends.signals import connection_created

from quire.discovery.cjk import index_text


def _add_search_text_function(sender, connection, **kwargs):
    # The FTS5 triggers (discovery 0005) index CJK text through it, on every connection that writes documents.
    if connection.vendor == "sqlite":
        connection.connection.create_function("quire_search_text", 1, index_text, deterministic=True)


class DiscoveryConfig(AppConfig):
    name = "quire.discovery"
    label = "discovery"

    def ready(self):
        connection_created.connect(_add_search_text_function, dispatch_uid="quire_search_text")
