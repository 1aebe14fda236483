from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "quire.series"
    label = "series"
