"""Background tasks of public reports: checking stored evidence against its recorded hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from posko.core import audit
from posko.core.models import AuditEvent
from posko.core.tasks import WORKER_ACTOR
from posko.reports.models import Evidence

VERIFIED_VERB = "evidence.verified"


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256, or None when it is missing."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def verify_evidence(evidence: Evidence) -> bool:
    """Hash the stored file and audit the outcome once per evidence; True when it matches."""
    actual = file_sha256(Path(settings.EVIDENCE_DIR) / evidence.storage_name)
    ok = actual == evidence.sha256
    with transaction.atomic():
        seen = AuditEvent.objects.filter(
            verb=VERIFIED_VERB, target_type="reports.evidence", target_id=str(evidence.pk)
        ).exists()
        if not seen:
            audit.record(WORKER_ACTOR, VERIFIED_VERB, evidence, ok=ok, missing=actual is None)
    return ok


@task()
def process_report_evidence(report_id: int) -> dict[str, int]:
    """After evidence is added to a report: verify each file; idempotent (audited once each).

    (A new report's files are checked while it is filed, in `posko.reports.intake`.)
    """
    checked = failed = 0
    for evidence in Evidence.objects.filter(report_id=report_id).order_by("pk"):
        checked += 1
        failed += not verify_evidence(evidence)
    return {"checked": checked, "failed": failed}
