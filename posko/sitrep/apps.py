from django.apps import AppConfig


class SitrepConfig(AppConfig):
    name = "posko.sitrep"
    label = "sitrep"
