from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "posko.candidates"
    label = "candidates"
