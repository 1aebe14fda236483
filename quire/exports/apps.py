from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "quire.exports"
    label = "exports"
    verbose_name = "Downloads and EPUB import"

    def ready(self):
        # deferred: the receivers connect once every app is loaded (AppConfig.ready), as Django asks.
        from quire.exports import signals  # noqa: F401  (connects the receivers)
