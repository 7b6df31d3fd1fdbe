"""Grouping similar reports and merging them without losing evidence or messages."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
import time_machine

from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.cases.services import (
    WorkflowError,
    merge_cases,
    request_info,
    similar_cases,
    transition_case,
)
from posko.cases.tests.conftest import wib
from posko.core.models import AuditEvent
from posko.reports.models import Evidence, Message

pytestmark = pytest.mark.django_db

AMPLOP = (
    "Tim sukses paslon nomor 2 membagikan amplop berisi uang Rp50.000 kepada warga RT 03 "
    "di dekat TPS 05 Kelurahan Gambir pada malam masa tenang."
)
AMPLOP_AGAIN = (
    "Malam masa tenang ada pembagian amplop uang 50 ribu oleh tim sukses paslon 2 ke warga "
    "RT 03 dekat TPS 05 Gambir."
)
BANNER = (
    "Spanduk kampanye dipasang di pagar sekolah dasar negeri, padahal dilarang di fasilitas "
    "pendidikan."
)


def add_evidence_and_message(report: Any) -> None:
    Evidence.objects.create(
        report=report,
        kind="image",
        content_type="image/jpeg",
        size=1234,
        sha256=secrets.token_hex(32),
        storage_name=secrets.token_hex(16),
        uploaded_at=report.submitted_at,
    )
    Message.objects.create(
        report=report,
        from_reporter=True,
        body="Saya punya foto lain.",
        created_at=report.submitted_at,
    )


def test_similar_cases_finds_the_planted_duplicate_and_not_unrelated_ones(
    make_report: Any,
) -> None:
    original = make_report(description=AMPLOP).case
    duplicate = make_report(
        description=AMPLOP_AGAIN,
        region_code="31.71.01.1002",  # neighbouring kelurahan, same kecamatan
        occurred_at=wib(2024, 11, 26, 20, 0),
        submitted_at=wib(2024, 11, 27, 7, 0),
    ).case
    make_report(description=BANNER)  # same place, time and terlapor, different incident
    make_report(description=AMPLOP, region_code="33.74.01.1001")  # another kota
    make_report(description=AMPLOP, occurred_at=wib(2024, 11, 10, 19, 0))  # weeks earlier
    make_report(description=AMPLOP, category="hoaks")  # another category
    closed = make_report(description=AMPLOP).case
    Case.objects.filter(pk=closed.pk).update(stage=Stage.STOPPED)

    found = similar_cases(original)
    assert [case for case, _ in found] == [duplicate]
    score = found[0][1]
    assert 0.45 <= score <= 1.0
    # Symmetric enough that the duplicate also points back at the original.
    assert [case for case, _ in similar_cases(duplicate)][:1] == [original]


def test_similar_cases_respects_the_viewers_visibility(
    make_report: Any, officers: dict[str, Any]
) -> None:
    original = make_report(description=AMPLOP).case
    make_report(description=AMPLOP_AGAIN)
    assert similar_cases(original, user=officers["petugas"]) == []
    assert len(similar_cases(original, user=officers["koordinator"])) == 1


def test_merge_keeps_every_report_evidence_file_and_message(
    make_report: Any, officers: dict[str, Any]
) -> None:
    k = officers["koordinator"]
    target_report = make_report(description=AMPLOP)
    source_a = make_report(description=AMPLOP_AGAIN)
    source_b = make_report(description=AMPLOP, submitted_at=wib(2024, 11, 25, 21, 0))
    for report in (target_report, source_a, source_b):
        add_evidence_and_message(report)
    evidence_ids = set(Evidence.objects.values_list("pk", flat=True))
    message_ids = set(Message.objects.values_list("pk", flat=True))
    target = target_report.case

    with time_machine.travel(wib(2024, 11, 27, 10, 0), tick=False):
        merged = merge_cases(
            target, [source_a.case, source_b.case], actor=k, reason="kejadian yang sama"
        )

    assert merged.reports.count() == 3
    assert set(Evidence.objects.filter(report__case=merged).values_list("pk", flat=True)) == (
        evidence_ids
    )
    assert set(Message.objects.filter(report__case=merged).values_list("pk", flat=True)) == (
        message_ids
    )
    for source in (source_a.case, source_b.case):
        source.refresh_from_db()
        assert source.stage == Stage.MERGED and source.merged_into == merged
        assert source.closed_at == wib(2024, 11, 27, 10, 0)
        assert source.events.filter(kind="merge", to_stage="merged").exists()
        assert AuditEvent.objects.filter(
            verb="case.merged", target_type="cases.case", target_id=str(source.pk)
        ).exists()
    assert merged.events.filter(kind="merge").exists()
    row = AuditEvent.objects.get(verb="case.merge", target_id=str(merged.pk))
    assert row.data["sources"] == sorted([source_a.case.pk, source_b.case.pk])
    # The earliest receipt's clock governs the merged case: no report loses its deadline.
    assert merged.deadline_at == wib(2024, 11, 28, 23, 59, 59)


def test_merge_refusals(make_report: Any, officers: dict[str, Any]) -> None:
    k = officers["koordinator"]
    a, b, c = (make_report().case for _ in range(3))
    merge_cases(a, [b], actor=k, reason="sama")

    def code(target: Any, sources: list[Any], reason: str = "sama") -> str:
        with pytest.raises(WorkflowError) as err:
            merge_cases(target, sources, actor=k, reason=reason)
        return err.value.code

    assert code(a, [a]) == "merge_into_self"
    assert code(c, [b]) == "already_merged"
    assert code(b, [c]) == "already_merged"
    assert code(a, [c], reason=" ") == "reason_required"
    assert code(a, []) == "no_sources"
    investigated = make_report().case
    Case.objects.filter(pk=investigated.pk).update(stage=Stage.INVESTIGATION)
    assert code(a, [investigated]) == "invalid_transition"
    stopped = make_report().case
    Case.objects.filter(pk=stopped.pk).update(stage=Stage.STOPPED)
    assert code(stopped, [c]) == "closed"
    assert Case.objects.get(pk=c.pk).stage == Stage.RECEIVED
    assert c.reports.count() == 1


def test_request_info_messages_the_reporter_and_extends_the_study_clock_once(
    make_report: Any, officers: dict[str, Any]
) -> None:
    k = officers["koordinator"]
    report = make_report(submitted_at=wib(2025, 1, 10, 10, 0))
    case = report.case
    with time_machine.travel(wib(2025, 1, 11, 9, 0), tick=False):
        case = transition_case(case, Stage.STUDY, actor=k)
        request_info(case, actor=k, question="Kapan tepatnya amplop dibagikan?")
    case.refresh_from_db()
    assert case.deadline_rule == "bawaslu_study_extension"
    assert case.deadline_at == wib(2025, 1, 15, 23, 59, 59)  # 3 + 2 calendar days from receipt
    assert case.info_requested_at == wib(2025, 1, 11, 9, 0)
    (message,) = report.messages.all()
    assert (message.from_reporter, message.author, message.body) == (
        False,
        k,
        "Kapan tepatnya amplop dibagikan?",
    )
    with time_machine.travel(wib(2025, 1, 12, 9, 0), tick=False):
        request_info(case, actor=k, question="Ada saksi lain?")
    case.refresh_from_db()
    assert case.deadline_at == wib(2025, 1, 15, 23, 59, 59)  # only one extension
    assert report.messages.count() == 2
    assert case.events.filter(kind="info_request").count() == 2


def test_request_info_permissions_and_validation(
    make_report: Any, officers: dict[str, Any]
) -> None:
    case = make_report().case
    for actor in (officers["petugas"], officers["pimpinan"]):
        with pytest.raises(WorkflowError) as err:
            request_info(case, actor=actor, question="Ada bukti?")
        assert err.value.code == "forbidden"
    with pytest.raises(WorkflowError) as err:
        request_info(case, actor=officers["koordinator"], question="  ")
    assert err.value.code == "question_required"
    assert not Message.objects.exists()
