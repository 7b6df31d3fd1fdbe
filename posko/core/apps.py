from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "posko.core"
    label = "core"

    def ready(self) -> None:
        """Connect the background-work hooks (evidence checks after a report commits)."""
        from posko.core.tasks import connect_signals

        connect_signals()
