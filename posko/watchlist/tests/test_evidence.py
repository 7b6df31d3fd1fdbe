"""Findings and evidence are immutable once recorded, audited, and corrected by new records."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from posko.core.models import AuditEvent
from posko.watchlist.models import EvidenceItem, Finding, ImmutableError
from posko.watchlist.screenshots import screenshot_path
from posko.watchlist.services import FindingInput, correct_finding, record_findings
from posko.watchlist.tests.conftest import ITEM, NIP, VERDICT


def test_finding_keeps_item_source_hash_and_audit(make_finding: Any, export_file: Path) -> None:
    finding = make_finding()
    evidence = finding.evidence.get()
    assert finding.rule_id == "SKB2022-A4-B6-SOCIAL"
    assert finding.candidate == "2. Jeje Wiradinata"
    assert evidence.item == ITEM
    assert evidence.source_name == "liked_posts.json"
    assert evidence.source_sha256 == hashlib.sha256(export_file.read_bytes()).hexdigest()
    assert evidence.imported_by == "koordinator.w"
    row = AuditEvent.objects.get(verb="watchlist.finding_record", target_id=str(finding.pk))
    assert row.data["source_sha256"] == evidence.source_sha256


def test_update_and_delete_are_refused(make_finding: Any) -> None:
    finding = make_finding()
    finding.explanation = "diubah"
    with pytest.raises(ImmutableError):
        finding.save()
    with pytest.raises(ImmutableError):
        Finding.objects.filter(pk=finding.pk).update(explanation="diubah")
    evidence = finding.evidence.get()
    evidence.item = {"text": "palsu"}
    with pytest.raises(ImmutableError):
        evidence.save()
    with pytest.raises(ImmutableError):
        EvidenceItem.objects.all().delete()
    with pytest.raises(ImmutableError):
        finding.delete()
    fresh = Finding.objects.get(pk=finding.pk)
    assert fresh.explanation == VERDICT["explanation"]
    assert fresh.evidence.get().item == ITEM


def test_correction_is_a_new_record(make_finding: Any, koordinator: Any, export_file: Path) -> None:
    old = make_finding()
    fixed = FindingInput(item=ITEM | {"text": "teks yang benar"}, act={}, verdict=VERDICT)
    new = correct_finding(
        old, fixed, actor=koordinator, source_file=export_file, imported_by="koordinator.w"
    )
    assert new.pk != old.pk and new.supersedes_id == old.pk
    assert Finding.objects.get(pk=old.pk).evidence.get().item == ITEM


def test_rerun_does_not_duplicate(make_finding: Any) -> None:
    first = make_finding()
    assert make_finding().pk == first.pk
    assert Finding.objects.count() == 1


def test_screenshot_is_checked_and_hashed(make_finding: Any, screenshot: Path, tmp_path: Path):
    finding = make_finding(screenshot=screenshot)
    evidence = finding.evidence.get()
    stored = screenshot_path(evidence.screenshot_name)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == evidence.screenshot_sha256
    assert "watchlist" in stored.parts
    not_image = tmp_path / "notes.txt"
    not_image.write_text("bukan gambar")
    with pytest.raises(Exception, match="tidak dapat diterima|foto"):
        make_finding(screenshot=not_image, text="lain")
    assert Finding.objects.count() == 1  # nothing half-recorded


def test_petugas_may_not_record(make_officer: Any, person: Any, export_file: Path) -> None:
    petugas = make_officer("petugas", "petugas.w")
    entry = FindingInput(item=ITEM, act={}, verdict=VERDICT)
    with pytest.raises(PermissionDenied):
        record_findings(NIP, [entry], actor=petugas, source_file=export_file, imported_by="x")
