"""`posko worker`: run background tasks (and, with --schedule, enqueue the periodic ones)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `worker` subcommand."""
    worker = subparsers.add_parser(
        "worker", help="run background tasks (deadline reminders, spikes, evidence, sitreps)"
    )
    worker.add_argument("--once", action="store_true", help="run every ready task, then exit")
    worker.add_argument(
        "--schedule",
        action="store_true",
        help="also enqueue periodic tasks (run this on one worker only)",
    )
    worker.add_argument(
        "--worker-id",
        help="unique per worker process, stable across restarts (default: the host name)",
    )
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls when idle"
    )
    worker.set_defaults(handler=worker_command)


def worker_command(args: argparse.Namespace) -> int:
    """Run the worker loop until stopped (or one round with --once)."""
    from posko.cli import setup_django

    setup_django()
    from posko.core.worker import WorkerLoop, default_worker_id

    logging.getLogger("posko").setLevel(logging.INFO)
    worker_id = (args.worker_id or default_worker_id())[:64]
    loop = WorkerLoop(
        worker_id=worker_id, interval=max(args.interval, 0.05), schedule=args.schedule
    )
    print(f"posko worker {worker_id}: started", file=sys.stderr)
    done = loop.run(once=args.once)
    print(
        f"posko worker {worker_id}: ran {done} task(s), filed {loop.filed} report(s)",
        file=sys.stderr,
    )
    return 0
