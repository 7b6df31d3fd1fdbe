"""The report services: one transaction, identity apart and audited, no IP, public status."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from posko.cases.models import Case
from posko.core.models import AuditEvent
from posko.reports.intake import file_waiting
from posko.reports.models import ReceivedReport, Report, ReporterIdentity, Witness
from posko.reports.services import (
    ReportError,
    post_message,
    public_status,
    reveal_identity,
    submit_report,
)
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.tracking import normalise_code

from .factories import aware, photo

pytestmark = pytest.mark.django_db

PARTISAN = "Ayo dukung paslon nomor 3, coblos Pramono-Rano! #JakartaMenyala"
IP = "203.0.113.77"


def test_anonymous_report_creates_case_report_witnesses_and_audit(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    submission = make_submission(witnesses=[WitnessData("Siti", "0812"), WitnessData("Andi")])
    report = submit_report(submission, [photo()])
    assert normalise_code(report.tracking_code) == report.tracking_code
    assert report.is_anonymous and not ReporterIdentity.objects.filter(report=report).exists()
    assert Witness.objects.filter(report=report).count() == 2
    case = Case.objects.get(pk=report.case_id)
    assert case.stage == "received" and case.route == "gakkumdu" and case.category == "politik_uang"
    assert report.requirements["outcome"] == "informasi_awal"
    assert report.requirements["missing"] == ["identity"]
    event = AuditEvent.objects.get(verb="report.submit")
    assert event.actor is None and event.actor_label == "public"
    assert event.target_id == str(report.pk) and event.data["evidence"] == 1


def test_identity_is_stored_apart_only_when_given(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    report = submit_report(
        make_submission(
            reporter_name="Pelapor Contoh", reporter_contact="0812-000", reporter_address=""
        )
    )
    assert not report.is_anonymous
    identity = ReporterIdentity.objects.get(report=report)
    assert (identity.name, identity.contact) == ("Pelapor Contoh", "0812-000")
    assert "Pelapor Contoh" not in json.dumps(report.requirements)


def test_no_ip_address_is_stored_on_the_report_or_the_audit_row(
    client: Any, make_submission: Callable[..., ReportSubmission]
) -> None:
    body = {
        "category": "politik_uang",
        "description": "Amplop dibagikan di pasar.",
        "discovered_at": "2026-11-01T10:00:00+07:00",
    }
    response = client.post(
        "/api/v1/reports",
        json.dumps(body),
        content_type="application/json",
        REMOTE_ADDR=IP,
        HTTP_X_FORWARDED_FOR=IP,
    )
    assert response.status_code == 201, response.content
    received = ReceivedReport.objects.get()
    assert IP not in json.dumps([received.submission, received.evidence, received.requirements])
    file_waiting()
    report = Report.objects.get()
    row = {f.attname: getattr(report, f.attname) for f in Report._meta.concrete_fields}
    assert IP not in json.dumps(row, default=str)
    for event in AuditEvent.objects.all():
        assert IP not in json.dumps([event.actor_label, event.data, event.target_id])
    assert not {"ip", "ip_address", "remote_addr", "client_ip"} & set(row)


def test_neutrality_verdict_is_attached_for_asn_reports_with_post_text(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    report = submit_report(make_submission(category="netralitas_asn", post_text=PARTISAN))
    verdict = report.neutrality_verdict
    assert verdict is not None
    assert verdict["violation"] is True and verdict["rule"]["citation"]
    assert Case.objects.get(pk=report.case_id).route == "bkn"
    plain = submit_report(make_submission(category="politik_uang", post_text=PARTISAN))
    assert plain.neutrality_verdict is None
    assert "violation" not in json.dumps(public_status(report))


def test_late_report_is_accepted_and_flagged(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    report = submit_report(
        make_submission(discovered_at=aware(2024, 11, 1), occurred_at=aware(2024, 10, 31)),
        now=aware(2024, 11, 20),
    )
    assert report.filed_late and report.requirements["late"]
    assert report.requirements["days_since_discovery"] == 19


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"category": "kampanye_hitam"}, "category", "invalid_category"),
        ({"description": "  "}, "description", "required"),
        ({"discovered_at": None}, "discovered_at", "required"),
        ({"region_code": "99.99"}, "region_code", "unknown_region"),
        ({"tps_number": "12a"}, "tps_number", "invalid_tps"),
        ({"witnesses": [WitnessData("")]}, "witnesses.0.name", "required"),
    ],
)
def test_invalid_submissions_are_refused_with_field_codes(
    make_submission: Callable[..., ReportSubmission],
    overrides: dict[str, Any],
    field: str,
    code: str,
) -> None:
    with pytest.raises(ReportError) as info:
        submit_report(make_submission(**overrides))
    assert (info.value.field, info.value.code) == (field, code)
    assert Report.objects.count() == 0 and Case.objects.count() == 0


def test_event_after_discovery_is_refused(make_submission: Callable[..., ReportSubmission]) -> None:
    with pytest.raises(ReportError) as info:
        submit_report(
            make_submission(occurred_at=aware(2024, 11, 5), discovered_at=aware(2024, 11, 4))
        )
    assert info.value.code == "after_discovery"


def test_region_code_is_stored_in_canonical_form(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    assert submit_report(make_submission(region_code="3171011001")).region_code == "31.71.01.1001"


def test_identity_view_needs_the_capability_and_is_audited(
    make_submission: Callable[..., ReportSubmission], officer: Callable[..., Any]
) -> None:
    report = submit_report(
        make_submission(reporter_name="Pelapor Contoh", reporter_address="Gambir")
    )
    for role in ("petugas", "pimpinan"):
        with pytest.raises(PermissionDenied):
            reveal_identity(report, actor=officer(role))
    assert not AuditEvent.objects.filter(verb="identity.view").exists()
    coordinator = officer("koordinator")
    identity = reveal_identity(report, actor=coordinator)
    assert identity is not None and identity.name == "Pelapor Contoh"
    event = AuditEvent.objects.get(verb="identity.view")
    assert event.actor == coordinator and event.target_id == str(report.pk)


def test_messages_and_public_status_hide_officer_data(
    make_submission: Callable[..., ReportSubmission], officer: Callable[..., Any]
) -> None:
    report = submit_report(make_submission(category="netralitas_asn", post_text=PARTISAN))
    coordinator = officer("koordinator")
    case = Case.objects.get(pk=report.case_id)
    case.assignee = coordinator
    case.save()
    post_message(report, "Kapan tepatnya amplop dibagikan?", from_reporter=False, actor=coordinator)
    post_message(report, "Sekitar jam 9 pagi.", from_reporter=True)
    with pytest.raises(PermissionDenied):
        post_message(report, "Halo", from_reporter=False, actor=officer("pimpinan"))
    status = public_status(report)
    assert status["status"] == "received" and status["status_label"]
    assert [m["author"] for m in status["messages"]] == ["officer", "reporter"]
    text = json.dumps(status)
    for secret in ("koordinator", "assignee", "neutrality", "route", "bkn", "case"):
        assert secret not in text
    assert set(status) == {
        "tracking_code",
        "status",
        "status_label",
        "category",
        "category_label",
        "submitted_at",
        "filed_late",
        "outcome",
        "evidence_count",
        "timeline",
        "messages",
    }


def test_empty_reply_is_refused(make_submission: Callable[..., ReportSubmission]) -> None:
    report = submit_report(make_submission())
    with pytest.raises(ReportError) as info:
        post_message(report, "   ", from_reporter=True)
    assert info.value.code == "required"
