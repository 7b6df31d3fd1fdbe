from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "posko.cases"
    label = "cases"
