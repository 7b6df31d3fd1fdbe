"""Retention purge: personal data of long-closed cases goes, open cases are never touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from posko.reports.tests.factories import photo

POSKO = Path(sys.executable).with_name("posko")
RETENTION = 730


@pytest.fixture
def world(db: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    """Four reports with identity, witness contact, a photo and a message, in cases that are:
    closed long ago, open, closed recently, and merged (long ago) into the open one."""
    from django.core.cache import cache

    from posko.accounts.roles import Role
    from posko.accounts.services import create_officer
    from posko.cases import services as cases
    from posko.reports import services as reports
    from posko.reports.submission import ReportSubmission, WitnessData

    settings.EVIDENCE_DIR = tmp_path / "evidence"
    settings.POSKO_RETENTION_DAYS = RETENTION
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    cache.clear()
    boss = create_officer(
        "koordinator.retensi", "sandi-uji-Posko-2026", Role.KOORDINATOR, actor="t"
    )

    def report(n: int) -> Any:
        now = timezone.now()
        submission = ReportSubmission(
            category="politik_uang",
            description=f"Laporan {n}: tim sukses membagikan amplop berisi uang kepada warga.",
            discovered_at=now - timedelta(days=1),
            occurred_at=now - timedelta(days=1, hours=2),
            region_code="31.71.01.1001",
            terlapor="Tim sukses paslon",
            reporter_name=f"Pelapor Fiktif {n}",
            reporter_address="Jl. Contoh 1",
            reporter_contact="0812-0000",
            witnesses=[WitnessData(name=f"Saksi {n}", contact="0813-1111")],
        )
        made = reports.submit_report(submission, [photo(gps=False)])
        reports.post_message(made, "Terima kasih.", from_reporter=False, actor=boss)
        return made

    old, still_open, recent, merged = (report(n) for n in range(4))
    cases.transition_case(old.case, "stopped", actor=boss, reason="Tidak cukup bukti")
    cases.merge_cases(still_open.case, [merged.case], actor=boss, reason="Kejadian sama")
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        cases.transition_case(recent.case, "stopped", actor=boss, reason="Tidak cukup bukti")
    return {"old": old, "open": still_open, "recent": recent, "merged": merged}


def _personal_data(report: Any, evidence_dir: Path) -> dict[str, int]:
    from posko.reports.models import Evidence, Message, ReporterIdentity, Witness

    files = Evidence.objects.filter(report=report).values_list("storage_name", flat=True)
    return {
        "identity": ReporterIdentity.objects.filter(report=report).count(),
        "witness_contacts": Witness.objects.filter(report=report).exclude(contact="").count(),
        "messages": Message.objects.filter(report=report).count(),
        "files_on_disk": sum((evidence_dir / name).exists() for name in files),
    }


FULL = {"identity": 1, "witness_contacts": 1, "messages": 1, "files_on_disk": 1}


def test_purge_removes_old_closed_data_only_and_leaves_an_audit_summary(
    world: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from posko.core.models import AuditEvent
    from posko.core.retention import purge_expired
    from posko.reports.models import Evidence, Report

    evidence_dir = Path(settings.EVIDENCE_DIR)
    old_hash = Evidence.objects.get(report=world["old"]).sha256
    later = timezone.now() + timedelta(days=RETENTION + 1)

    dry = purge_expired(actor="cli", now=later, dry_run=True)
    assert (dry.cases, dry.reports, dry.identities, dry.evidence_files) == (1, 1, 1, 1)
    assert _personal_data(world["old"], evidence_dir) == FULL  # a dry run changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        done = purge_expired(actor="cli", now=later)
    assert done.evidence_sha256 == [old_hash] and done.messages == 1
    assert _personal_data(world["old"], evidence_dir) == dict.fromkeys(FULL, 0)
    for key in ("open", "recent", "merged"):
        assert _personal_data(world[key], evidence_dir) == FULL, key
    # The report itself (what happened, where, the case history) stays for statistics.
    assert Report.objects.filter(pk=world["old"].pk).exists()

    row = AuditEvent.objects.get(verb="retention.purge")
    assert row.target_id == str(world["old"].case.pk) and row.actor_label == "cli"
    assert row.data["evidence_sha256"] == [old_hash] and row.data["identities"] == 1
    assert "Pelapor Fiktif" not in json.dumps(row.data)

    again = purge_expired(actor="cli", now=later)
    assert again.cases == 0  # nothing left to purge; no second audit row
    assert AuditEvent.objects.filter(verb="retention.purge").count() == 1


def test_nothing_is_purged_before_the_retention_period(world: dict[str, Any]) -> None:
    from posko.core.retention import purge_expired

    soon = timezone.now() + timedelta(days=RETENTION - 1)
    assert purge_expired(actor="cli", now=soon).cases == 0


def test_purge_cli_dry_run_prints_a_json_summary(tmp_path: Path) -> None:
    env = dict(os.environ, POSKO_DATA_DIR=str(tmp_path), POSKO_RETENTION_DAYS="30")
    env.pop("DATABASE_URL", None)
    assert subprocess.run([str(POSKO), "manage", "migrate", "-v", "0"], env=env).returncode == 0
    done = subprocess.run(
        [str(POSKO), "purge", "--dry-run"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["dry_run"] is True and summary["cases"] == 0
    cutoff = datetime.fromisoformat(summary["cutoff"])
    assert abs((timezone.now() - cutoff) - timedelta(days=30)) < timedelta(minutes=5)
