"""Every write to a report: verb-first services, one transaction each, audited in it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from posko.accounts.permissions import can
from posko.cases.choices import PUBLIC_STATUS, Stage
from posko.cases.models import Case
from posko.cases.services import open_case
from posko.core import audit
from posko.core.audit import Actor
from posko.reports.models import Evidence, Message, Report, ReporterIdentity, Witness
from posko.reports.requirements import check_requirements
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.taxonomy import get_category
from posko.reports.tracking import generate_code
from posko.reports.uploads import (
    EvidenceStore,
    PreparedFile,
    UploadError,
    atomic_with_files,
    prepare_uploads,
)
from posko.reports.validation import MAX_MESSAGE, ReportError, validate_submission

__all__ = [
    "PUBLIC_ACTOR",
    "ReportError",
    "ReportSubmission",
    "WitnessData",
    "add_evidence",
    "check_requirements",
    "post_message",
    "public_status",
    "reveal_identity",
    "submit_report",
]

logger = logging.getLogger(__name__)

# Audit label for the anonymous public: no IP address, no session, nothing that identifies.
PUBLIC_ACTOR = "public"
NEUTRALITY_CATEGORY = "netralitas_asn"
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


def _prepare(
    files: Sequence[UploadedFile], *, keep_location: bool, existing: int = 0
) -> list[PreparedFile]:
    try:
        return prepare_uploads(files, keep_location=keep_location, existing=existing)
    except UploadError as exc:
        raise ReportError(exc.code, exc.field, exc.message) from None


def _neutrality_verdict(submission: ReportSubmission) -> dict[str, Any] | None:
    """The engine's verdict on the reported post, for officers only.

    The reporter pastes what the ASN published, so the act is an ASN's own post ("post"), the
    action whose rules also cover photos with candidates and symbols.
    """
    if submission.category != NEUTRALITY_CATEGORY or not submission.post_text.strip():
        return None
    from posko.neutrality.engine.render import verdict_to_dict
    from posko.neutrality.engine.types import Act, Actor, Content
    from posko.neutrality.services import get_engine

    act = Act(
        id="report",
        actor=Actor(asn=True),
        action="post",
        content=Content(text=submission.post_text),
        region=submission.region_code or None,
        timestamp=submission.occurred_at.isoformat() if submission.occurred_at else None,
    )
    try:
        return verdict_to_dict(get_engine().check(act))
    except Exception:  # an engine bug must never cost a citizen their report
        logger.exception("neutrality engine failed on a report")
        return {"error": "engine_failed"}


def _create_report(fields: dict[str, Any]) -> Report:
    """Insert with a fresh tracking code; the unique constraint settles races between writers."""
    for _attempt in range(8):
        code = generate_code()
        try:
            with transaction.atomic():  # a savepoint, so a collision does not poison the outer one
                return Report.objects.create(tracking_code=code, **fields)
        except IntegrityError:
            if not Report.objects.filter(tracking_code=code).exists():
                raise
    raise RuntimeError("could not draw an unused tracking code")  # 8 collisions in 2**74


def submit_report(
    submission: ReportSubmission, files: Sequence[UploadedFile] = (), *, now: datetime | None = None
) -> Report:
    """Store a public report, its identity (if given), witnesses, evidence and its new case.

    Everything, including the evidence files and the audit row, commits together or not at all.
    """
    now = now or timezone.now()
    validate_submission(submission, now)
    prepared = _prepare(files, keep_location=submission.keep_location)
    if submission.latitude is None:
        point = next((p.gps for p in prepared if p.gps), None)
        if point:
            submission.latitude, submission.longitude = point
    requirements = check_requirements(submission, evidence_count=len(prepared), now=now)
    verdict = _neutrality_verdict(submission)
    with atomic_with_files() as store:
        case = open_case(
            category=submission.category,
            region_code=submission.region_code,
            opened_at=now,
            actor=PUBLIC_ACTOR,
        )
        report = _create_report(
            {
                "case": case,
                "category": submission.category,
                "description": submission.description.strip(),
                "occurred_at": submission.occurred_at,
                "discovered_at": submission.discovered_at,
                "submitted_at": now,
                "region_code": submission.region_code,
                "place_detail": submission.place_detail.strip(),
                "tps_number": submission.tps_number,
                "latitude": submission.latitude,
                "longitude": submission.longitude,
                "terlapor": submission.terlapor.strip(),
                "post_text": submission.post_text.strip(),
                "is_anonymous": submission.is_anonymous,
                "filed_late": requirements.late,
                "requirements": requirements.to_dict(),
                "neutrality_verdict": verdict,
            }
        )
        if not submission.is_anonymous:
            ReporterIdentity.objects.create(
                report=report,
                name=submission.reporter_name.strip(),
                address=submission.reporter_address.strip(),
                contact=submission.reporter_contact.strip(),
            )
        Witness.objects.bulk_create(
            Witness(
                report=report,
                name=w.name.strip(),
                contact=w.contact.strip(),
                statement=w.statement.strip(),
            )
            for w in submission.witnesses
        )
        _store_evidence(report, prepared, store, uploaded_by="reporter", now=now)
        audit.record(
            PUBLIC_ACTOR,
            "report.submit",
            report,
            case=case.pk,
            category=report.category,
            anonymous=report.is_anonymous,
            evidence=len(prepared),
            filed_late=report.filed_late,
            outcome=requirements.outcome,
        )
    return report


def _store_evidence(
    report: Report,
    prepared: Sequence[PreparedFile],
    store: EvidenceStore,
    *,
    uploaded_by: str,
    now: datetime,
) -> list[Evidence]:
    stored = []
    for item in prepared:
        stored.append(
            Evidence.objects.create(
                report=report,
                kind=item.kind,
                content_type=item.content_type,
                size=len(item.data),
                sha256=item.sha256,
                storage_name=store.write(item),
                original_name=item.original_name,
                metadata_stripped=item.metadata_stripped,
                location_kept=item.location_kept,
                uploaded_at=now,
                uploaded_by=uploaded_by,
            )
        )
    return stored


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
    prepared = _prepare(files, keep_location=keep_location, existing=existing)
    now = timezone.now()
    with atomic_with_files() as store:
        # Lock the report so two uploads at once cannot together pass the per-report limit.
        locked = Report.objects.select_for_update().get(pk=report.pk)
        existing = Evidence.objects.filter(report=locked).count()
        _prepare_count_check(existing, len(prepared))
        stored = _store_evidence(locked, prepared, store, uploaded_by=uploaded_by, now=now)
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
    """The report with this canonical tracking code, or None."""
    return Report.objects.select_related("case").filter(tracking_code=code).first()


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
    stage = Stage(case.stage)
    requirements = report.requirements or {}
    return {
        "tracking_code": report.tracking_code,
        "status": PUBLIC_STATUS_CODE[stage],
        "status_label": str(PUBLIC_STATUS[stage]),
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
