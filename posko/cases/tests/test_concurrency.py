"""Officers and workers writing the same cases at the same moment (PostgreSQL row locks)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from posko.cases.models import Case, CaseEvent
from posko.cases.services import WorkflowError, assign_case, merge_cases, transition_case
from posko.cases.tasks import REMINDER_VERB, remind_deadlines
from posko.core.models import AuditEvent
from posko.reports.models import Report
from posko.testing.concurrency import needs_postgres, run_concurrently

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_one_transition_wins_when_officers_advance_a_case_together(
    make_report: Callable[..., Any], officers: dict[str, Any]
) -> None:
    case = make_report().case
    results = run_concurrently(
        lambda _: transition_case(case, "study", actor=officers["koordinator"]), threads=6
    )
    won = [r for r in results if isinstance(r, Case)]
    lost = [r for r in results if isinstance(r, WorkflowError)]
    assert len(won) == 1 and len(lost) == 5, results
    assert {e.code for e in lost} == {"invalid_transition"}  # they saw the winner's stage
    assert CaseEvent.objects.filter(case=case, kind="transition").count() == 1
    assert AuditEvent.objects.filter(verb="case.transition", target_id=str(case.pk)).count() == 1


def test_crossed_merges_neither_deadlock_nor_lose_a_report(
    make_report: Callable[..., Any], officers: dict[str, Any]
) -> None:
    cases = [make_report(description=f"Amplop di TPS 0{i}.").case for i in range(1, 5)]
    reports = set(Report.objects.values_list("pk", flat=True))
    koordinator = officers["koordinator"]
    # Each merge folds the others into its own target: they lock the same rows from opposite
    # ends of the list, so only primary-key lock ordering keeps them from deadlocking.
    plans = [(cases[0], cases[1:]), (cases[3], cases[:3]), (cases[1], [cases[2], cases[3]])]

    def merge(i: int) -> Any:
        target, sources = plans[i]
        return merge_cases(target, sources, actor=koordinator, reason="Kejadian sama")

    results = run_concurrently(merge, threads=len(plans))
    won = [r for r in results if isinstance(r, Case)]
    assert len(won) >= 1, results
    assert all(isinstance(r, Case | WorkflowError) for r in results), results
    # Whichever merge came first, the later ones found some of their cases merged and were
    # refused as a whole: every report now sits in a case that is still open.
    open_cases = Case.objects.exclude(stage="merged")
    assert 1 <= open_cases.count() <= 2
    assert set(Report.objects.filter(case__in=open_cases).values_list("pk", flat=True)) == reports
    for merged in Case.objects.filter(stage="merged"):
        assert merged.merged_into_id in {c.pk for c in open_cases}


def test_concurrent_assignments_leave_one_assignee_and_a_full_history(
    make_report: Callable[..., Any], officers: dict[str, Any]
) -> None:
    case = make_report().case
    people = [officers["petugas"], officers["petugas2"]] * 3
    results = run_concurrently(
        lambda i: assign_case(case, people[i], actor=officers["koordinator"]), threads=6
    )
    assert all(isinstance(r, Case) for r in results), results
    case.refresh_from_db()
    assert case.assignee_id in {p.pk for p in people}
    assigned = AuditEvent.objects.filter(verb="case.assign", target_id=str(case.pk))
    assert assigned.count() == 6  # serialised by the row lock: every change is in the log


def test_two_workers_send_each_deadline_reminder_once(
    make_report: Callable[..., Any], officers: dict[str, Any]
) -> None:
    soon = timezone.now() + timedelta(hours=2)
    ids = []
    for i in range(10):
        case = make_report(description=f"Laporan {i}").case
        Case.objects.filter(pk=case.pk).update(assignee=officers["petugas"], deadline_at=soon)
        ids.append(case.pk)
    results = run_concurrently(lambda _: remind_deadlines(), threads=4)
    assert all(isinstance(r, int) for r in results), results
    assert sum(results) == 10
    sent = AuditEvent.objects.filter(verb=REMINDER_VERB, target_id__in=[str(i) for i in ids])
    assert sent.count() == 10
