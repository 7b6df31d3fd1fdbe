from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "posko.reports"
    label = "reports"
