from django.apps import AppConfig


class ShelfConfig(AppConfig):
    name = "quire.shelf"
    label = "shelf"
