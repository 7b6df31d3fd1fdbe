"""Evidence packages: manifest hashes verify, tampering is detected, finding becomes a case."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from posko.core.models import AuditEvent
from posko.watchlist.casework import OFFICER_MARKER, open_case_from_finding
from posko.watchlist.package import build_evidence_package, verify_package
from posko.watchlist.tests.conftest import PASSWORD


def _rewrite(source: Path, target: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == name else old.read(info))


def test_package_verifies_and_tampering_is_detected(
    make_finding: Any, koordinator: Any, screenshot: Path, tmp_path: Path
) -> None:
    finding = make_finding(screenshot=screenshot)
    path = build_evidence_package([finding], actor=koordinator, output=tmp_path / "p.zip")
    assert verify_package(path) == []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("summary.pdf").startswith(b"%PDF-")
        item = json.loads(archive.read(f"items/finding-{finding.pk}.json"))
    listed = {m["name"] for m in manifest["members"]}
    assert names == listed | {"manifest.json"}
    assert {"summary.pdf", "sources.json", f"items/finding-{finding.pk}.json"} <= listed
    assert item["evidence"][0]["item"]["url"].startswith("https://www.instagram.com/")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    audit = AuditEvent.objects.get(verb="watchlist.package")
    assert audit.data["sha256"] == digest

    tampered = tmp_path / "tampered.zip"
    forged = json.dumps(item).replace("coblos", "pilih").encode()
    _rewrite(path, tampered, f"items/finding-{finding.pk}.json", forged)
    problems = verify_package(tampered)
    assert problems and f"items/finding-{finding.pk}.json" in problems[0]
    assert verify_package(path, expected_sha256="0" * 64)  # the recorded hash catches a rebuild


def test_finding_becomes_a_bkn_case_with_evidence(
    make_finding: Any, koordinator: Any, make_officer: Any
) -> None:
    from posko.reports.models import Evidence, ReporterIdentity

    finding = make_finding()
    with pytest.raises(PermissionDenied):
        open_case_from_finding(finding, actor=make_officer("petugas", "petugas.w"))
    client = Client()
    assert client.login(username="koordinator.w", password=PASSWORD)
    response = client.post(f"/pengawasan/temuan/{finding.pk}/kasus/")
    assert response.status_code == 302
    link = finding.__class__.objects.get(pk=finding.pk).case_link
    case, report = link.case, link.report
    assert response["Location"].endswith(f"/petugas/kasus/{case.pk}/")
    assert case.route == "bkn" and case.category == "netralitas_asn"
    assert case.events.filter(kind="route", reason__contains=f"#{finding.pk}").exists()
    assert report.description.startswith(OFFICER_MARKER)
    assert report.post_text == finding.evidence.get().item["text"]
    assert report.region_code == "32.73" and not report.is_anonymous
    assert "temuan petugas" in ReporterIdentity.objects.get(report=report).name
    pdf = Evidence.objects.get(report=report)
    assert pdf.content_type == "application/pdf" and pdf.uploaded_by == "officer"
    assert AuditEvent.objects.filter(verb="watchlist.finding_case", data__case=case.pk).exists()
    # A second click files nothing twice.
    client.post(f"/pengawasan/temuan/{finding.pk}/kasus/")
    assert report.__class__.objects.filter(case=case).count() == 1
