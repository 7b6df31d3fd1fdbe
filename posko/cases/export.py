"""Exporting officers' report data (CSV or JSON lines) with the audit respected.

Only what the exporting officer may see is written: cases through `Case.objects.visible_to`,
and reporter identity only when asked for and allowed by `view_identity`, each read audited.
The export itself is one audit row. Audit rows commit before any byte is written, so a failed
write can over-report reads but never hide one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from posko.accounts.permissions import can
from posko.cases.deadlines import deadline_state
from posko.cases.models import Case
from posko.core import audit

FORMATS = ("csv", "jsonl")
COLUMNS = [
    "case_id",
    "stage",
    "route",
    "case_category",
    "case_region_code",
    "assignee",
    "opened_at",
    "deadline_rule",
    "deadline_at",
    "deadline_state",
    "report_id",
    "category",
    "description",
    "occurred_at",
    "discovered_at",
    "submitted_at",
    "region_code",
    "place_detail",
    "tps_number",
    "terlapor",
    "filed_late",
    "evidence_count",
    "message_count",
]
IDENTITY_COLUMNS = ["reporter_name", "reporter_address", "reporter_contact"]


class ExportError(Exception):
    """The export was refused; `code` is machine-readable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def collect_rows(user: Any, *, with_identity: bool = False) -> tuple[list[str], list[dict]]:
    """The columns and rows this user may export; writes the audit rows in one transaction."""
    from posko.reports.models import Report
    from posko.reports.services import reveal_identity

    if not can(user, "export"):
        raise ExportError("forbidden", "Peran Anda tidak berwenang mengekspor data laporan.")
    if with_identity and not can(user, "view_identity"):
        raise ExportError("forbidden", "Peran Anda tidak berwenang melihat identitas pelapor.")
    now = timezone.now()
    columns = COLUMNS + (IDENTITY_COLUMNS if with_identity else [])
    rows: list[dict] = []
    with transaction.atomic():
        cases = Case.objects.visible_to(user)
        reports = (
            Report.objects.filter(case__in=cases)
            .select_related("case", "case__assignee")
            .annotate(
                evidence_count=Count("evidence", distinct=True),
                message_count=Count("messages", distinct=True),
            )
            .order_by("case_id", "submitted_at", "pk")
        )
        for report in reports:
            case = report.case
            row: dict[str, Any] = {
                "case_id": case.pk,
                "stage": case.stage,
                "route": case.route,
                "case_category": case.category,
                "case_region_code": case.region_code,
                "assignee": case.assignee.get_username() if case.assignee else "",
                "opened_at": _iso(case.opened_at),
                "deadline_rule": case.deadline_rule,
                "deadline_at": _iso(case.deadline_at),
                "deadline_state": deadline_state(case, now),
                "report_id": report.pk,
                "category": report.category,
                "description": report.description,
                "occurred_at": _iso(report.occurred_at),
                "discovered_at": _iso(report.discovered_at),
                "submitted_at": _iso(report.submitted_at),
                "region_code": report.region_code,
                "place_detail": report.place_detail,
                "tps_number": report.tps_number,
                "terlapor": report.terlapor,
                "filed_late": report.filed_late,
                "evidence_count": report.evidence_count,
                "message_count": report.message_count,
            }
            if with_identity:
                # The one audited door to identities: one "identity.view" row per report read.
                identity = reveal_identity(report, actor=user)
                row["reporter_name"] = identity.name if identity else ""
                row["reporter_address"] = identity.address if identity else ""
                row["reporter_contact"] = identity.contact if identity else ""
            rows.append(row)
        audit.record(
            user,
            "reports.export",
            ("reports.report", "*"),
            rows=len(rows),
            with_identity=with_identity,
        )
    return columns, rows


def write_rows(columns: list[str], rows: list[dict], fmt: str, out: IO[str]) -> None:
    """Write rows as CSV (header first) or as JSON lines."""
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    elif fmt == "jsonl":
        for line in _jsonl(columns, rows):
            out.write(line)
    else:
        raise ExportError("invalid_format", f"Format tidak dikenal: {fmt}")
    out.flush()


def _jsonl(columns: list[str], rows: list[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({k: row.get(k) for k in columns}, ensure_ascii=False) + "\n"
