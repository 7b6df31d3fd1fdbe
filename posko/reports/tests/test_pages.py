"""/lapor and /lacak through Django's test client, the way a phone without JavaScript posts."""

from __future__ import annotations

import html as html_lib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from posko.cases.models import Case
from posko.reports.models import Message, ReceivedReport, Report
from posko.reports.services import post_message

from .factories import photo, stored_files

pytestmark = pytest.mark.django_db

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 10; K) Mobile Safari/537.36"}
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def step1_data(**overrides: str) -> dict[str, str]:
    """What a citizen fills in on step 1."""
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {
        "category": "politik_uang",
        "description": "Relawan membagikan amplop di depan masjid.",
        "occurred_date": yesterday,
        "occurred_time": "19:30",
        "discovered_date": yesterday,
        "region": "31.71.01.1001",
        "place_detail": "Depan Masjid Al-Ikhlas",
        "terlapor": "Relawan paslon 2",
        "saksi-TOTAL_FORMS": "3",
        "saksi-INITIAL_FORMS": "0",
        "saksi-MIN_NUM_FORMS": "0",
        "saksi-MAX_NUM_FORMS": "20",
        "saksi-0-name": "Siti",
        "saksi-0-contact": "0812",
        "action": "check",
    }
    data.update(overrides)
    return data


def carried(response: Any) -> dict[str, str]:
    """The hidden fields step 2 sends back."""
    pairs = HIDDEN.findall(response.content.decode())
    return {
        name: html_lib.unescape(value) for name, value in pairs if name != "csrfmiddlewaretoken"
    }


def test_form_page_is_mobile_ready_and_needs_no_script(client: Client) -> None:
    response = client.get("/lapor", headers=PHONE)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="viewport"' in page
    assert "<script" not in page and "style=" not in page
    for name in ("category", "description", "discovered_date", "region", "terlapor", "post_text"):
        assert f'name="{name}"' in page
    assert page.count('name="saksi-') >= 6  # three blank witness rows
    assert 'type="date"' in page and 'type="time"' in page
    assert "Alamat IP Anda tidak disimpan" in page


def test_full_phone_flow_check_then_submit_then_track(client: Client, evidence_dir: Path) -> None:
    check = client.post("/lapor", step1_data(), headers=PHONE)
    assert check.status_code == 200
    page = check.content.decode()
    assert "Informasi awal (laporan tanpa nama)" in page
    assert "Paling sedikit 2 orang saksi" in page and "Sukarasa" not in page
    assert not Report.objects.exists() and not ReceivedReport.objects.exists()  # not before "Kirim"
    data = carried(check)
    assert data["region_choice"] == "31.71.01.1001" and data["saksi-0-name"] == "Siti"
    done = client.post("/lapor", {**data, "action": "submit", "files": [photo()]}, headers=PHONE)
    assert done.status_code == 200
    code = ReceivedReport.objects.get().tracking_code  # acknowledged; not yet filed as a case
    page = done.content.decode()
    for group in code.split("-"):
        assert f'<span class="group">{group}</span>' in page
    assert "Tulis atau foto kode ini sekarang" in page

    # Track with the code as read aloud (this files the report at once), reply, add evidence.
    typed = code.replace("-", " ").lower()
    status = client.post("/lacak", {"code": typed, "action": "find"}, headers=PHONE)
    page = status.content.decode()
    assert "Laporan diterima, menunggu telaah petugas" in page
    report = Report.objects.get()
    assert not ReceivedReport.objects.exists()
    assert report.evidence.count() == 1 and len(stored_files(evidence_dir)) == 1
    assert report.is_anonymous and report.region_code == "31.71.01.1001"
    assert report.occurred_at and timezone.localtime(report.occurred_at).hour == 19
    case = Case.objects.get(pk=report.case_id)
    for hidden in ("Relawan paslon 2", "Siti", str(case.route), "informasi_awal"):
        assert hidden not in page
    reply = client.post(
        "/lacak", {"code": report.tracking_code, "action": "reply", "body": "Ada video juga."}
    )
    assert "Pesan Anda terkirim" in reply.content.decode()
    assert Message.objects.get().body == "Ada video juga."
    added = client.post(
        "/lacak", {"code": report.tracking_code, "action": "evidence", "files": [photo("2.jpg")]}
    )
    assert "1 berkas bukti ditambahkan" in added.content.decode()
    assert report.evidence.count() == 2


def test_missing_fields_are_shown_next_to_the_fields(client: Client) -> None:
    response = client.post("/lapor", step1_data(description="", discovered_date=""))
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Ceritakan apa yang terjadi." in page
    assert "Isi tanggal Anda mengetahui kejadian." in page
    assert 'aria-invalid="true"' in page


def test_ambiguous_region_offers_choices_on_the_next_submit(client: Client) -> None:
    response = client.post("/lapor", step1_data(region="Gambir"))
    page = response.content.decode()
    assert "Pilih salah satu di bawah ini" in page
    assert 'value="31.71.01.1001"' in page and 'value="31.71.01"' in page
    assert "Kota Administrasi Jakarta Pusat" in page
    chosen = client.post("/lapor", step1_data(region="Gambir", region_choice="31.71.01.1001"))
    assert carried(chosen)["region_choice"] == "31.71.01.1001"


def test_add_witness_adds_a_row_without_errors(client: Client) -> None:
    response = client.post("/lapor", step1_data(action="add_witness", description=""))
    page = response.content.decode()
    assert 'name="saksi-3-name"' in page
    assert 'value="Siti"' in page
    assert 'role="alert"' not in page


def test_late_discovery_warns_on_the_check_step(client: Client) -> None:
    old = (timezone.localdate() - timedelta(days=12)).isoformat()
    response = client.post("/lapor", step1_data(occurred_date=old, discovered_date=old))
    page = response.content.decode()
    assert "lebih dari batas 7 hari" in page and "Perpu 1/2014 Pasal 134" in page


def test_fake_photo_is_refused_on_the_evidence_step(client: Client, evidence_dir: Path) -> None:
    data = carried(client.post("/lapor", step1_data()))
    fake = SimpleUploadedFile("foto.jpg", b"bukan foto", content_type="image/jpeg")
    response = client.post("/lapor", {**data, "action": "submit", "files": [fake]})
    assert "Berkas foto.jpg bukan foto yang valid." in response.content.decode()
    assert Report.objects.count() == 0 and stored_files(evidence_dir) == []
    assert not ReceivedReport.objects.exists()


def test_track_page_messages_and_errors(client: Client, make_submission: Any) -> None:
    from posko.reports.services import submit_report

    report = submit_report(make_submission())
    post_message(report, "Mohon kirim foto amplopnya.", from_reporter=False, actor=_coordinator())
    page = client.post("/lacak", {"code": report.tracking_code}).content.decode()
    assert "Mohon kirim foto amplopnya." in page and "Petugas Posko" in page
    assert "koordinator" not in page
    bad = client.post("/lacak", {"code": "ABCD"}).content.decode()
    assert "Kode tidak valid" in bad
    from posko.reports.tracking import generate_code

    missing = client.post("/lacak", {"code": generate_code()}).content.decode()
    assert "Kode tidak ditemukan" in missing


def test_csrf_is_required(make_submission: Any) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/lacak", {"code": "x"}).status_code == 403
    assert strict.post("/lapor", step1_data()).status_code == 403


def _coordinator() -> Any:
    from django.contrib.auth import get_user_model

    from posko.accounts.models import OfficerProfile

    user = get_user_model().objects.create_user("koordinator", password="x")
    OfficerProfile.objects.create(user=user, role="koordinator")
    return get_user_model().objects.get(pk=user.pk)
