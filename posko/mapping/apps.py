from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "posko.mapping"
    label = "mapping"
