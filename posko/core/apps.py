from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "posko.core"
    label = "core"
