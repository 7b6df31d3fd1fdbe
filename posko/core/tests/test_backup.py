"""Restore drill: backup a live data dir, restore into a fresh one, compare every row and byte."""

from __future__ import annotations

import gzip
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

POSKO = Path(sys.executable).with_name("posko")
# Rebuilt by `migrate` (ids may differ, references use natural keys) or never backed up.
NOT_COMPARED = {"django_migrations", "django_session", "django_content_type", "auth_permission"}

pytestmark = pytest.mark.xdist_group("backup-drill")


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POSKO_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)  # never touch the developer's PostgreSQL from a subprocess
    return subprocess.run([str(POSKO), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data dir with the demo data (reports, evidence, transitions, audit) and its backup."""
    data_dir = tmp_path_factory.mktemp("source")
    setup = _run(data_dir, "setup")
    assert setup.returncode == 0, setup.stderr
    archive = tmp_path_factory.mktemp("backups") / "posko.tar.gz"
    done = _run(data_dir, "backup", "--output", str(archive))
    assert done.returncode == 0, done.stderr
    assert "1 evidence file" in done.stderr
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    return data_dir, archive


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("select name from sqlite_master where type = 'table'").fetchall()
    return sorted(name for (name,) in rows if not name.startswith("sqlite_"))


def _rows(db: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    query = f'select * from "{table}"'
    if table == "core_auditevent":
        query += " where verb != 'backup.restore'"
    return sorted(db.execute(query).fetchall(), key=repr)


def _files(folder: Path) -> dict[str, bytes]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


def test_restore_drill_gives_back_every_row_and_evidence_byte(
    source: tuple[Path, Path], tmp_path: Path
) -> None:
    data_dir, archive = source
    fresh = tmp_path / "fresh"
    done = _run(fresh, "restore", str(archive))
    assert done.returncode == 0, done.stderr

    before = sqlite3.connect(data_dir / "posko.sqlite3")
    after = sqlite3.connect(fresh / "posko.sqlite3")
    assert _tables(before) == _tables(after)
    for table in _tables(before):
        if table not in NOT_COMPARED:
            assert _rows(before, table) == _rows(after, table), table
    counts = {
        t: after.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("reports_report", "reports_evidence", "cases_caseevent", "core_auditevent")
    }
    assert counts["reports_report"] == 12 and counts["reports_evidence"] == 1
    assert counts["cases_caseevent"] > 12 and counts["core_auditevent"] > 40
    verbs = {v for (v,) in after.execute("select verb from core_auditevent")}
    assert {"backup.create", "backup.restore", "case.transition"} <= verbs

    original = _files(data_dir / "evidence")
    assert original and _files(fresh / "evidence") == original

    # The restored officers still sign in (passwords, 2FA devices came along).
    code = _run(fresh, "officers", "totp", "koordinator.demo")
    assert code.returncode == 0 and code.stdout.strip().isdigit()

    refused = _run(fresh, "restore", str(archive))
    assert refused.returncode == 1 and "--force" in refused.stderr
    forced = _run(fresh, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    again = sqlite3.connect(fresh / "posko.sqlite3")
    assert _rows(again, "reports_report") == _rows(before, "reports_report")
    assert list(fresh.glob("evidence.before-restore-*"))  # the replaced files were kept aside


def _rewrite(archive: Path, target: Path, change: str) -> None:
    """Copy the archive, altering one evidence member after the manifest was written."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("evidence/"):
                if change == "drop":
                    continue
                data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("flip", "checksum mismatch"),
        ("drop", "listed in the manifest but missing"),
        ("truncate", "damaged"),
    ],
)
def test_a_corrupted_archive_is_rejected_before_anything_is_touched(
    source: tuple[Path, Path], tmp_path: Path, change: str, message: str
) -> None:
    _data_dir, archive = source
    bad = tmp_path / "bad.tar.gz"
    if change == "truncate":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:
        _rewrite(archive, bad, change)
    target = tmp_path / "target"
    done = _run(target, "restore", str(bad))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "nothing was restored" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (target / "evidence").exists()
    db = target / "posko.sqlite3"
    if db.exists():  # verification runs before migrate: no table was created
        assert sqlite3.connect(db).execute("select count(*) from sqlite_master").fetchone() == (0,)


def test_not_a_backup_at_all(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(gzip.compress(b"hello"))
    done = _run(tmp_path / "target", "restore", str(bogus))
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_in_process_on_the_configured_database(
    settings: object, tmp_path: Path
) -> None:
    """The same drill on whatever DATABASE_URL points at (PostgreSQL in the second run)."""
    from django.contrib.auth.models import User
    from django.core.cache import cache

    from posko.accounts.roles import Role
    from posko.accounts.services import create_officer
    from posko.cases import services as cases
    from posko.cases.models import Case, CaseEvent
    from posko.core.backup import DatabaseNotEmpty, create_backup, restore_backup
    from posko.core.models import AuditEvent
    from posko.reports import services as reports
    from posko.reports.models import Evidence, Report, ReporterIdentity
    from posko.reports.submission import ReportSubmission
    from posko.reports.tests.factories import photo

    settings.EVIDENCE_DIR = tmp_path / "evidence"  # type: ignore[attr-defined]
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"  # type: ignore[attr-defined]
    cache.clear()
    boss = create_officer(
        "koordinator.cadangan", "sandi-uji-Posko-2026", Role.KOORDINATOR, actor="t"
    )
    now = timezone.now()
    submission = ReportSubmission(
        category="politik_uang",
        description="Tim sukses membagikan amplop berisi uang kepada warga di dekat TPS.",
        discovered_at=now,
        region_code="31.71.01.1001",
        reporter_name="Pelapor Fiktif",
        reporter_address="Jl. Contoh 2",
    )
    report = reports.submit_report(submission, [photo(gps=False), photo("b.jpg", gps=False)])
    cases.transition_case(report.case, "study", actor=boss, reason="Telaah")

    def snapshot() -> dict[str, list[Any]]:
        return {
            "users": list(User.objects.order_by("pk").values()),
            "reports": list(Report.objects.order_by("pk").values()),
            "cases": list(Case.objects.order_by("pk").values()),
            "events": list(CaseEvent.objects.order_by("pk").values()),
            "identities": list(ReporterIdentity.objects.order_by("pk").values()),
            "evidence": list(Evidence.objects.order_by("pk").values()),
            "audit": list(
                AuditEvent.objects.exclude(verb="backup.restore").order_by("pk").values()
            ),
        }

    archive = tmp_path / "b.tar.gz"
    create_backup(archive, actor="test")
    before = snapshot()
    files = _files(tmp_path / "evidence")
    assert len(files) == 2
    with pytest.raises(DatabaseNotEmpty):
        restore_backup(archive)
    restore_backup(archive, force=True, actor="test")
    assert snapshot() == before
    assert _files(tmp_path / "evidence") == files
    assert AuditEvent.objects.filter(verb="backup.restore").count() == 1
    # Sequences continue after the restored ids (PostgreSQL needs them reset).
    later = reports.submit_report(submission, [])
    assert later.pk > report.pk
