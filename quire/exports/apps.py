from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "quire.exports"
    label = "exports"
    verbose_name = "Downloads and EPUB import"

    def ready(self):
        from quire.exports import signals  # noqa: F401  (connects the receivers)
