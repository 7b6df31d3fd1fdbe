"""Every write to a report: verb-first services, one transaction each, audited in it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from posko.accounts.permissions import can
from posko.cases.choices import PUBLIC_STATUS, Stage
from posko.cases.models import Case
from posko.core import audit
from posko.core.audit import Actor
from posko.reports.intake import (
    PUBLIC_ACTOR,
    create_evidence,
    file_report,
    prepare,
    receive_report,
)
from posko.reports.models import Evidence, Message, ReceivedReport, Report, ReporterIdentity
from posko.reports.requirements import check_requirements
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.tasks import process_report_evidence
from posko.reports.taxonomy import get_category
from posko.reports.uploads import EvidenceStore, PreparedFile, atomic_with_files
from posko.reports.validation import MAX_MESSAGE, ReportError

__all__ = [
    "PUBLIC_ACTOR",
    "ReportError",
    "ReportSubmission",
    "WitnessData",
    "add_evidence",
    "check_requirements",
    "post_message",
    "public_stage",
    "public_status",
    "reveal_identity",
    "submit_report",
]

logger = logging.getLogger(__name__)

# What a reporter may learn about progress: stages that read the same share one code.
PUBLIC_STATUS_CODE = {
    Stage.RECEIVED: "received",
    Stage.STUDY: "study",
    Stage.GAKKUMDU: "gakkumdu",
    Stage.INVESTIGATION: "law_enforcement",
    Stage.PROSECUTION: "law_enforcement",
    Stage.TRIAL: "trial",
    Stage.APPEAL: "trial",
    Stage.FINAL: "decided",
    Stage.STOPPED: "not_continued",
    Stage.FORWARDED: "forwarded",
    Stage.MERGED: "merged",
}


def submit_report(
    submission: ReportSubmission, files: Sequence[UploadedFile] = (), *, now: datetime | None = None
) -> Report:
    """Receive and file a report at once (demo data and tests).

    The public endpoints only receive it (`posko.reports.intake`) and leave the filing to the
    worker, or to the first read of the tracking code.
    """
    received = receive_report(submission, files, now=now)
    report = file_report(received.tracking_code)
    if report is None:  # the row was just committed; only a concurrent purge could remove it
        raise RuntimeError("received report vanished before it was filed")
    return report


def _store_evidence(
    report: Report,
    prepared: Sequence[PreparedFile],
    store: EvidenceStore,
    *,
    uploaded_by: str,
    now: datetime,
) -> list[Evidence]:
    return [
        create_evidence(report, store.store(item), uploaded_by=uploaded_by, uploaded_at=now)
        for item in prepared
    ]


def _require_officer_on(report: Report, actor: Actor) -> None:
    """Officers may write on a report only where they may message (own or any case)."""
    if can(actor, "message_any"):
        return
    case = report.case
    if can(actor, "message_own") and case.assignee_id == getattr(actor, "pk", None):
        return
    raise PermissionDenied("not allowed on this report")


def post_message(report: Report, body: str, *, from_reporter: bool, actor: Actor = None) -> Message:
    """Add a message on a report: the reporter (with the code) or an officer."""
    body = (body or "").strip()
    if not body:
        raise ReportError("required", "body", _("Tulis pesan Anda."))
    if len(body) > MAX_MESSAGE:
        raise ReportError(
            "too_long",
            "body",
            _("Pesan terlalu panjang: paling banyak %(n)d karakter.") % {"n": MAX_MESSAGE},
        )
    if not from_reporter:
        _require_officer_on(report, actor)
    author = None if from_reporter else actor
    with transaction.atomic():
        message = Message.objects.create(
            report=report,
            from_reporter=from_reporter,
            author=author,  # type: ignore[misc]  # an AUTH_USER_MODEL instance or None
            body=body,
            created_at=timezone.now(),
        )
        audit.record(
            PUBLIC_ACTOR if from_reporter else actor,
            "report.message",
            report,
            message=message.pk,
            from_reporter=from_reporter,
        )
    return message


def add_evidence(
    report: Report,
    files: Sequence[UploadedFile],
    *,
    uploaded_by: str,
    actor: Actor = None,
    keep_location: bool = False,
) -> list[Evidence]:
    """Attach more evidence to a report (the reporter via /lacak, or an officer)."""
    if uploaded_by not in {"reporter", "officer"}:
        raise ValueError("uploaded_by must be 'reporter' or 'officer'")
    if not files:
        raise ReportError("required", "files", _("Pilih berkas bukti yang akan dikirim."))
    if uploaded_by == "officer":
        _require_officer_on(report, actor)
    existing = Evidence.objects.filter(report=report).count()
    prepared = prepare(files, keep_location=keep_location, existing=existing)
    now = timezone.now()
    with atomic_with_files() as store:
        # Lock the report so two uploads at once cannot together pass the per-report limit.
        locked = Report.objects.select_for_update().get(pk=report.pk)
        existing = Evidence.objects.filter(report=locked).count()
        _prepare_count_check(existing, len(prepared))
        stored = _store_evidence(locked, prepared, store, uploaded_by=uploaded_by, now=now)
        # In this transaction, not after it: stored evidence can never miss its check.
        process_report_evidence.enqueue(report_id=locked.pk)
        audit.record(
            PUBLIC_ACTOR if uploaded_by == "reporter" else actor,
            "report.evidence_add",
            locked,
            evidence=[e.pk for e in stored],
            uploaded_by=uploaded_by,
        )
    return stored


def _prepare_count_check(existing: int, adding: int) -> None:
    from django.conf import settings

    limit = int(settings.POSKO_MAX_UPLOADS_PER_REPORT)
    if existing + adding > limit:
        raise ReportError(
            "too_many_files",
            "files",
            _("Paling banyak %(limit)d berkas bukti per laporan (sudah ada %(existing)d).")
            % {"limit": limit, "existing": existing},
        )


def reveal_identity(report: Report, *, actor: Actor) -> ReporterIdentity | None:
    """The reporter's identity for an officer allowed to see it; every look is audited."""
    if not can(actor, "view_identity"):
        raise PermissionDenied("this role may not see reporter identities")
    if not Case.objects.visible_to(actor).filter(pk=report.case_id).exists():
        raise PermissionDenied("case not visible to this officer")
    with transaction.atomic():
        identity = ReporterIdentity.objects.filter(report=report).first()
        audit.record(actor, "identity.view", report, present=identity is not None)
    return identity


def find_report(code: str) -> Report | None:
    """The report with this canonical tracking code, or None; a waiting one is filed now."""
    report = Report.objects.select_related("case").filter(tracking_code=code).first()
    # Check with a plain read first: filing opens a write transaction, which a mistyped code
    # must not (on SQLite it would queue behind every writer).
    waiting = report is None and ReceivedReport.objects.filter(tracking_code=code).exists()
    if waiting and file_report(code) is not None:
        report = Report.objects.select_related("case").filter(tracking_code=code).first()
    return report


def public_stage(stage: str) -> tuple[str, str]:
    """The public status code and label of a case stage."""
    return PUBLIC_STATUS_CODE[Stage(stage)], str(PUBLIC_STATUS[Stage(stage)])


def public_status(report: Report) -> dict[str, Any]:
    """What the holder of the tracking code may see; never officer-only data."""
    case = report.case
    category = get_category(report.category)
    timeline = [
        {
            "at": report.submitted_at.isoformat(),
            "status": PUBLIC_STATUS_CODE[Stage.RECEIVED],
            "label": str(PUBLIC_STATUS[Stage.RECEIVED]),
        }
    ]
    for event in case.events.filter(kind="transition", at__gte=report.submitted_at):
        stage = Stage(event.to_stage)
        timeline.append(
            {
                "at": event.at.isoformat(),
                "status": PUBLIC_STATUS_CODE[stage],
                "label": str(PUBLIC_STATUS[stage]),
            }
        )
    status, status_label = public_stage(case.stage)
    requirements = report.requirements or {}
    return {
        "tracking_code": report.tracking_code,
        "status": status,
        "status_label": status_label,
        "category": report.category,
        "category_label": category.label if category else report.category,
        "submitted_at": report.submitted_at.isoformat(),
        "filed_late": report.filed_late,
        "outcome": requirements.get("outcome", ""),
        "evidence_count": report.evidence.count(),
        "timeline": timeline,
        "messages": [
            {
                "at": m.created_at.isoformat(),
                "author": "reporter" if m.from_reporter else "officer",
                "body": m.body,
            }
            for m in report.messages.all()
        ],
    }
