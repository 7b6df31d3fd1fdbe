"""Vulnerability map, indicators, aggregates and early-warning alerts."""

from django.apps import AppConfig


class MappingConfig(AppConfig):
    """The mapping app; keeps the daily aggregates in step with case changes."""

    name = "posko.mapping"
    label = "mapping"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Refresh the daily counts of a case's reports whenever the case changes."""
        from posko.cases.signals import case_changed
        from posko.mapping.aggregates import on_case_changed

        case_changed.connect(on_case_changed, dispatch_uid="mapping.daily_counts")
