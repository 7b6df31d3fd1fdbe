"""A finding becomes a report and case in the Gakkumdu workflow, routed ASN → Bawaslu → BKN.

The report is filed through reports.services.submit_report like any other, but it is not
anonymous public input: its reporter identity names the Posko and the officer ("Temuan petugas
Posko"), its description starts with that marker, and the FindingCase row (plus the
`watchlist.finding_case` audit row by the officer) is the authoritative record of its origin.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from posko.core import audit
from posko.core.audit import Actor
from posko.watchlist.access import actor_label, require
from posko.watchlist.models import Finding, FindingCase

OFFICER_MARKER = "[Temuan petugas Posko]"
ROUTE = "bkn"
CATEGORY = "netralitas_asn"


def _occurred_at(finding: Finding, now: datetime) -> datetime | None:
    for evidence in finding.evidence.all():
        raw = str(evidence.item.get("timestamp") or "")
        when = parse_datetime(raw) if raw else None
        if when is not None and timezone.is_aware(when) and when <= now:
            return when
    return None


def _description(finding: Finding) -> str:
    person = finding.person
    lines = [
        f"{OFFICER_MARKER} Temuan pengawasan #{finding.pk} atas ASN {person.name} "
        f"(NIP {person.nip}).",
        finding.explanation or "(tanpa penjelasan mesin)",
        f"Aturan: {finding.rule_id}; calon: {finding.candidate or '-'}.",
    ]
    for evidence in finding.evidence.all():
        item = evidence.item
        where = " ".join(str(item.get(k) or "") for k in ("platform", "account", "url")).strip()
        lines.append(f"Sumber: {evidence.source_name} (SHA-256 {evidence.source_sha256}) {where}")
    return "\n".join(lines)


def _post_text(finding: Finding) -> str:
    texts = [str(e.item.get("text") or "") for e in finding.evidence.all()]
    return "\n".join(t for t in texts if t)


def open_case_from_finding(finding: Finding, *, actor: Actor) -> FindingCase:
    """File the finding as a report, route its case to BKN, attach the package summary.

    Idempotent: a finding that already became a case returns its existing link, so a double
    click files nothing twice. Everything commits together or not at all.
    """
    from posko.cases.services import route_case
    from posko.reports.services import add_evidence, submit_report
    from posko.reports.submission import ReportSubmission
    from posko.watchlist.package import SUMMARY, build_evidence_package, verify_package

    require(actor, "finding_to_case")
    existing = FindingCase.objects.filter(finding=finding).first()
    if existing is not None:
        return existing
    now = timezone.now()
    person = finding.person
    terlapor = ", ".join(p for p in (person.name, f"NIP {person.nip}", person.position) if p)
    submission = ReportSubmission(
        category=CATEGORY,
        description=_description(finding),
        discovered_at=finding.created_at if finding.created_at <= now else now,
        occurred_at=_occurred_at(finding, finding.created_at),
        region_code=person.region_code,
        terlapor=f"{terlapor} ({person.institution})" if person.institution else terlapor,
        post_text=_post_text(finding),
        reporter_name="Posko Pilkada — temuan petugas",
        reporter_contact=actor_label(actor),
    )
    package = build_evidence_package([finding], actor=actor)
    problems = verify_package(package)
    if problems:  # never attach a package we could not verify ourselves
        raise RuntimeError(f"evidence package failed its own check: {problems}")
    package_sha256 = hashlib.sha256(package.read_bytes()).hexdigest()
    with zipfile.ZipFile(package) as archive:
        summary = archive.read(SUMMARY)
    with transaction.atomic():
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        existing = FindingCase.objects.filter(finding=locked).first()
        if existing is not None:
            return existing
        report = submit_report(submission, now=now)
        case = route_case(
            report.case, ROUTE, actor=actor, reason=f"Temuan pengawasan ASN #{finding.pk}"
        )
        pdf = SimpleUploadedFile(
            f"paket-bukti-temuan-{finding.pk}.pdf", summary, content_type="application/pdf"
        )
        add_evidence(report, [pdf], uploaded_by="officer", actor=actor)
        link = FindingCase.objects.create(
            finding=locked,
            case=case,
            report=report,
            package_name=package.name,
            package_sha256=package_sha256,
            created_at=now,
            created_by=actor if not isinstance(actor, str) else None,  # type: ignore[misc]
        )
        audit.record(
            actor,
            "watchlist.finding_case",
            locked,
            case=case.pk,
            report=report.pk,
            route=ROUTE,
            package_sha256=package_sha256,
        )
    return link


def case_link_summary(link: FindingCase) -> dict[str, Any]:
    """What the person page shows for a finding that became a case."""
    return {"case": link.case_id, "report": link.report.tracking_code, "at": link.created_at}
