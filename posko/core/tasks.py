"""Background work: the periodic schedule and orphan recovery."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# The label the audit log shows for work done by `posko worker`.
WORKER_ACTOR = "system:worker"


@dataclass(frozen=True)
class Periodic:
    """A task the scheduler enqueues at most once per period, keyed by `period`."""

    task_path: str
    period_of: Callable[[datetime], str]

    def task(self) -> Any:
        """The django-tasks Task object (imported late: apps must be ready)."""
        from django.utils.module_loading import import_string

        return import_string(self.task_path)


def _hour(now: datetime) -> str:
    return timezone.localtime(now).strftime("%Y-%m-%dT%H")


def _quarter_hour(now: datetime) -> str:
    local = timezone.localtime(now)
    return f"{local:%Y-%m-%dT%H}:{local.minute // 15 * 15:02d}"


def _yesterday(now: datetime) -> str:
    return (timezone.localtime(now).date() - timedelta(days=1)).isoformat()


SCHEDULE: tuple[Periodic, ...] = (
    Periodic("posko.cases.tasks.send_deadline_reminders", _hour),
    Periodic("posko.mapping.tasks.recount_recent_days", _quarter_hour),
    Periodic("posko.mapping.tasks.detect_spikes_today", _quarter_hour),
    Periodic("posko.sitrep.tasks.render_daily_sitrep", _yesterday),
)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic task whose current period has no task yet; returns what it added."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    added: list[str] = []
    for periodic in SCHEDULE:
        period = periodic.period_of(now)
        task = periodic.task()
        # The queued row itself is the idempotency key: one row per task and period.
        exists = DBTaskResult.objects.filter(
            task_path=task.module_path, args_kwargs__kwargs__period=period
        ).exists()
        if not exists:
            task.enqueue(period=period)
            added.append(f"{task.name}[{period}]")
    return added


def requeue_orphans(*, worker_id: str, lease: timedelta | None = None) -> int:
    """Put back to READY the tasks a dead worker left RUNNING; returns how many.

    A task is orphaned when it was claimed by this worker id (which is not running it now:
    this process has just started) or when it has run longer than the lease (its worker
    died for good). Tasks are idempotent, so running one again is safe.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    lease = lease or timedelta(seconds=settings.POSKO_TASK_LEASE_SECONDS)
    cutoff = timezone.now() - lease
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    count = 0
    with transaction.atomic():
        for row in running.select_for_update():
            ids = row.worker_ids or []
            mine = bool(ids) and ids[-1] == worker_id
            stale = row.started_at is not None and row.started_at < cutoff
            if mine or stale:
                row.status = TaskResultStatus.READY
                row.started_at = None
                row.save(update_fields=["status", "started_at"])
                count += 1
    if count:
        logger.warning("requeued %d task(s) left running by a stopped worker", count)
    return count
