"""The formal/material requirement check (DOMAIN.md §5) and the 7-day warning."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import override

from posko.reports.requirements import check_requirements
from posko.reports.submission import ReportSubmission, WitnessData

from .factories import aware

TWO_WITNESSES = [WitnessData("Siti"), WitnessData("Andi", "0812")]
IDENTIFIED = {"reporter_name": "Pelapor Contoh", "reporter_address": "Jl. Kenanga 3, Gambir"}


def test_complete_named_report_is_a_laporan(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    result = check_requirements(
        make_submission(witnesses=TWO_WITNESSES, **IDENTIFIED), evidence_count=1
    )
    assert result.outcome == "laporan"
    assert all(c.met for c in result.checks)
    assert not result.late and result.late_warning == ""
    assert "e-KTP" in result.outcome_explanation


def test_anonymous_report_is_always_informasi_awal_and_says_why(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    result = check_requirements(make_submission(witnesses=TWO_WITNESSES), evidence_count=3)
    assert result.outcome == "informasi_awal"
    assert result.anonymous
    assert [c.id for c in result.missing] == ["identity"]
    assert "tanpa nama" in result.outcome_explanation
    assert "informasi awal" in result.outcome_explanation


def test_missing_items_are_listed_with_plain_explanations(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    result = check_requirements(
        make_submission(terlapor="", witnesses=[WitnessData("Siti")], **IDENTIFIED)
    )
    assert result.outcome == "informasi_awal"
    missing = {c.id: c for c in result.missing}
    assert set(missing) == {"terlapor", "witnesses", "evidence"}
    assert "2 orang" in missing["witnesses"].explanation
    assert missing["terlapor"].group == "formal" and missing["evidence"].group == "material"
    assert "3 hari" in result.outcome_explanation  # Bawaslu's time to complete a report
    assert all(c.citation for c in result.checks)


def test_more_than_seven_days_warns_but_is_accepted(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    now = aware(2024, 11, 30)
    on_time = make_submission(discovered_at=aware(2024, 11, 23, 8), occurred_at=None)
    late = make_submission(discovered_at=aware(2024, 11, 22, 20), occurred_at=None)
    assert check_requirements(on_time, now=now).late is False
    result = check_requirements(late, now=now)
    assert result.late and result.days_since_discovery == 8
    assert "Perpu 1/2014 Pasal 134" in result.late_warning
    assert "tetap diterima" in result.late_warning
    assert not {c.id: c for c in result.checks}["within_deadline"].met


def test_place_can_be_a_region_an_address_or_a_map_point(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    nowhere = make_submission(region_code="", place_detail="")
    assert "time_place" in [c.id for c in check_requirements(nowhere).missing]
    from decimal import Decimal

    point = make_submission(region_code="", place_detail="", latitude=Decimal("-6.2"))
    assert "time_place" not in [c.id for c in check_requirements(point).missing]


def test_labels_follow_the_language(make_submission: Callable[..., ReportSubmission]) -> None:
    submission = make_submission(discovered_at=timezone.now() - timedelta(days=10))
    with override("en"):
        result = check_requirements(submission)
    labels = {c.id: c.label for c in result.checks}
    assert labels["witnesses"] == "At least 2 witnesses"
    assert "More than 7 days" in {c.id: c for c in result.checks}["within_deadline"].explanation
