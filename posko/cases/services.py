"""Every write to a case: verb-first services, one transaction each, audited in that transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from posko.accounts.permissions import can
from posko.cases.choices import CLOSED_STAGES, Route, Stage
from posko.cases.deadlines import due_for, load_deadline_table
from posko.cases.models import Case, CaseEvent
from posko.cases.signals import case_changed
from posko.cases.similarity import similar_cases
from posko.cases.workflow import REASON_REQUIRED, can_transition
from posko.core import audit
from posko.core.audit import Actor

__all__ = [
    "WORKFLOW_ERROR_STATUS",
    "WorkflowError",
    "assign_case",
    "merge_cases",
    "open_case",
    "request_info",
    "route_case",
    "similar_cases",
    "transition_case",
]

STUDY_RULE = "bawaslu_study"

# HTTP status for each error code, shared by the API and the officer pages.
WORKFLOW_ERROR_STATUS: dict[str, int] = {
    "forbidden": 403,
    "not_found": 404,
    "invalid_transition": 409,
    "already_merged": 409,
    "closed": 409,
    "merge_into_self": 409,
    "reason_required": 422,
    "question_required": 422,
    "too_long": 422,
    "invalid_stage": 422,
    "invalid_route": 422,
    "invalid_assignee": 422,
    "invalid_category": 422,
    "no_sources": 422,
}


class WorkflowError(Exception):
    """A workflow action was refused; `code` is machine-readable, `message` is for people."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    @property
    def status(self) -> int:
        """The HTTP status that fits this error."""
        return WORKFLOW_ERROR_STATUS.get(self.code, 400)


def _user(actor: Actor) -> Any:
    return actor if isinstance(actor, AbstractBaseUser) else None


def _is_assignee(actor: Actor, case: Case) -> bool:
    user = _user(actor)
    return user is not None and case.assignee_id is not None and case.assignee_id == user.pk


def _require(actor: Actor, capability: str) -> None:
    if not can(actor, capability):
        raise WorkflowError("forbidden", _("Anda tidak berwenang melakukan tindakan ini."))


def _require_own_or_any(actor: Actor, case: Case, own: str, any_: str) -> None:
    if can(actor, any_) or (can(actor, own) and _is_assignee(actor, case)):
        return
    raise WorkflowError("forbidden", _("Anda tidak berwenang menangani kasus ini."))


def _lock(case: Case | int) -> Case:
    pk = case if isinstance(case, int) else case.pk
    try:
        return Case.objects.select_for_update().get(pk=pk)
    except Case.DoesNotExist:
        raise WorkflowError("not_found", _("Kasus tidak ditemukan.")) from None


def _require_open(case: Case) -> None:
    if case.stage == Stage.MERGED:
        raise WorkflowError("already_merged", _("Kasus #%(id)s sudah digabung.") % {"id": case.pk})
    if case.stage in CLOSED_STAGES:
        raise WorkflowError("closed", _("Kasus #%(id)s sudah ditutup.") % {"id": case.pk})


def _event(case: Case, kind: str, actor: Actor, now: datetime, **fields: str) -> CaseEvent:
    return CaseEvent.objects.create(case=case, at=now, actor=_user(actor), kind=kind, **fields)


def _after_commit(case_id: int, kind: str) -> None:
    transaction.on_commit(
        lambda: case_changed.send(sender=Case, case_id=case_id, kind=kind), robust=True
    )


def _clock_start(case: Case, starts: str, now: datetime) -> datetime:
    """The moment a rule's start event happened for this case."""
    if starts == "received":
        return case.opened_at
    if starts == "info_requested" and case.info_requested_at is not None:
        return case.info_requested_at
    return now


def _stamp_deadline(case: Case, now: datetime) -> None:
    """Set the running clock for the case's (new) stage from the rule table."""
    table = load_deadline_table()
    if case.stage in CLOSED_STAGES:
        case.deadline_at, case.deadline_rule, case.deadline_unit_confirmed = None, "", True
        return
    extension = table.extension_of(STUDY_RULE)
    if case.stage == Stage.STUDY and extension and case.deadline_rule == extension.id:
        return  # information was already requested in `received`: the extended clock stands
    rule = table.for_stage(case.stage)
    if rule is None:
        case.deadline_at, case.deadline_rule, case.deadline_unit_confirmed = None, "", True
        return
    case.deadline_at = due_for(rule, _clock_start(case, rule.starts, now))
    case.deadline_rule = rule.id
    case.deadline_unit_confirmed = rule.unit_confirmed


def open_case(*, category: str, region_code: str, opened_at: datetime, actor: Actor) -> Case:
    """Create the case for a new report, routed by category, with the study clock from receipt."""
    from posko.reports.taxonomy import get_category

    known = get_category(category)
    if known is None:
        raise WorkflowError(
            "invalid_category", _("Kategori tidak dikenal: %(c)s") % {"c": category}, "category"
        )
    with transaction.atomic():
        case = Case(
            stage=Stage.RECEIVED,
            route=known.default_route if known.default_route in Route.values else "",
            category=category,
            region_code=region_code,
            opened_at=opened_at,
            stage_entered_at=opened_at,
        )
        _stamp_deadline(case, opened_at)
        case.save()
        _event(case, "open", actor, opened_at, to_stage=Stage.RECEIVED)
        audit.record(actor, "case.open", case, category=category, route=case.route)
        _after_commit(case.pk, "open")
    return case


def transition_case(case: Case, to_stage: str, *, actor: Actor, reason: str = "") -> Case:
    """Move a case along the state machine; stamps the stage's deadline and records why."""
    if to_stage not in Stage.values:
        raise WorkflowError(
            "invalid_stage", _("Tahap tidak dikenal: %(s)s") % {"s": to_stage}, "to_stage"
        )
    target = Stage(to_stage)
    reason = reason.strip()
    with transaction.atomic():
        locked = _lock(case)
        if target in CLOSED_STAGES:
            _require(actor, "close")
        else:
            _require_own_or_any(actor, locked, "advance_own", "advance_any")
        if target == Stage.MERGED:
            raise WorkflowError(
                "invalid_transition", _("Gunakan penggabungan untuk menggabung kasus."), "to_stage"
            )
        if not can_transition(locked.stage, target):
            raise WorkflowError(
                "invalid_transition",
                _("Tidak dapat berpindah dari %(a)s ke %(b)s.")
                % {"a": locked.get_stage_display(), "b": target.label},
                "to_stage",
            )
        if target in REASON_REQUIRED and not reason:
            raise WorkflowError("reason_required", _("Alasan wajib diisi."), "reason")
        now = timezone.now()
        from_stage = locked.stage
        locked.stage = target
        locked.stage_entered_at = now
        if target in CLOSED_STAGES:
            locked.closed_at = now
        _stamp_deadline(locked, now)
        locked.save()
        _event(
            locked, "transition", actor, now, from_stage=from_stage, to_stage=target, reason=reason
        )
        audit.record(
            actor,
            "case.transition",
            locked,
            from_stage=from_stage,
            to_stage=str(target),
            reason=reason,
            deadline_rule=locked.deadline_rule,
            deadline_at=locked.deadline_at.isoformat() if locked.deadline_at else None,
        )
        _after_commit(locked.pk, "transition")
    return locked


def assign_case(case: Case, assignee: Any | None, *, actor: Actor) -> Case:
    """Give a case to an officer (or take it back with None)."""
    _require(actor, "assign")
    if assignee is not None and not can(assignee, "view_own_cases"):
        raise WorkflowError(
            "invalid_assignee", _("Kasus hanya dapat diberikan kepada petugas aktif."), "assignee"
        )
    with transaction.atomic():
        locked = _lock(case)
        _require_open(locked)
        now = timezone.now()
        before = locked.assignee.get_username() if locked.assignee else ""
        after = assignee.get_username() if assignee is not None else ""
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        _event(locked, "assign", actor, now, reason=f"{before or '-'} -> {after or '-'}")
        audit.record(actor, "case.assign", locked, before=before, after=after)
        _after_commit(locked.pk, "assign")
    return locked


def route_case(case: Case, route: str, *, actor: Actor, reason: str = "") -> Case:
    """Send a case to a route (Gakkumdu, AGHT, Datun, Pidsus, BKN), recording why."""
    _require(actor, "route")
    if route not in Route.values:
        raise WorkflowError("invalid_route", _("Rute tidak dikenal: %(r)s") % {"r": route}, "route")
    with transaction.atomic():
        locked = _lock(case)
        _require_open(locked)
        now = timezone.now()
        before = locked.route
        locked.route = route
        locked.save(update_fields=["route", "updated_at"])
        _event(locked, "route", actor, now, reason=reason.strip() or f"{before or '-'} -> {route}")
        audit.record(actor, "case.route", locked, before=before, after=route, reason=reason.strip())
        _after_commit(locked.pk, "route")
    return locked


def request_info(case: Case, *, actor: Actor, question: str, report: Any | None = None) -> None:
    """Ask the reporter(s) a question; the first question extends the study clock by 2 days."""
    from posko.reports.services import ReportError, post_message

    question = question.strip()
    if not question:
        raise WorkflowError("question_required", _("Pertanyaan wajib diisi."), "question")
    with transaction.atomic():
        locked = _lock(case)
        _require_own_or_any(actor, locked, "message_own", "message_any")
        _require_open(locked)
        now = timezone.now()
        reports = locked.reports.order_by("submitted_at", "pk")
        if report is not None:
            reports = reports.filter(pk=report.pk)
            if not reports.exists():
                raise WorkflowError("not_found", _("Laporan tidak ada pada kasus ini."), "report")
        try:
            for each in reports:
                post_message(each, question, from_reporter=False, actor=actor)
        except ReportError as exc:  # e.g. too long: same code, shown the same way
            raise WorkflowError(exc.code, exc.message, "question") from None
        locked.info_requested_at = now
        extension = load_deadline_table().extension_of(STUDY_RULE)
        extended = False
        if extension is not None and locked.deadline_rule == STUDY_RULE and locked.deadline_at:
            locked.deadline_at = due_for(extension, locked.deadline_at)
            locked.deadline_rule = extension.id
            locked.deadline_unit_confirmed = extension.unit_confirmed
            extended = True
        locked.save()
        _event(locked, "info_request", actor, now, reason=question)
        audit.record(
            actor,
            "case.info_request",
            locked,
            extended=extended,
            deadline_at=locked.deadline_at.isoformat() if locked.deadline_at else None,
        )
        _after_commit(locked.pk, "info_request")


def merge_cases(target: Case, sources: Sequence[Case], *, actor: Actor, reason: str) -> Case:
    """Fold similar cases into `target`; every report, evidence file and message is kept."""
    from posko.reports.models import Report

    _require(actor, "merge")
    reason = reason.strip()
    if not reason:
        raise WorkflowError("reason_required", _("Alasan wajib diisi."), "reason")
    source_ids = sorted({s.pk for s in sources})
    if not source_ids:
        raise WorkflowError("no_sources", _("Pilih kasus yang akan digabung."), "sources")
    if target.pk in source_ids:
        raise WorkflowError("merge_into_self", _("Kasus tidak dapat digabung ke dirinya sendiri."))
    with transaction.atomic():
        # Lock in primary-key order so two concurrent merges cannot deadlock.
        locked = {
            c.pk: c
            for c in Case.objects.select_for_update()
            .filter(pk__in=[target.pk, *source_ids])
            .order_by("pk")
        }
        if len(locked) != len(source_ids) + 1:
            raise WorkflowError("not_found", _("Kasus tidak ditemukan."))
        into = locked[target.pk]
        _require_open(into)
        now = timezone.now()
        moved: dict[int, int] = {}
        for pk in source_ids:
            source = locked[pk]
            _require_open(source)
            if not can_transition(source.stage, Stage.MERGED):
                raise WorkflowError(
                    "invalid_transition",
                    _("Kasus #%(id)s pada tahap %(s)s tidak dapat digabung.")
                    % {"id": pk, "s": source.get_stage_display()},
                )
            moved[pk] = Report.objects.filter(case=source).update(case=into)
            # The strictest running clock wins: a merged report must not lose its deadline.
            if (
                into.stage in (Stage.RECEIVED, Stage.STUDY)
                and source.deadline_at is not None
                and (into.deadline_at is None or source.deadline_at < into.deadline_at)
            ):
                into.deadline_at = source.deadline_at
                into.deadline_rule = source.deadline_rule
                into.deadline_unit_confirmed = source.deadline_unit_confirmed
            from_stage = source.stage
            source.stage = Stage.MERGED
            source.merged_into = into
            source.stage_entered_at = now
            source.closed_at = now
            source.deadline_at, source.deadline_rule = None, ""
            source.save()
            _event(
                source,
                "merge",
                actor,
                now,
                from_stage=from_stage,
                to_stage=Stage.MERGED,
                reason=reason,
            )
            audit.record(
                actor, "case.merged", source, into=into.pk, reports=moved[pk], reason=reason
            )
        into.save()
        _event(into, "merge", actor, now, reason=reason)
        audit.record(
            actor,
            "case.merge",
            into,
            sources=source_ids,
            reports={str(k): v for k, v in moved.items()},
            reason=reason,
        )
        for pk in [into.pk, *source_ids]:
            _after_commit(pk, "merge")
    return into
