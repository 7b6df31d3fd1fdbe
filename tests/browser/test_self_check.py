"""The ASN self-check page in a real browser at phone size, with and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PARTISAN = "Ayo dukung paslon nomor 3, coblos Pramono-Rano! #JakartaMenyala"
CIVIC = "Ayo datang ke TPS 27 November, gunakan hak pilihmu, tolak politik uang! #PilkadaDamai"
SOCIAL_MEDIA_RULE = "SKB 2/2022 Lampiran II tabel A angka 4"


def check(page: Any, text: str, action: str) -> None:
    """Fill the form like a person would and submit it."""
    page.goto("/cek-netralitas")
    page.get_by_label("Teks unggahan atau tautannya").fill(text)
    page.get_by_label(action).check()
    page.get_by_role("button", name="Periksa").click()


def test_sharing_a_partisan_post_is_a_violation(phone: Any, fits_the_phone: Any) -> None:
    check(phone, PARTISAN, "Bagikan")
    verdict = phone.locator(".verdict")
    expect(verdict.get_by_role("heading", level=2)).to_contain_text("Jangan lakukan")
    expect(verdict).to_contain_text(SOCIAL_MEDIA_RULE)
    expect(verdict).to_contain_text("hukuman disiplin berat", ignore_case=True)
    expect(phone.get_by_label("Teks unggahan atau tautannya")).to_have_value(PARTISAN)
    assert fits_the_phone(phone)
    assert phone.csp_errors == []


def test_liking_a_civic_post_is_allowed(phone: Any, fits_the_phone: Any) -> None:
    check(phone, CIVIC, "Suka")
    expect(phone.locator(".verdict h2")).to_have_text("Boleh: konten netral/sipil")
    assert fits_the_phone(phone)


def test_empty_submission_shows_the_error_next_to_the_field(phone: Any) -> None:
    phone.goto("/cek-netralitas")
    phone.get_by_role("button", name="Periksa").click()
    expect(phone.locator("#id_text_error")).to_contain_text("Tempel dulu teks unggahan")
    expect(phone.get_by_role("alert")).to_be_visible()
    expect(phone.get_by_label("Teks unggahan atau tautannya")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(phone.locator(".verdict")).to_have_count(0)


def test_language_switcher_shows_english_labels(phone: Any) -> None:
    phone.goto("/cek-netralitas")
    phone.get_by_label("Bahasa").select_option("en")
    phone.get_by_role("button", name="Ganti").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check ASN neutrality")
    expect(phone.get_by_label("Text of the post, or its link")).to_be_visible()
    expect(phone.get_by_text("What do you want to do?")).to_be_visible()
    phone.get_by_label("Text of the post, or its link").fill(CIVIC)
    phone.get_by_label("Like").check()
    phone.get_by_role("button", name="Check", exact=True).click()
    expect(phone.locator(".verdict h2")).to_have_text("Allowed: neutral/civic content")


def test_the_page_works_without_javascript(phone_without_js: Any) -> None:
    check(phone_without_js, PARTISAN, "Bagikan")
    verdict = phone_without_js.locator(".verdict")
    expect(verdict.get_by_role("heading", level=2)).to_contain_text("Jangan lakukan")
    expect(verdict).to_contain_text(SOCIAL_MEDIA_RULE)
    phone_without_js.get_by_label("Teks unggahan atau tautannya").fill("")
    phone_without_js.get_by_role("button", name="Periksa").click()
    expect(phone_without_js.locator("#id_text_error")).to_be_visible()
