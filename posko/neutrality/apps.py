from django.apps import AppConfig


class NeutralityConfig(AppConfig):
    name = "posko.neutrality"
    label = "neutrality"
