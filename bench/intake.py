"""Sustained public report intake over HTTP, with a kill -9 of the server in the middle.

`python -m bench.intake [--backend sqlite|postgres] [--seconds 20] [--threads 16] [--no-kill]
[--worker] [--processes N] [--no-photo]` prints a JSON result. Traffic goes to 127.0.0.1 only;
every loop is bounded by time. Each report carries a small JPEG unless `--no-photo`.

A 201 means the report is in the intake queue with its files on disk (`posko.reports.intake`).
After the load, `posko worker --once` files the queue and the run checks again that every
acknowledged report became exactly one filed report with intact files; `filed_per_second` is
that worker's rate. With `--worker` the server's own worker thread files during the load.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import json
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.faults import (
    POSKO,
    free_port,
    kill_server,
    posko_env,
    scratch_postgres,
    setup,
    start_server,
    stop,
)


def small_jpeg() -> bytes:
    """A tiny real JPEG (a phone photo stand-in; uploads are checked by content)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    acked: dict[str, str] = field(default_factory=dict)  # tracking code -> description
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (sent at, seconds)
    statuses: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, key: str) -> None:
        with self.lock:
            self.statuses[key] = self.statuses.get(key, 0) + 1


def _body(description: str, photo: bytes) -> tuple[bytes, str]:
    """The report as JSON, or (with a photo) as multipart like a phone's browser sends it."""
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    report = {
        "category": "politik_uang",
        "description": description,
        "discovered_at": f"{yesterday}T09:00:00+07:00",
    }
    if not photo:
        return json.dumps(report).encode(), "application/json"
    boundary = uuid.uuid4().hex
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n'
    file_head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    )
    body = (
        head.encode()
        + json.dumps(report).encode()
        + b"\r\n"
        + file_head.encode()
        + photo
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _client(port: int, until: float, tally: Tally, photo: bytes, run_id: str) -> None:
    conn: http.client.HTTPConnection | None = None
    n = 0
    while time.monotonic() < until:
        n += 1
        description = f"Amplop dibagikan di TPS, beban uji {run_id}-{threading.get_ident()}-{n}."
        body, content_type = _body(description, photo)
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/api/v1/reports", body, {"Content-Type": content_type})
            response = conn.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException):
            # The server was killed under us: this request was never acknowledged.
            tally.count("connection_error")
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)
            continue
        elapsed = time.monotonic() - started
        tally.count(str(response.status))
        if response.status == 201:
            code = json.loads(answer)["tracking_code"]
            with tally.lock:
                tally.acked[code] = description
                tally.latencies.append((started, elapsed))
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = None
    if conn is not None:
        conn.close()


REPORTS_SQL = "SELECT tracking_code, description, id FROM reports_report"
EVIDENCE_SQL = "SELECT report_id, storage_name, sha256 FROM reports_evidence"
RECEIVED_SQL = "SELECT tracking_code, submission, evidence FROM reports_receivedreport"


def _query(data_dir: Path, database_url: str | None, sql: str) -> list[Any]:
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as pg:
            return pg.execute(sql).fetchall()
    lite = sqlite3.connect(data_dir / "posko.sqlite3")
    try:
        return lite.execute(sql).fetchall()
    finally:
        lite.close()


def _stored(data_dir: Path, database_url: str | None) -> tuple[list[Any], list[Any]]:
    """Every report, filed or still in the intake queue, as (code, description, key) rows, and
    its files as (key, storage name, sha256) rows."""
    reports = _query(data_dir, database_url, REPORTS_SQL)
    evidence = _query(data_dir, database_url, EVIDENCE_SQL)
    for code, submission, files in _query(data_dir, database_url, RECEIVED_SQL):
        submission = json.loads(submission) if isinstance(submission, str) else submission
        files = json.loads(files) if isinstance(files, str) else files
        key = f"received:{code}"
        reports.append((code, submission["description"], key))
        evidence.extend((key, f["storage_name"], f["sha256"]) for f in files)
    return reports, evidence


def waiting(data_dir: Path, database_url: str | None) -> int:
    """Reports acknowledged but not yet filed as cases."""
    return len(_query(data_dir, database_url, RECEIVED_SQL))


def file_all(env: dict[str, str]) -> float:
    """Run `posko worker --once` (files every waiting report); returns its seconds."""
    started = time.monotonic()
    subprocess.run(
        [str(POSKO), "worker", "--once", "--worker-id", "bench"],
        env=env,
        check=True,
        timeout=900,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def verify(
    tally: Tally, data_dir: Path, database_url: str | None, files_per_report: int = 1
) -> dict[str, Any]:
    """Every acknowledged report is stored once, with its intact file(s)."""
    reports, evidence = _stored(data_dir, database_url)
    by_code = {code: (description, pk) for code, description, pk in reports}
    files: dict[Any, list[tuple[str, str]]] = {}
    for report_id, name, sha in evidence:
        files.setdefault(report_id, []).append((name, sha))
    missing, bad_files = 0, 0
    for code, description in tally.acked.items():
        row = by_code.get(code)
        if row is None or row[0] != description:
            missing += 1
            continue
        stored = files.get(row[1], [])
        intact = [
            (data_dir / "evidence" / name).is_file()
            and hashlib.sha256((data_dir / "evidence" / name).read_bytes()).hexdigest() == sha
            for name, sha in stored
        ]
        bad_files += len(intact) != files_per_report or not all(intact)
    descriptions = [description for description, _ in by_code.values()]
    duplicated = len(descriptions) - len(set(descriptions))
    return {
        "acknowledged": len(tally.acked),
        "stored_reports": len(reports),
        "acknowledged_missing": missing,
        "acknowledged_without_intact_file": bad_files,
        "duplicated": duplicated,
        # Committed but the 201 was lost with the killed server: stored, never acknowledged.
        "stored_not_acknowledged": len(reports) - len(tally.acked) + missing,
    }


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(
    *,
    backend: str = "sqlite",
    seconds: float = 20.0,
    threads: int = 16,
    server_threads: int = 8,
    kill: bool = True,
    worker: bool = False,
    processes: int = 1,
    pg_url: str | None = None,
    with_photo: bool = True,
) -> dict[str, Any]:
    """Load the intake for `seconds`; with `kill`, SIGKILL and restart the server halfway."""
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="posko-intake-")))
        data_dir = workdir / "data"
        database_url = None
        if backend == "postgres":
            kwargs = {"base_url": pg_url} if pg_url else {}
            database_url = stack.enter_context(scratch_postgres(**kwargs))
        env = posko_env(data_dir, database_url)
        setup(env)
        port = free_port()
        server = start_server(env, port, server_threads, worker=worker, processes=processes)
        tally, run_id = Tally(), uuid.uuid4().hex[:8]
        photo = small_jpeg() if with_photo else b""
        started = time.monotonic()
        until = started + seconds
        clients = [
            threading.Thread(target=_client, args=(port, until, tally, photo, run_id))
            for _ in range(threads)
        ]
        for client in clients:
            client.start()
        killed_at = restarted_at = None
        try:
            if kill:
                time.sleep(seconds / 2)
                kill_server(server)
                killed_at = time.monotonic()
                server = start_server(env, port, server_threads, worker=worker, processes=processes)
                restarted_at = time.monotonic()
            for client in clients:
                client.join(timeout=seconds + 60)
        finally:
            stop(server)
        elapsed = time.monotonic() - started
        window = [t for s, t in tally.latencies if killed_at is None or s < killed_at]
        all_latencies = [t for _, t in tally.latencies]
        result: dict[str, Any] = {
            "backend": backend,
            "client_threads": threads,
            "server_threads": server_threads,
            "server_processes": processes,
            "with_photo": with_photo,
            "embedded_worker": worker,
            "seconds": round(elapsed, 2),
            "requests_per_second": round(len(tally.acked) / elapsed, 1),
            "p50_ms": round(1000 * _percentile(all_latencies, 50), 1),
            "p99_ms": round(1000 * _percentile(all_latencies, 99), 1),
            "before_kill_per_second": round(len(window) / ((killed_at or until) - started), 1),
            "before_kill_p99_ms": round(1000 * _percentile(window, 99), 1),
            "statuses": dict(sorted(tally.statuses.items())),
            "killed": kill,
            "restart_seconds": round(restarted_at - killed_at, 2)
            if killed_at and restarted_at
            else None,
        }
        result.update(verify(tally, data_dir, database_url, int(with_photo)))
        # Then the worker files the queue: every acknowledged report must become a case.
        result["waiting_after_load"] = waiting(data_dir, database_url)
        filing_seconds = file_all(env)
        result["filing_seconds"] = round(filing_seconds, 2)
        result["filed_per_second"] = round(result["waiting_after_load"] / filing_seconds, 1)
        after = verify(tally, data_dir, database_url, int(with_photo))
        result["waiting_after_filing"] = waiting(data_dir, database_url)
        result["ok"] = (
            result["acknowledged"] > 0
            and result["acknowledged_missing"] == 0
            and result["acknowledged_without_intact_file"] == 0
            and result["duplicated"] == 0
            and after["acknowledged_missing"] == 0
            and after["acknowledged_without_intact_file"] == 0
            and after["duplicated"] == 0
            and result["waiting_after_filing"] == 0
        )
        return result


def main(argv: list[str] | None = None) -> int:
    """Command line: print the result as JSON; exit 1 when an acknowledged report is lost."""
    parser = argparse.ArgumentParser(prog="python -m bench.intake")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--server-threads", type=int, default=8)
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--no-photo", action="store_true", help="JSON reports without evidence")
    parser.add_argument(
        "--processes", type=int, default=1, help="posko serve --processes (1: waitress)"
    )
    parser.add_argument(
        "--worker", action="store_true", help="file reports during the load (embedded worker)"
    )
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args(argv)
    result = run(
        backend=args.backend,
        seconds=min(args.seconds, 600.0),
        threads=min(args.threads, 256),
        server_threads=args.server_threads,
        kill=not args.no_kill,
        worker=args.worker,
        processes=args.processes,
        with_photo=not args.no_photo,
        pg_url=args.pg_url,
    )
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
