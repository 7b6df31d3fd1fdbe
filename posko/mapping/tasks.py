"""Background tasks of the map: recounting recent days and spike detection for today."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from posko.mapping.aggregates import rebuild_aggregates
from posko.mapping.alerts import detect_spikes


@task()
def detect_spikes_today(period: str = "") -> int:
    """Periodic: raise or refresh today's spike alerts (detect_spikes is idempotent per cell)."""
    return len(detect_spikes(on=timezone.localdate()))


@task()
def recount_recent_days(period: str = "") -> int:
    """Periodic: recount yesterday's and today's map cells from the reports (idempotent).

    Filing recounts its cells after commit; this heals a worker that died in between.
    """
    return rebuild_aggregates(since=timezone.localdate() - timedelta(days=1))
