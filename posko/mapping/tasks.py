"""Background tasks of the map: spike detection for today."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from posko.mapping.alerts import detect_spikes


@task()
def detect_spikes_today(period: str = "") -> int:
    """Periodic: raise or refresh today's spike alerts (detect_spikes is idempotent per cell)."""
    return len(detect_spikes(on=timezone.localdate()))
