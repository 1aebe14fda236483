from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "quire.privacy"
    verbose_name = "Privacy: data exports and account deletion"
