"""Faults: kill -9 under load loses no acknowledged report; a lost database answers 503."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import OperationalError, connection

from posko.reports.tracking import generate_code

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `bench` is a top-level folder, not an installed package

from bench.faults import free_port, posko_env, scratch_postgres, setup, start_server, stop  # noqa: E402

# A well-formed code (valid check symbol) that no report has.
UNKNOWN_CODE = generate_code()
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def test_kill_9_under_load_loses_no_acknowledged_report() -> None:
    backend = "postgres" if ON_POSTGRES else "sqlite"
    command = [sys.executable, "-m", "bench.intake", "--backend", backend]
    command += ["--seconds", "3", "--threads", "6"]
    if ON_POSTGRES:
        command += ["--pg-url", os.environ["DATABASE_URL"]]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout)
    assert result["killed"] is True
    assert result["acknowledged"] > 0
    assert result["acknowledged_missing"] == 0
    assert result["acknowledged_without_intact_file"] == 0
    assert result["duplicated"] == 0
    assert result["statuses"].get("500", 0) == 0
    assert done.returncode == 0


def _refuse(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.django_db(transaction=True)
def test_database_outage_is_503_with_retry_after_and_recovers(client: Any) -> None:
    with connection.execute_wrapper(_refuse):
        api = client.get(f"/api/v1/reports/{UNKNOWN_CODE}")
        page = client.post("/lacak", {"code": UNKNOWN_CODE})
    assert api.status_code == 503 and api["Retry-After"] == "5"
    assert api.json()["detail"][0]["code"] == "service_unavailable"
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert b"Traceback" not in page.content and b"coba lagi" in page.content
    # The database is back: the same requests get their ordinary answers, no restart.
    assert client.get(f"/api/v1/reports/{UNKNOWN_CODE}").status_code == 404
    assert client.post("/lacak", {"code": UNKNOWN_CODE}).status_code == 200


class ToggleProxy:
    """A TCP proxy to PostgreSQL that can cut every connection and refuse new ones."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.down = False
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with self.lock:
                    self.open.discard(sock)
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def cut(self) -> None:
        """The database becomes unreachable: drop live connections, refuse new ones."""
        self.down = True
        with self.lock:
            sockets = list(self.open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        """The database is reachable again."""
        self.down = False

    def close(self) -> None:
        """Stop accepting and cut what is left."""
        self.cut()
        self.listener.close()


@pytest.fixture
def proxied_server(tmp_path: Path) -> Iterator[tuple[str, ToggleProxy]]:
    """`posko serve` on a scratch PostgreSQL database reached through a ToggleProxy."""
    with scratch_postgres(os.environ["DATABASE_URL"]) as url:
        setup(posko_env(tmp_path / "data", url))
        parts = urlsplit(url)
        proxy = ToggleProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
        proxied = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
        port = free_port()
        server = start_server(posko_env(tmp_path / "data", proxied), port, threads=4)
        try:
            yield f"http://127.0.0.1:{port}", proxy
        finally:
            stop(server)
            proxy.close()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL)")
def test_live_server_answers_503_while_postgres_is_unreachable(proxied_server: Any) -> None:
    base, proxy = proxied_server
    url = base + f"/api/v1/reports/{UNKNOWN_CODE}"
    assert _get(url)[0] == 404  # up: an unknown code
    proxy.cut()
    seen = []
    for _ in range(6):  # a few seconds of outage
        status, headers, body = _get(url)
        seen.append(status)
        assert status == 503, body[:300]
        assert headers.get("Retry-After") == "5"
        assert b"Traceback" not in body
        time.sleep(0.5)
    proxy.restore()
    deadline = time.monotonic() + 15
    while (status := _get(url)[0]) != 404:
        assert time.monotonic() < deadline, f"did not recover: {status}"
        time.sleep(0.2)
    assert seen == [503] * 6
