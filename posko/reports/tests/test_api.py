"""The reports API over HTTP: JSON and multipart submission, status, replies, errors, limits."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from posko.reports.intake import file_waiting
from posko.reports.models import Evidence, Message, ReceivedReport, Report
from posko.reports.services import find_report
from posko.reports.tracking import generate_code

from .factories import jpeg_bytes, photo, stored_files

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports"
YESTERDAY = (timezone.localdate() - timedelta(days=1)).isoformat()
BODY = {
    "category": "politik_uang",
    "description": "Amplop berisi Rp50.000 dibagikan di pasar pagi.",
    "occurred_at": f"{YESTERDAY}T07:30:00",
    "discovered_at": f"{YESTERDAY}T08:00:00+07:00",
    "region_code": "31.71.01.1001",
    "terlapor": "Relawan paslon 2",
    "witnesses": [{"name": "Siti"}, {"name": "Andi", "contact": "0812"}],
}


def post_json(client: Client, body: Any, url: str = URL) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def errors(response: Any) -> dict[str, str]:
    return {e["field"]: e["code"] for e in response.json()["detail"]}


def test_json_submission_returns_201_with_code_status_and_requirements(client: Client) -> None:
    response = post_json(client, BODY)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"tracking_code", "status", "status_label", "requirements"}
    assert data["status"] == "received"
    assert data["requirements"]["outcome"] == "informasi_awal"
    assert data["requirements"]["missing"] == ["identity", "evidence"]
    # Acknowledged into the intake queue; the first read of the code files it as a case.
    assert not Report.objects.exists()
    report = find_report(data["tracking_code"])
    assert report is not None and report.case.stage == "received"
    assert report.witnesses.count() == 2
    assert report.occurred_at is not None and report.occurred_at.hour == 0  # 07:30 WIB in UTC


def test_multipart_with_a_report_part_and_files(client: Client, evidence_dir: Path) -> None:
    response = client.post(
        URL, {"report": json.dumps(BODY), "files": [photo("a.jpg"), photo("b.jpg")]}
    )
    assert response.status_code == 201, response.content
    report = find_report(response.json()["tracking_code"])
    assert (
        report is not None and report.evidence.count() == 2 and len(stored_files(evidence_dir)) == 2
    )
    assert "evidence" not in response.json()["requirements"]["missing"]


def test_multipart_with_flat_fields(client: Client) -> None:
    flat = {k: v for k, v in BODY.items() if k != "witnesses"}
    flat["witnesses"] = json.dumps(BODY["witnesses"])
    flat["keep_location"] = "true"
    response = client.post(URL, {**flat, "files": [photo()]})
    assert response.status_code == 201, response.content
    assert file_waiting() == 1  # what the worker does
    report = Report.objects.get()
    assert report.evidence.get().location_kept and report.latitude is not None


def test_fake_photo_gives_a_field_error_and_stores_nothing(
    client: Client, evidence_dir: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bukti.jpg", b"hello", content_type="image/jpeg")
    response = client.post(URL, {"report": json.dumps(BODY), "files": [fake]})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "files",
            "code": "invalid_image",
            "message": "Berkas bukti.jpg bukan foto yang valid.",
        }
    ]
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert not ReceivedReport.objects.exists()
    assert stored_files(evidence_dir) == []


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"category": "x"}, "category", "invalid_category"),
        ({"description": ""}, "description", "string_too_short"),
        ({"discovered_at": "kemarin"}, "discovered_at", "datetime_from_date_parsing"),
        ({"witnesses": [{"contact": "0812"}]}, "witnesses.0.name", "missing"),
        ({"latitude": 123}, "latitude", "less_than_equal"),
        ({"ip": "1.2.3.4"}, "ip", "extra_forbidden"),
        ({"region_code": "99"}, "region_code", "unknown_region"),
    ],
)
def test_invalid_input_gives_coded_field_errors(
    client: Client, change: dict[str, Any], field: str, code: str
) -> None:
    response = post_json(client, {**BODY, **change})
    assert response.status_code == 422, response.content
    assert errors(response).get(field) == code


def test_broken_json_and_wrong_shapes_are_4xx(client: Client) -> None:
    response = client.post(URL, "{oops", content_type="application/json")
    assert response.status_code == 400 and errors(response) == {"": "invalid_json"}
    assert post_json(client, [BODY]).status_code == 422
    response = client.post(URL, {"report": "{oops"})
    assert response.status_code == 400 and errors(response) == {"report": "invalid_json"}
    assert Report.objects.count() == 0 and not ReceivedReport.objects.exists()


def test_status_and_reply_with_only_the_code(client: Client) -> None:
    code = post_json(client, BODY).json()["tracking_code"]
    typed = code.lower().replace("-", " ")
    response = client.get(f"{URL}/{typed}")
    assert response.status_code == 200
    data = response.json()
    assert data["tracking_code"] == code and data["status"] == "received"
    assert [t["status"] for t in data["timeline"]] == ["received"]
    reply = post_json(client, {"body": "Saya punya foto tambahan."}, f"{URL}/{code}/messages")
    assert reply.status_code == 201 and reply.json()["author"] == "reporter"
    assert Message.objects.get().from_reporter
    messages = client.get(f"{URL}/{code}").json()["messages"]
    assert [m["body"] for m in messages] == ["Saya punya foto tambahan."]
    for key in ("assignee", "neutrality_verdict", "route", "identity", "witnesses"):
        assert key not in data


def test_unknown_and_mistyped_codes(client: Client) -> None:
    assert client.get(f"{URL}/{generate_code()}").status_code == 404
    code = generate_code()
    mistyped = code[:-1] + ("2" if code[-1] != "2" else "3")
    response = client.get(f"{URL}/{mistyped}")
    assert response.status_code == 422 and errors(response) == {
        "tracking_code": "tracking_code_check"
    }
    empty = post_json(client, {"body": ""}, f"{URL}/{code}/messages")
    assert empty.status_code in (404, 422)


def test_public_api_is_rate_limited_per_client(client: Client, settings: Any) -> None:
    settings.POSKO_PUBLIC_RATE_LIMIT = "2/m"
    code = generate_code()
    assert client.get(f"{URL}/{code}", REMOTE_ADDR="198.51.100.1").status_code == 404
    assert client.get(f"{URL}/{code}", REMOTE_ADDR="198.51.100.1").status_code == 404
    limited = client.get(f"{URL}/{code}", REMOTE_ADDR="198.51.100.1")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert errors(limited) == {"": "rate_limited"}
    # Another client is counted separately.
    assert client.get(f"{URL}/{code}", REMOTE_ADDR="198.51.100.2").status_code == 404


def test_jpeg_bytes_helper_is_a_real_jpeg() -> None:
    assert jpeg_bytes()[:2] == b"\xff\xd8"
