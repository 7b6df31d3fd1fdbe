"""Helpers for fault tests: a `posko serve` process to kill, and databases to throw away."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSKO = Path(sys.executable).with_name("posko")
PG_URL = "postgres://postgres@127.0.0.1:5432/test"


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def posko_env(data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a throw-away Posko: its own data dir, no rate limit."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(POSKO_DATA_DIR=str(data_dir), POSKO_PUBLIC_RATE_LIMIT="off", **extra)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def scratch_postgres(base_url: str = PG_URL) -> Iterator[str]:
    """A fresh PostgreSQL database (dropped afterwards); yields its URL."""
    import psycopg

    name = f"posko_fault_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(base_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup(env: dict[str, str]) -> None:
    """`posko setup --no-demo`: migrate a fresh database."""
    subprocess.run(
        [str(POSKO), "setup", "--no-demo"],
        env=env,
        check=True,
        timeout=300,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_server(
    env: dict[str, str], port: int, threads: int = 8, *, worker: bool = False, processes: int = 1
) -> subprocess.Popen[bytes]:
    """Start `posko serve` (without its worker thread unless asked) and wait until it answers.

    It runs in a session of its own, so that `kill_server` can kill every process it forked.
    """
    command = [str(POSKO), "serve", "--port", str(port), "--threads", str(threads)]
    command += ["--processes", str(processes), "--worker" if worker else "--no-worker"]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/lacak", timeout=5).read()
            return process
        except OSError:  # refused or reset while the server starts
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("posko serve did not start") from None
            time.sleep(0.1)


def kill_server(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the server and every process it forked (a crash of the whole machine's app)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate (then kill) a server started here."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
