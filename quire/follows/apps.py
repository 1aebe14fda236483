from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "quire.follows"
    label = "follows"
