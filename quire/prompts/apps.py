from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "quire.prompts"
    label = "prompts"
