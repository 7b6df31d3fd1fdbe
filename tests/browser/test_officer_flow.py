"""The officer's side in a real browser: triage, route, assign, advance, watch a deadline pass,
ask the reporter; the citizen tracks the report and answers with only the tracking code."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

# The officer logs in through the real TOTP step, not the shortcut other tests use.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("enforce_two_factor")]

WIB = ZoneInfo("Asia/Jakarta")
# A Tuesday morning; the report is filed the day the money was handed out.
START = datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
PASSWORD = "sandi-uji-Posko-2026"
DESCRIPTION = (
    "Tim sukses membagikan amplop berisi uang Rp100.000 kepada warga di gang dekat TPS 014."
)
QUESTION = "Pukul berapa amplop dibagikan, dan ada berapa orang yang membagikan?"
ANSWER = "Sekitar pukul 21.00, dua orang naik motor."
# username -> TOTP key of the officer's authenticator, filled before the browser starts.
TOTP_KEYS: dict[str, bytes] = {}


@pytest.fixture
def walk_officers(transactional_db: None) -> dict[str, str]:
    """A koordinator and a petugas, created before the browser starts (no ORM calls after)."""
    from posko.accounts.roles import Role
    from posko.accounts.services import create_officer
    from posko.accounts.two_factor import pending_device

    for username, role in (("koordinator.uji", Role.KOORDINATOR), ("petugas.uji", Role.PETUGAS)):
        user = create_officer(username, PASSWORD, role, actor="test")
        # Officers have enrolled an authenticator; the test plays the phone app.
        device = pending_device(user)
        device.confirmed = True
        device.save()
        TOTP_KEYS[username] = device.bin_key
    return {"koordinator": "koordinator.uji", "petugas": "petugas.uji"}


@pytest.fixture
def clock(walk_officers: dict[str, str]) -> Iterator[Any]:
    """Time in this process (and so in the live server's thread) starts at START and ticks."""
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller


@pytest.fixture
def laptop(browser: Any, live_server: Any, clock: Any) -> Iterator[Any]:
    """The officer's laptop browser (Indonesian locale)."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_errors = []
    page.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text),
    )
    yield page
    context.close()


def citizen_reports(phone: Any) -> str:
    """File an anonymous report through /lapor; returns the tracking code."""
    phone.goto("/lapor")
    phone.locator("#id_category").select_option("politik_uang")
    phone.locator("#id_description").fill(DESCRIPTION)
    phone.locator("#id_occurred_date").fill("2026-11-30")
    phone.locator("#id_discovered_date").fill("2026-11-30")
    phone.locator("#id_region").fill("31.72.02.1001")
    phone.locator("#id_place_detail").fill("Gang dekat TPS 014, RW 05")
    phone.locator("#id_terlapor").fill("Dua orang tim sukses, identitas belum diketahui")
    phone.locator("button[value=check]").click()
    phone.locator("button[value=submit]").click()
    code = phone.locator("#tracking-code").get_attribute("data-code")
    assert code
    # Acknowledged into the intake queue; `posko worker` files it as a case within a second.
    assert run_worker_round() == 1
    return str(code)


def run_worker_round() -> int:
    """What the worker does: file waiting reports (in a thread: Playwright owns this one's loop)."""
    from django.db import connection

    from posko.reports.intake import file_waiting

    def work() -> int:
        try:
            return file_waiting()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result(timeout=60)


def officer_logs_in(page: Any, username: str) -> None:
    """Sign in through the login page and the TOTP step; lands on the queue."""
    from django_otp.oath import TOTP

    page.goto("/petugas/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dua langkah")
    page.get_by_label("Kode autentikator").fill(str(TOTP(TOTP_KEYS[username]).token()).zfill(6))
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrean kasus")


def test_officer_triages_routes_advances_and_talks_to_the_reporter(
    walk_officers: dict[str, str], clock: Any, phone: Any, laptop: Any
) -> None:
    code = citizen_reports(phone)

    # Triage: the new report is in the queue; search finds it by its code.
    officer_logs_in(laptop, walk_officers["koordinator"])
    row = laptop.locator("tr.case-row", has_text=code)
    expect(row).to_contain_text("Diterima")
    expect(row).to_contain_text("Belum ditugaskan")
    expect(row).to_contain_text("perlu konfirmasi")
    laptop.get_by_text("Saring dan cari").click()
    laptop.get_by_label("Cari").fill(code)
    laptop.get_by_role("button", name="Terapkan").click()
    expect(laptop.locator("tr.case-row")).to_have_count(1)
    laptop.locator("tr.case-row a").first.click()
    expect(laptop.locator(".description")).to_contain_text("amplop berisi uang")
    expect(laptop.locator("#deadline")).to_contain_text("Perpu 1/2014 Pasal 134")
    expect(laptop.locator("#deadline")).to_contain_text("Dalam tenggat")

    # Route, assign and move to study; each step shows on the page and in the timeline.
    laptop.get_by_label("Rute penanganan").select_option("gakkumdu")
    laptop.get_by_label("Alasan rute").fill("Indikasi politik uang: tindak pidana pemilihan")
    laptop.get_by_role("button", name="Simpan rute").click()
    expect(laptop.locator("#case-route")).to_have_text("Bawaslu / Sentra Gakkumdu")
    laptop.get_by_label("Tugaskan ke").select_option(label=walk_officers["petugas"])
    laptop.get_by_role("button", name="Simpan penugasan").click()
    expect(laptop.locator("#case-assignee")).to_have_text(walk_officers["petugas"])
    laptop.get_by_role("button", name="Pindah ke: Kajian").click()
    expect(laptop.locator("#case-stage")).to_have_text("Kajian")
    timeline = laptop.locator(".timeline")
    expect(timeline).to_contain_text("Indikasi politik uang")
    expect(timeline).to_contain_text("Diterima → Kajian")
    expect(timeline).to_contain_text(walk_officers["koordinator"])
    detail_url = laptop.url

    # Five days later nobody has acted: the study deadline (3 days) has passed.
    clock.shift(timedelta(days=5))
    # Sessions last one shift (POSKO_SESSION_HOURS): the officer signs in again, with 2FA.
    officer_logs_in(laptop, walk_officers["koordinator"])
    laptop.goto(detail_url)
    expect(laptop.locator("#deadline")).to_contain_text("Lewat tenggat")
    laptop.goto("/petugas/?deadline=overdue")
    expect(laptop.locator("tr.case-row.state-overdue", has_text=code)).to_contain_text(
        "Lewat tenggat"
    )

    # The officer asks the reporter for more information.
    laptop.goto(detail_url)
    laptop.get_by_label("Pesan untuk pelapor").fill(QUESTION)
    laptop.get_by_label("Ini pertanyaan").check()
    laptop.get_by_role("button", name="Kirim pesan").click()
    expect(laptop.locator(".thread")).to_contain_text(QUESTION)

    # The citizen, with only the code, sees the new status and the question, and answers.
    phone.goto("/lacak")
    phone.locator("#id_code").fill(code)
    phone.get_by_role("button", name="Lihat status").click()
    expect(phone.locator(".status-label")).to_have_text("Sedang dikaji")
    expect(phone.get_by_text(QUESTION)).to_be_visible()
    phone.get_by_label("Pesan atau jawaban Anda").fill(ANSWER)
    phone.locator("button[value=reply]").click()
    expect(phone.get_by_text(ANSWER)).to_be_visible()

    # The officer sees the answer on the case.
    laptop.reload()
    expect(laptop.locator(".thread .from-reporter")).to_contain_text(ANSWER)
    assert laptop.csp_errors == [] and phone.csp_errors == []


def test_queue_and_case_fit_a_phone(
    walk_officers: dict[str, str], clock: Any, phone: Any, fits_the_phone: Any
) -> None:
    code = citizen_reports(phone)
    phone.context.clear_cookies()
    officer_logs_in(phone, walk_officers["koordinator"])
    row = phone.locator("tr.case-row", has_text=code)
    expect(row).to_be_visible()
    assert fits_the_phone(phone)
    row.locator("a").first.click()
    expect(phone.locator("#case-stage")).to_have_text("Diterima")
    assert fits_the_phone(phone)
    # the map's wide ranked table scrolls inside itself, not the page
    phone.goto("/peta/")
    expect(phone.locator("table.ranked")).to_be_visible()
    assert fits_the_phone(phone)
    assert phone.csp_errors == []
