"""`posko reports export` run as a subprocess: role-limited columns, audited identity reads."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

POSKO = str(Path(sys.executable).with_name("posko"))
SECRET_NAME = "Siti Pelapor Rahasia"

pytestmark = pytest.mark.django_db(transaction=True)


class CliDatabase:
    """Lets a `posko` subprocess see the data this test committed, on SQLite and PostgreSQL."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.sqlite_file: Path | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ, POSKO_DATA_DIR=str(self.tmp_path / "var"))
        if connection.vendor == "sqlite":
            # The test database lives in memory: copy it to a file the subprocess can open.
            self.sqlite_file = self.tmp_path / "export.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite_file)
            connection.connection.backup(target)
            target.close()
            env["DATABASE_URL"] = f"sqlite:///{self.sqlite_file}"
        else:
            s = connection.settings_dict
            env["DATABASE_URL"] = (
                f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
                f"{s['PORT'] or 5432}/{s['NAME']}"
            )
        return env

    def audit(self) -> list[tuple[str, dict[str, Any]]]:
        """(verb, data) of every audit row, as the subprocess left them."""
        if self.sqlite_file is not None:
            with sqlite3.connect(self.sqlite_file) as db:
                rows = db.execute("SELECT verb, data FROM core_auditevent ORDER BY id").fetchall()
            return [(verb, json.loads(data)) for verb, data in rows]
        from posko.core.models import AuditEvent

        return [(e.verb, e.data) for e in AuditEvent.objects.order_by("id")]


@pytest.fixture
def seeded(make_report: Any, officers: dict[str, Any]) -> dict[str, Any]:
    named = make_report(identity={"name": SECRET_NAME, "contact": "0812", "address": "Jl. Y"})
    anonymous = make_report(description="Kepala desa mengarahkan warga memilih paslon 1.")
    return {"named": named, "anonymous": anonymous}


def run(db: CliDatabase, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [POSKO, "reports", "export", *args],
        env=db.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_koordinator_exports_csv_without_identity_by_default(
    tmp_path: Path, seeded: dict[str, Any]
) -> None:
    db = CliDatabase(tmp_path)
    done = run(db, "--format", "csv", "--as", "koordinator.satu")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 2
    assert {r["report_id"] for r in rows} == {str(r.pk) for r in seeded.values()}
    assert "reporter_name" not in rows[0]
    assert SECRET_NAME not in done.stdout
    assert rows[0]["deadline_rule"] == "bawaslu_study"
    verbs = [verb for verb, _ in db.audit()]
    assert verbs.count("reports.export") == 1
    assert "identity.view" not in verbs


def test_identity_columns_are_audited_read_by_read(tmp_path: Path, seeded: dict[str, Any]) -> None:
    db = CliDatabase(tmp_path)
    out = tmp_path / "export.jsonl"
    done = run(
        db, "--format", "jsonl", "--output", str(out), "--as", "admin.satu", "--with-identity"
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_report = {r["report_id"]: r for r in rows}
    assert by_report[seeded["named"].pk]["reporter_name"] == SECRET_NAME
    assert by_report[seeded["anonymous"].pk]["reporter_name"] == ""
    audit = db.audit()
    assert sum(1 for verb, _ in audit if verb == "identity.view") == 2
    (export,) = [data for verb, data in audit if verb == "reports.export"]
    assert export == {"rows": 2, "with_identity": True}


def test_roles_without_export_rights_are_refused(tmp_path: Path, seeded: dict[str, Any]) -> None:
    db = CliDatabase(tmp_path)
    for username in ("pimpinan.satu", "petugas.satu"):
        done = run(db, "--format", "csv", "--as", username)
        assert done.returncode == 3
        assert "forbidden" in done.stderr and done.stdout == ""
    unknown = run(db, "--format", "csv", "--as", "siapa")
    assert unknown.returncode == 2 and "unknown_user" in unknown.stderr
    bad_format = run(db, "--format", "xml", "--as", "admin.satu")
    assert bad_format.returncode == 2 and "invalid choice" in bad_format.stderr
    assert not [verb for verb, _ in db.audit() if verb == "reports.export"]
