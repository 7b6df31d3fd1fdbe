"""A citizen reports anonymously with a photo from a phone, then tracks it with the code."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from posko.reports.tests.factories import jpeg_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def photo_file(tmp_path: Path, settings: Any) -> Path:
    """A phone photo with GPS in its EXIF; evidence goes to a private test folder."""
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    path = tmp_path / "IMG_20241127_0815.jpg"
    path.write_bytes(jpeg_bytes(gps=True, size=(800, 600)))
    return path


def test_anonymous_report_with_photo_then_track(
    phone: Any, photo_file: Path, fits_the_phone: Any
) -> None:
    report_and_track(phone, photo_file, fits_the_phone)


def test_the_same_without_javascript(
    phone_without_js: Any, photo_file: Path, fits_the_phone: Any
) -> None:
    report_and_track(phone_without_js, photo_file, fits_the_phone)


def report_and_track(page: Any, photo_file: Path, fits_the_phone: Any) -> None:
    """Report on /lapor like a citizen would, then follow it on /lacak with the code."""
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    page.goto("/lapor")
    page.get_by_label("Jenis pelanggaran").select_option("politik_uang")
    page.get_by_label("Apa yang terjadi?").fill("Relawan membagikan amplop berisi uang.")
    page.get_by_label("Tanggal Anda mengetahuinya").fill(yesterday)
    page.get_by_label("Daerah (desa/kelurahan, kecamatan, atau kabupaten/kota)").fill("Gambir")
    page.get_by_role("button", name="Lanjut: periksa kelengkapan").click()

    # "Gambir" is a kecamatan and a kelurahan: the page asks which one.
    expect(page.locator("#id_region_error")).to_contain_text("Pilih salah satu di bawah ini")
    page.get_by_label("Gambir (Desa/Kelurahan)", exact=False).check()
    page.get_by_role("button", name="Lanjut: periksa kelengkapan").click()

    expect(page.get_by_role("heading", name="Informasi awal (laporan tanpa nama)")).to_be_visible()
    expect(page.locator(".checklist")).to_contain_text("Paling sedikit 2 orang saksi")
    assert fits_the_phone(page)
    page.get_by_label(
        "Foto, video, rekaman suara, atau PDF (boleh lebih dari satu)"
    ).set_input_files(str(photo_file))
    expect(page.get_by_label("Simpan lokasi (GPS) dari foto", exact=False)).not_to_be_checked()
    page.get_by_role("button", name="Kirim laporan").click()

    code_box = page.locator("#tracking-code")
    expect(code_box).to_be_visible()
    code = code_box.get_attribute("data-code")
    assert code and len(code) == 19
    expect(page.get_by_text("Tulis atau foto kode ini sekarang.")).to_be_visible()
    assert fits_the_phone(page)

    page.goto("/lacak")
    page.get_by_label("Kode laporan").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator(".status-label")).to_have_text("Laporan diterima, menunggu telaah petugas")
    expect(page.locator(".status-box")).to_contain_text("bukti: 1")
    page.get_by_label("Pesan atau jawaban Anda").fill("Saya juga punya rekaman suara.")
    page.get_by_role("button", name="Kirim pesan").click()
    expect(page.get_by_role("status")).to_have_text("Pesan Anda terkirim.")
    expect(page.locator(".messages")).to_contain_text("Saya juga punya rekaman suara.")
    assert fits_the_phone(page)
    assert page.csp_errors == []
