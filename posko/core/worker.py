"""`posko worker`: the django-tasks-db worker loop plus a small periodic scheduler."""

from __future__ import annotations

import logging
import signal
import socket
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from django.db import close_old_connections

from posko.core.tasks import enqueue_due, requeue_orphans

logger = logging.getLogger(__name__)


def default_worker_id() -> str:
    """A stable id (host name): after a crash the restarted worker reclaims its own tasks."""
    return socket.gethostname()[:64] or "posko-worker"


@dataclass
class WorkerLoop:
    """Runs ready tasks in batches; between batches, schedules periodic work and recovers."""

    worker_id: str
    interval: float = 1.0
    schedule: bool = False
    filing_batch: int = 500
    stopping: bool = field(default=False, init=False)
    filed: int = field(default=0, init=False)
    busy: bool = field(default=False, init=False)  # more reports wait: tick again at once
    _current: Any = field(default=None, init=False, repr=False)

    def _worker(self) -> Any:
        from django_tasks_db.management.commands.db_worker import Worker

        return Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )

    def tick(self) -> int:
        """One round: requeue orphans, enqueue due periodic tasks, file received reports, run
        every ready task; returns the tasks run."""
        from posko.reports.intake import file_waiting

        close_old_connections()
        requeue_orphans(worker_id=self.worker_id)
        if self.schedule:
            for name in enqueue_due():
                logger.info("scheduled %s", name)
        # Reports acknowledged by the public endpoints become cases, oldest first.
        filed = file_waiting(limit=self.filing_batch)
        self.filed += filed
        self.busy = filed == self.filing_batch
        worker = self._current = self._worker()
        if not self.stopping:
            worker.run()  # batch mode: returns when the queue is empty
        return int(worker._run_tasks)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        # Finish the task at hand (tasks are idempotent anyway), start no other, then leave.
        self.stopping = True
        if self._current is not None:
            self._current.running = False

    def run(self, *, once: bool = False) -> int:
        """Loop until SIGTERM/SIGINT (or one round with `once`); returns tasks run."""
        total = self.tick()
        if once:
            while self.busy:  # `--once` still files every waiting report
                total += self.tick()
            return total
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while not self.stopping:
            if not self.busy:
                time.sleep(self.interval)
            if not self.stopping:
                total += self.tick()
        return total


def run_embedded(worker_id: str, interval: float = 1.0) -> None:
    """Run the worker loop (with the scheduler) for good in the calling thread.

    `posko serve` runs this in a thread of one of its processes (`posko.core.serve`), so the
    single-machine setup needs no second process.
    """
    loop = WorkerLoop(worker_id=worker_id, interval=interval, schedule=True)
    while True:
        try:
            loop.tick()
        except Exception:  # the database may be down for a while: try again later
            logger.exception("background work round failed")
            loop.busy = False
        if not loop.busy:
            time.sleep(interval)
