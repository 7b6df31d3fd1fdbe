"""`posko serve`: waitress in one process, or gunicorn with several; plus one embedded worker.

One process (the default) is waitress with threads. With `--processes N` gunicorn forks N
processes (threads each), so that Python uses every core. Either way, unless `--no-worker`,
exactly one process at a time runs the background worker in a thread: the one holding an
exclusive lock on `$POSKO_DATA_DIR/worker.lock` (released by the kernel when that process
dies, so another takes over within seconds).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

LOCK_RETRY_SECONDS = 5.0


def start_locked_worker(lock_path: Path, worker_id: str) -> threading.Thread:
    """A daemon thread that waits for the worker lock, then runs the worker loop for good."""

    def wait_then_work() -> None:
        from posko.core.worker import run_embedded

        handle = lock_path.open("a")  # kept open: closing it would release the lock
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:  # another process runs the worker
                time.sleep(LOCK_RETRY_SECONDS)
        logger.info("background worker %s running in process %d", worker_id, os.getpid())
        run_embedded(worker_id)

    thread = threading.Thread(target=wait_then_work, name="posko-worker", daemon=True)
    thread.start()
    return thread


def serve_waitress(*, host: str, port: int, threads: int) -> None:
    """One process, `threads` request threads."""
    from waitress import serve

    from posko.config.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="posko")


def serve_gunicorn(
    *, host: str, port: int, processes: int, threads: int, worker_lock: Path | None, worker_id: str
) -> None:
    """`processes` gunicorn processes with `threads` threads each (gthread workers)."""
    from gunicorn.app.base import BaseApplication

    def post_worker_init(worker: Any) -> None:
        if worker_lock is not None:
            start_locked_worker(worker_lock, worker_id)

    options = {
        "bind": f"{host}:{port}",
        "workers": processes,
        "worker_class": "gthread",
        "threads": threads,
        "keepalive": 5,
        "timeout": 120,  # evidence uploads on slow phone links
        "graceful_timeout": 30,
        "backlog": 2048,
        "post_worker_init": post_worker_init,
        "control_socket_disable": True,  # no socket in $HOME shared by every instance
        "accesslog": None,
        "errorlog": "-",
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from posko.config.wsgi import application

            return application

    Server().run()
