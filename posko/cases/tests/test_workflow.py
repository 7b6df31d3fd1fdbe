"""The case state machine through its services: transitions, deadlines, reasons, audit."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import transaction

from posko.cases.choices import CLOSED_STAGES, Stage
from posko.cases.deadlines import deadline_state
from posko.cases.models import Case, CaseEvent
from posko.cases.services import WorkflowError, assign_case, route_case, transition_case
from posko.cases.tests.conftest import wib
from posko.cases.workflow import ALLOWED_TRANSITIONS, REASON_REQUIRED
from posko.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# Sorted: set order varies between processes, and xdist workers must collect the same ids.
ALLOWED = sorted(
    (a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets if b != Stage.MERGED
)
FORBIDDEN = [
    (Stage.RECEIVED, Stage.TRIAL),
    (Stage.RECEIVED, Stage.FINAL),
    (Stage.STUDY, Stage.PROSECUTION),
    (Stage.GAKKUMDU, Stage.STUDY),
    (Stage.INVESTIGATION, Stage.FORWARDED),
    (Stage.TRIAL, Stage.STOPPED),
    (Stage.FINAL, Stage.STUDY),
    (Stage.STOPPED, Stage.STUDY),
    (Stage.MERGED, Stage.STUDY),
]


def audit_rows(case: Case, verb: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk), verb=verb)
    )


def test_open_case_routes_by_category_and_starts_the_study_clock(make_report: Any) -> None:
    report = make_report(category="netralitas_asn", submitted_at=wib(2025, 1, 10, 10, 0))
    case = report.case
    assert case.stage == Stage.RECEIVED
    assert case.route == "bkn"
    assert case.deadline_rule == "bawaslu_study"
    assert case.deadline_at == wib(2025, 1, 13, 23, 59, 59)  # Fri + 3 calendar days
    assert not case.deadline_unit_confirmed
    assert [e.kind for e in case.events.all()] == ["open"]
    assert len(audit_rows(case, "case.open")) == 1


def test_open_case_refuses_an_unknown_category(db: None) -> None:
    from posko.cases.services import open_case

    with pytest.raises(WorkflowError) as err:
        open_case(category="gosip", region_code="", opened_at=wib(2025, 1, 1), actor="public")
    assert err.value.code == "invalid_category" and err.value.field == "category"
    assert not Case.objects.exists()


@pytest.mark.parametrize(("from_stage", "to_stage"), ALLOWED)
def test_every_allowed_transition_is_recorded_with_who_when_why(
    make_report: Any, officers: dict[str, Any], from_stage: Stage, to_stage: Stage
) -> None:
    case = make_report().case
    Case.objects.filter(pk=case.pk).update(stage=from_stage)
    admin = officers["admin"]
    with time_machine.travel(wib(2025, 1, 6, 9, 0), tick=False):
        moved = transition_case(case, to_stage, actor=admin, reason="alasan uji")
    moved.refresh_from_db()
    assert moved.stage == to_stage
    assert moved.stage_entered_at == wib(2025, 1, 6, 9, 0)
    event = moved.events.get(kind="transition")
    assert (event.actor, event.from_stage, event.to_stage, event.reason) == (
        admin,
        from_stage,
        to_stage,
        "alasan uji",
    )
    (row,) = audit_rows(moved, "case.transition")
    assert row.actor == admin and row.data["to_stage"] == to_stage
    if to_stage in CLOSED_STAGES:
        assert moved.closed_at == wib(2025, 1, 6, 9, 0)
        assert moved.deadline_at is None and moved.deadline_rule == ""


@pytest.mark.parametrize(("from_stage", "to_stage"), FORBIDDEN)
def test_forbidden_transitions_change_nothing(
    make_report: Any, officers: dict[str, Any], from_stage: Stage, to_stage: Stage
) -> None:
    case = make_report().case
    Case.objects.filter(pk=case.pk).update(stage=from_stage)
    audits = AuditEvent.objects.count()
    with pytest.raises(WorkflowError) as err:
        transition_case(case, to_stage, actor=officers["admin"], reason="coba")
    assert err.value.code in {"invalid_transition", "already_merged"}
    assert Case.objects.get(pk=case.pk).stage == from_stage
    assert AuditEvent.objects.count() == audits
    assert not case.events.filter(kind="transition").exists()


def test_merged_is_reached_only_by_merging_and_unknown_stages_are_refused(
    make_report: Any, officers: dict[str, Any]
) -> None:
    case = make_report().case
    with pytest.raises(WorkflowError) as err:
        transition_case(case, "merged", actor=officers["admin"], reason="x")
    assert err.value.code == "invalid_transition"
    with pytest.raises(WorkflowError) as err:
        transition_case(case, "limbo", actor=officers["admin"])
    assert err.value.code == "invalid_stage" and err.value.field == "to_stage"


@pytest.mark.parametrize("exit_stage", sorted(REASON_REQUIRED - {Stage.MERGED, Stage.FINAL}))
def test_exits_need_a_reason(make_report: Any, officers: dict[str, Any], exit_stage: str) -> None:
    case = make_report().case
    with pytest.raises(WorkflowError) as err:
        transition_case(case, exit_stage, actor=officers["koordinator"], reason="   ")
    assert (err.value.code, err.value.field) == ("reason_required", "reason")
    assert Case.objects.get(pk=case.pk).stage == Stage.RECEIVED


def test_final_after_trial_needs_a_reason(make_report: Any, officers: dict[str, Any]) -> None:
    case = make_report().case
    Case.objects.filter(pk=case.pk).update(stage=Stage.TRIAL)
    with pytest.raises(WorkflowError) as err:
        transition_case(case, Stage.FINAL, actor=officers["koordinator"])
    assert err.value.code == "reason_required"


def test_each_stage_stamps_its_rule(make_report: Any, officers: dict[str, Any]) -> None:
    k = officers["koordinator"]
    case = make_report(submitted_at=wib(2025, 1, 10, 10, 0)).case
    with time_machine.travel(wib(2025, 1, 11, 8, 0), tick=False):
        case = transition_case(case, Stage.STUDY, actor=k)
    # Study counts from the receipt of the report, not from the stage change.
    assert (case.deadline_rule, case.deadline_at) == ("bawaslu_study", wib(2025, 1, 13, 23, 59, 59))
    with time_machine.travel(wib(2025, 1, 13, 8, 0), tick=False):
        case = transition_case(case, Stage.GAKKUMDU, actor=k)
    assert (case.deadline_rule, case.deadline_at) == ("gakkumdu_discussion", None)
    with time_machine.travel(wib(2025, 1, 15, 8, 0), tick=False):
        case = transition_case(case, Stage.INVESTIGATION, actor=k)
    assert (case.deadline_rule, case.deadline_at) == ("investigation", wib(2025, 1, 29, 23, 59, 59))
    with time_machine.travel(wib(2025, 1, 20, 8, 0), tick=False):
        case = transition_case(case, Stage.PROSECUTION, actor=k)
    assert case.deadline_at == wib(2025, 1, 25, 23, 59, 59)
    with time_machine.travel(wib(2025, 1, 24, 8, 0), tick=False):
        case = transition_case(case, Stage.TRIAL, actor=k)
    assert case.deadline_at == wib(2025, 1, 31, 23, 59, 59)
    with time_machine.travel(wib(2025, 1, 30, 8, 0), tick=False):
        case = transition_case(case, Stage.APPEAL, actor=k)
    assert (case.deadline_rule, case.deadline_at) == ("appeal", wib(2025, 2, 6, 23, 59, 59))
    with time_machine.travel(wib(2025, 2, 5, 8, 0), tick=False):
        case = transition_case(case, Stage.FINAL, actor=k, reason="putusan PT")
    assert case.deadline_at is None and case.closed_at == wib(2025, 2, 5, 8, 0)
    kinds = list(case.events.values_list("to_stage", flat=True))
    assert kinds == ["received", "study", "gakkumdu", "investigation", "prosecution", "trial",
                     "appeal", "final"]  # fmt: skip


def test_deadline_turns_due_soon_then_overdue_as_time_passes(make_report: Any) -> None:
    case = make_report(submitted_at=wib(2025, 1, 10, 10, 0)).case
    assert deadline_state(case, wib(2025, 1, 11, 12, 0)) == "ok"
    assert deadline_state(case, wib(2025, 1, 13, 8, 0)) == "due_soon"
    with time_machine.travel(wib(2025, 1, 14, 0, 0, 1), tick=False):
        from django.utils import timezone

        assert deadline_state(case, timezone.now()) == "overdue"
        assert Case.objects.filter(deadline_at__lt=timezone.now()).get() == case


def test_audit_row_is_written_in_the_same_transaction(
    make_report: Any, officers: dict[str, Any]
) -> None:
    case = make_report().case
    audits, events = AuditEvent.objects.count(), CaseEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        transition_case(case, Stage.STUDY, actor=officers["koordinator"])
        assert AuditEvent.objects.count() == audits + 1
        raise RuntimeError("roll back")
    assert AuditEvent.objects.count() == audits
    assert CaseEvent.objects.count() == events
    assert Case.objects.get(pk=case.pk).stage == Stage.RECEIVED


def test_a_failing_audit_write_rolls_the_change_back(
    make_report: Any, officers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_report().case

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr("posko.cases.services.audit.record", broken)
    with pytest.raises(RuntimeError):
        transition_case(case, Stage.STUDY, actor=officers["koordinator"])
    assert Case.objects.get(pk=case.pk).stage == Stage.RECEIVED
    assert not case.events.filter(kind="transition").exists()


def test_assign_and_route_are_recorded(make_report: Any, officers: dict[str, Any]) -> None:
    k, p = officers["koordinator"], officers["petugas"]
    case = assign_case(make_report().case, p, actor=k)
    assert case.assignee == p
    case = route_case(case, "pidsus", actor=k, reason="indikasi korupsi dana desa")
    assert case.route == "pidsus"
    assert audit_rows(case, "case.assign")[0].data == {"before": "", "after": p.username}
    assert audit_rows(case, "case.route")[0].data["after"] == "pidsus"
    assert list(case.events.values_list("kind", flat=True)) == ["open", "assign", "route"]
    case = assign_case(case, None, actor=k)
    assert case.assignee is None


def test_route_and_assignee_are_validated(make_report: Any, officers: dict[str, Any]) -> None:
    k = officers["koordinator"]
    case = make_report().case
    with pytest.raises(WorkflowError) as err:
        route_case(case, "interpol", actor=k)
    assert (err.value.code, err.value.field) == ("invalid_route", "route")
    with pytest.raises(WorkflowError) as err:
        assign_case(case, officers["pimpinan"], actor=k)  # pimpinan handles no cases
    assert err.value.code == "invalid_assignee"
    Case.objects.filter(pk=case.pk).update(stage=Stage.STOPPED)
    with pytest.raises(WorkflowError) as err:
        route_case(case, "datun", actor=k)
    assert err.value.code == "closed"


def test_a_missing_case_is_not_found(make_report: Any, officers: dict[str, Any]) -> None:
    case = make_report().case
    ghost = Case(pk=case.pk + 1000)
    with pytest.raises(WorkflowError) as err:
        transition_case(ghost, Stage.STUDY, actor=officers["admin"])
    assert err.value.code == "not_found"
