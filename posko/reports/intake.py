"""The intake queue: acknowledge a public report with one insert, file it as a case soon after.

On election day the public endpoints must answer fast and lose nothing. `receive_report`
validates the submission, writes the evidence files (fsynced) and one `ReceivedReport` row, and
returns the tracking code: that commit is the acknowledgement. `file_report` turns the row into a
Report with its case, identity, witnesses, evidence rows and audit entries, in one transaction
that also deletes the row. The worker files every waiting row (`file_waiting`), and the first
read of a tracking code that is still waiting files it at once, so the reporter never sees the
queue. Legal clocks start at receipt: the case opens at `received_at`, not at filing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from posko.cases.services import open_case
from posko.core import audit
from posko.mapping.aggregates import cell_of, record_report, refresh_cells
from posko.reports.models import Evidence, ReceivedReport, Report, ReporterIdentity, Witness
from posko.reports.requirements import check_requirements
from posko.reports.submission import ReportSubmission
from posko.reports.tasks import verify_evidence
from posko.reports.tracking import generate_code
from posko.reports.uploads import (
    EvidenceStore,
    PreparedFile,
    StoredFile,
    UploadError,
    prepare_uploads,
)
from posko.reports.validation import ReportError, validate_submission

logger = logging.getLogger(__name__)

# Audit label for the anonymous public: no IP address, no session, nothing that identifies.
PUBLIC_ACTOR = "public"
NEUTRALITY_CATEGORY = "netralitas_asn"
# Tracking codes carry 74 random bits; eight collisions in a row mean something else is wrong.
CODE_ATTEMPTS = 8


def prepare(
    files: Sequence[UploadedFile], *, keep_location: bool, existing: int = 0
) -> list[PreparedFile]:
    """Check every upload by content; a refused file becomes a ReportError on `files`."""
    try:
        return prepare_uploads(files, keep_location=keep_location, existing=existing)
    except UploadError as exc:
        raise ReportError(exc.code, exc.field, exc.message) from None


def receive_report(
    submission: ReportSubmission, files: Sequence[UploadedFile] = (), *, now: datetime | None = None
) -> ReceivedReport:
    """Validate and durably accept a public report; returns its queue row (with the code).

    Raises ReportError (nothing stored) when the submission or a file is refused.
    """
    now = now or timezone.now()
    validate_submission(submission, now)
    prepared = prepare(files, keep_location=submission.keep_location)
    if submission.latitude is None:
        point = next((p.gps for p in prepared if p.gps), None)
        if point:
            submission.latitude, submission.longitude = point
    requirements = check_requirements(submission, evidence_count=len(prepared), now=now)
    store = EvidenceStore()
    try:
        stored = [store.store(item).to_json() for item in prepared]
        for _attempt in range(CODE_ATTEMPTS):
            code = generate_code()
            try:
                with transaction.atomic():
                    return ReceivedReport.objects.create(
                        tracking_code=code,
                        received_at=now,
                        submission=submission.to_json(),
                        evidence=stored,
                        requirements=requirements.to_dict(),
                    )
            except IntegrityError:
                if not ReceivedReport.objects.filter(tracking_code=code).exists():
                    raise
        raise RuntimeError("could not draw an unused tracking code")
    except BaseException:
        store.discard()  # the row was not stored, so nothing refers to these files
        raise


def file_report(
    tracking_code: str, *, skip_locked: bool = False, count_on_map: bool = True
) -> Report | None:
    """File a waiting report (idempotent): its Report, or None when the code is unknown.

    With `skip_locked` (the worker), a row another process is filing right now is left to it.
    `count_on_map` recounts the report's map cell after commit; a batch recounts once instead.
    """
    with transaction.atomic():
        waiting = ReceivedReport.objects.select_for_update(skip_locked=skip_locked)
        received = waiting.filter(tracking_code=tracking_code).first()
        if received is None:  # filed already (perhaps a moment ago), locked, or never received
            return Report.objects.filter(tracking_code=tracking_code).first()
        report = _file(received)
        received.delete()
        if count_on_map:
            transaction.on_commit(lambda: record_report(report), robust=True)
    return report


def file_waiting(limit: int = 500) -> int:
    """File up to `limit` waiting reports, oldest first; returns how many were filed here.

    Each report is claimed with SKIP LOCKED, so several workers file different reports side by
    side. A report that fails stays queued (and is skipped for the rest of this batch). Map
    cells are recounted once per batch (a crash in between is healed by the periodic recount,
    `posko.mapping.tasks.recount_recent_days`).
    """
    filed: list[Report] = []
    failed: set[int] = set()
    while len(filed) + len(failed) < limit:
        claimed: int | None = None
        try:
            with transaction.atomic():
                received = (
                    ReceivedReport.objects.select_for_update(skip_locked=True)
                    .exclude(pk__in=failed)
                    .order_by("id")
                    .first()
                )
                if received is None:
                    break
                claimed = received.pk
                report = _file(received)
                received.delete()
        except Exception:
            if claimed is None:  # the queue itself is unreachable: let the caller retry later
                raise
            logger.exception("could not file received report #%d", claimed)
            failed.add(claimed)
            continue
        filed.append(report)
    refresh_cells({cell_of(report) for report in filed})
    return len(filed)


def backlog() -> tuple[int, datetime | None]:
    """How many received reports wait to be filed, and when the oldest arrived."""
    oldest = (
        ReceivedReport.objects.order_by("received_at").values_list("received_at", flat=True).first()
    )
    return (ReceivedReport.objects.count() if oldest is not None else 0), oldest


def create_evidence(
    report: Report, stored: StoredFile, *, uploaded_by: str, uploaded_at: datetime
) -> Evidence:
    """The Evidence row of a file already written by the EvidenceStore."""
    return Evidence.objects.create(
        report=report,
        kind=stored.kind,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        storage_name=stored.storage_name,
        original_name=stored.original_name,
        metadata_stripped=stored.metadata_stripped,
        location_kept=stored.location_kept,
        uploaded_at=uploaded_at,
        uploaded_by=uploaded_by,
    )


def _file(received: ReceivedReport) -> Report:
    """Create the case, report, identity, witnesses, evidence rows, task and audit rows."""
    submission = ReportSubmission.from_json(received.submission)
    requirements = received.requirements
    now = received.received_at
    if submission.discovered_at is None:  # refused at receipt; a row like this was tampered with
        raise ValueError(f"received report {received.tracking_code} has no discovered_at")
    case = open_case(
        category=submission.category,
        region_code=submission.region_code,
        opened_at=now,
        actor=PUBLIC_ACTOR,
    )
    report = Report.objects.create(
        tracking_code=received.tracking_code,
        case=case,
        category=submission.category,
        description=submission.description.strip(),
        occurred_at=submission.occurred_at,
        discovered_at=submission.discovered_at,
        submitted_at=now,
        region_code=submission.region_code,
        place_detail=submission.place_detail.strip(),
        tps_number=submission.tps_number,
        latitude=submission.latitude,
        longitude=submission.longitude,
        terlapor=submission.terlapor.strip(),
        post_text=submission.post_text.strip(),
        is_anonymous=submission.is_anonymous,
        filed_late=bool(requirements.get("late")),
        requirements=requirements,
        neutrality_verdict=_neutrality_verdict(submission),
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
    for item in received.evidence:
        evidence = create_evidence(
            report, StoredFile(**item), uploaded_by="reporter", uploaded_at=now
        )
        # Filing is background work already: check the stored file here rather than queue a
        # task per report (the task machinery would cost more than the check).
        verify_evidence(evidence)
    audit.record(
        PUBLIC_ACTOR,
        "report.submit",
        report,
        case=case.pk,
        category=report.category,
        anonymous=report.is_anonymous,
        evidence=len(received.evidence),
        filed_late=report.filed_late,
        outcome=requirements.get("outcome", ""),
        received_at=now.isoformat(),
    )
    return report


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
