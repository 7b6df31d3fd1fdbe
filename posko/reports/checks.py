"""Start-up checks: a bad rate-limit setting or a broken data file stops the server early."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_reports_config(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """POSKO_PUBLIC_RATE_LIMIT parses; categories.yaml and requirements.yaml load."""
    from posko.core.ratelimit import parse_rate
    from posko.reports.requirements import load_rules
    from posko.reports.taxonomy import load_taxonomy

    errors = []
    try:
        parse_rate(str(settings.POSKO_PUBLIC_RATE_LIMIT))
    except ImproperlyConfigured as exc:
        errors.append(Error(str(exc), id="reports.E001"))
    try:
        load_taxonomy()
        load_rules()
    except (ValueError, KeyError, OSError) as exc:
        errors.append(Error(f"report data files: {exc}", id="reports.E002"))
    return errors
