from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Public reports: submission, evidence, tracking."""

    name = "posko.reports"
    label = "reports"

    def ready(self) -> None:
        """Register the start-up checks."""
        from posko.reports import checks  # noqa: F401
