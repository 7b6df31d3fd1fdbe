"""Import of platform data exports into `posko check` acts."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Platform-export parsers, `posko import`, `posko scan` and the officer upload page."""

    name = "posko.imports"
    label = "imports"
    verbose_name = "Impor ekspor platform"
