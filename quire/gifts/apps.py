from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "quire.gifts"
    label = "gifts"
