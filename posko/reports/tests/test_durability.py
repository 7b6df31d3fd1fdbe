"""A 201 means stored: kill the real server with SIGKILL right after and the report is there."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from .factories import jpeg_bytes

POSKO = Path(sys.executable).with_name("posko")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body as a phone's browser would send it."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, filename, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """`posko serve` on a fresh SQLite data directory, in its own process."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(POSKO_DATA_DIR=str(tmp_path / "data"), POSKO_PUBLIC_RATE_LIMIT="off")
    subprocess.run([str(POSKO), "setup", "--no-demo"], env=env, check=True, timeout=120)
    port = free_port()
    process = subprocess.Popen(
        [str(POSKO), "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/lacak", timeout=5).read()
            break
        except OSError:  # refused, reset or timed out while the server starts
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("posko serve did not start")
            time.sleep(0.2)
    yield base, tmp_path / "data", process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def test_report_survives_sigkill_right_after_201(server: Any) -> None:
    base, data_dir, process = server
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    report = {
        "category": "politik_uang",
        "description": "Amplop dibagikan di TPS 012.",
        "discovered_at": f"{yesterday}T09:00:00+07:00",
    }
    photo = jpeg_bytes()
    body, content_type = multipart({"report": json.dumps(report)}, [("files", "a.jpg", photo)])
    request = urllib.request.Request(
        base + "/api/v1/reports", data=body, headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        status, answer = response.status, json.loads(response.read())
    os.kill(process.pid, signal.SIGKILL)  # no shutdown, no flush, no checkpoint
    process.wait(timeout=10)
    assert status == 201

    # The 201 came after the intake queue row and the file were on disk.
    db = sqlite3.connect(data_dir / "posko.sqlite3")
    try:
        row = db.execute(
            "SELECT submission, evidence FROM reports_receivedreport WHERE tracking_code = ?",
            (answer["tracking_code"],),
        ).fetchone()
    finally:
        db.close()
    assert row is not None and json.loads(row[0])["description"] == report["description"]
    (file,) = json.loads(row[1])
    stored = (data_dir / "evidence" / file["storage_name"]).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == file["sha256"]

    # A worker started afterwards files it as a case with the same file.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["POSKO_DATA_DIR"] = str(data_dir)
    subprocess.run([str(POSKO), "worker", "--once"], env=env, check=True, timeout=300)
    db = sqlite3.connect(data_dir / "posko.sqlite3")
    try:
        filed = db.execute(
            "SELECT e.storage_name, e.sha256 FROM reports_report r"
            " JOIN reports_evidence e ON e.report_id = r.id WHERE r.tracking_code = ?",
            (answer["tracking_code"],),
        ).fetchall()
        waiting = db.execute("SELECT COUNT(*) FROM reports_receivedreport").fetchone()[0]
    finally:
        db.close()
    assert filed == [(file["storage_name"], file["sha256"])] and waiting == 0
