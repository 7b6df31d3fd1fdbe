"""Retention: personal data of long-closed cases is purged; an audit summary stays behind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from posko.core import audit
from posko.core.audit import Actor


@dataclass
class PurgeSummary:
    """What a purge removed (or, in a dry run, would remove)."""

    cutoff: datetime
    cases: int = 0
    reports: int = 0
    identities: int = 0
    witness_contacts: int = 0
    messages: int = 0
    evidence_files: int = 0
    evidence_sha256: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the CLI prints it; the audit row stores per-case parts)."""
        return {
            "cutoff": self.cutoff.isoformat(),
            "cases": self.cases,
            "reports": self.reports,
            "identities": self.identities,
            "witness_contacts": self.witness_contacts,
            "messages": self.messages,
            "evidence_files": self.evidence_files,
            "missing_files": self.missing_files,
        }


def cutoff_for(now: datetime, days: int | None = None) -> datetime:
    """Cases closed before this moment are past retention."""
    return now - timedelta(days=settings.POSKO_RETENTION_DAYS if days is None else days)


def _is_settled(case: Any, cutoff: datetime, seen: set[int] | None = None) -> bool:
    """Closed before the cutoff; a merged case only when the case it joined is settled too."""
    from posko.cases.choices import CLOSED_STAGES, Stage

    if case.stage not in CLOSED_STAGES or case.closed_at is None or case.closed_at >= cutoff:
        return False
    if case.stage == Stage.MERGED and case.merged_into_id is not None:
        seen = seen or set()
        if case.pk in seen:  # a merge cycle should not exist; never purge on doubt
            return False
        seen.add(case.pk)
        return _is_settled(case.merged_into, cutoff, seen)
    return True


def purgeable_cases(cutoff: datetime) -> list[Any]:
    """Closed cases past retention whose reports still hold personal data or files."""
    from django.db.models import Q

    from posko.cases.choices import CLOSED_STAGES
    from posko.cases.models import Case

    holding_data = (
        Q(reports__identity__isnull=False)
        | Q(reports__messages__isnull=False)
        | Q(reports__evidence__isnull=False)
        | (Q(reports__witnesses__isnull=False) & ~Q(reports__witnesses__contact=""))
    )
    candidates = (
        Case.objects.filter(stage__in=CLOSED_STAGES, closed_at__lt=cutoff)
        .filter(holding_data)
        .distinct()
        .select_related("merged_into")
        .order_by("pk")
    )
    return [case for case in candidates if _is_settled(case, cutoff)]


def purge_expired(
    *, actor: Actor, now: datetime | None = None, dry_run: bool = False
) -> PurgeSummary:
    """Delete identities, witness contacts, messages and evidence of settled old cases."""
    now = now or timezone.now()
    summary = PurgeSummary(cutoff=cutoff_for(now))
    for case in purgeable_cases(summary.cutoff):
        _purge_case(case, summary, actor=actor, dry_run=dry_run)
    return summary


def _purge_case(case: Any, summary: PurgeSummary, *, actor: Actor, dry_run: bool) -> None:
    from posko.reports.models import Evidence, Message, Report, ReporterIdentity, Witness
    from posko.reports.uploads import EvidenceStore

    store = EvidenceStore()
    with transaction.atomic():
        reports = list(Report.objects.select_for_update().filter(case=case).order_by("pk"))
        report_ids = [report.pk for report in reports]
        identities = ReporterIdentity.objects.filter(report_id__in=report_ids)
        witnesses = Witness.objects.filter(report_id__in=report_ids).exclude(contact="")
        messages = Message.objects.filter(report_id__in=report_ids)
        evidence = list(Evidence.objects.filter(report_id__in=report_ids).order_by("pk"))
        counts = {
            "reports": len(reports),
            "identities": identities.count(),
            "witness_contacts": witnesses.count(),
            "messages": messages.count(),
            "evidence_files": len(evidence),
        }
        hashes = [item.sha256 for item in evidence]
        summary.cases += 1
        for key, value in counts.items():
            setattr(summary, key, getattr(summary, key) + value)
        summary.evidence_sha256.extend(hashes)
        if dry_run:
            return
        identities.delete()
        witnesses.update(contact="")
        messages.delete()
        paths = [store.path_of(item.storage_name) for item in evidence]
        Evidence.objects.filter(pk__in=[item.pk for item in evidence]).delete()
        Report.objects.filter(pk__in=report_ids).update(is_anonymous=True)
        # The audit row keeps what was purged and the evidence hashes (proof of what existed),
        # never the personal data itself.
        audit.record(
            actor,
            "retention.purge",
            case,
            closed_at=case.closed_at.isoformat(),
            retention_days=settings.POSKO_RETENTION_DAYS,
            evidence_sha256=hashes,
            **counts,
        )
        # Files go only once the rows are gone for good; a rollback keeps both.
        transaction.on_commit(lambda: _unlink_all(paths, summary))


def _unlink_all(paths: list[Path], summary: PurgeSummary) -> None:
    for path in paths:
        if path.exists():
            path.unlink()
        else:
            summary.missing_files.append(path.name)
