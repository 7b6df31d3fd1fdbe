"""Run one function in several threads at once, each on its own database connection."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

# SQLite serialises writers with one file lock, and the in-memory test database cannot be
# shared by threads that write; the races these tests look for are PostgreSQL's.
needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="concurrent writers need PostgreSQL (set DATABASE_URL)",
)


def run_concurrently(work: Callable[[int], Any], threads: int, timeout: float = 60) -> list[Any]:
    """Start `threads` calls of work(i) behind one barrier; their results or raised exceptions."""
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[i] = work(i)
        except BaseException as exc:  # returned to the test, which decides what was expected
            results[i] = exc
        finally:
            connection.close()  # this thread's connection; the test database is dropped later

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in pool), "a writer hung (deadlock?)"
    return results
