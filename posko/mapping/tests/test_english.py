"""The map pages in English (chosen with the language switch): page text, band names, the SVG
legend, and the indicator, category and alert texts that come from data files or the index."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.urls("posko.mapping.tests.urls")
ON = "2024-11-20"


def english(client: Client) -> Client:
    """The client as a visitor who chose English with the language switch (its cookie)."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# Indonesian band names and index texts that must not leak into the English pages.
BANDS_ID = (">Tinggi<", ">Sedang<", ">Rendah<", "(Rendah)", "(Sedang)", "(Tinggi)")


@pytest.fixture
def officer_client(make_officer: Any) -> Client:
    client = Client()
    client.force_login(make_officer("petugas"))
    return client


def _alert(day: date) -> None:
    from posko.mapping.models import SpikeAlert

    SpikeAlert.objects.create(
        region_code="91.01",
        category="politik_uang",
        day=day,
        observed=12,
        expected=1.5,
        baseline_days=28,
        threshold=6,
        p_value=1e-6,
    )


def _assert_no_indonesian_bands(body: str) -> None:
    leaked = [text for text in BANDS_ID if text in body]
    assert not leaked, leaked


def test_officer_map_in_english(small_world: dict[str, Any], officer_client: Client) -> None:
    _alert(date(2024, 11, 20))
    body = english(officer_client).get("/peta/", {"date": ON, "region": "91"}).content.decode()
    assert '<html lang="en">' in body
    assert "Vulnerability map" in body and "Hotspots (ranked)" in body
    # The legend and the band column come from index_method.yaml's labels.
    assert 'aria-label="Colour key"' in body
    assert "</span>High</li>" in body and "</span>Medium</li>" in body and "</span>Low</li>" in body
    assert "<td>Medium</td>" in body  # Kabupaten Uji Satu, 40.6
    assert "91.01 · Money politics</strong>" in body  # the alert's category label
    assert "12 reports on 20-11-2024" in body and "spike threshold" in body
    _assert_no_indonesian_bands(body)
    assert "Peta kerawanan" not in body and "Politik uang" not in body
    assert "laporan pada" not in body and "batas lonjakan" not in body
    # The national map: each province's tooltip names its band.
    body = english(officer_client).get("/peta/", {"date": ON}).content.decode()
    assert "Papua: 25.6 (Low)</title>" in body and 'aria-label="Vulnerability map"' in body
    _assert_no_indonesian_bands(body)


def test_officer_map_stays_indonesian_by_default(
    small_world: dict[str, Any], officer_client: Client
) -> None:
    body = officer_client.get("/peta/", {"date": ON, "region": "91"}).content.decode()
    assert "</span>Tinggi</li>" in body and "<td>Sedang</td>" in body
    assert ">High<" not in body and "Medium" not in body
    body = officer_client.get("/peta/", {"date": ON}).content.decode()
    assert "Papua: 25.6 (Rendah)</title>" in body


def test_region_detail_in_english(small_world: dict[str, Any], officer_client: Client) -> None:
    body = english(officer_client).get("/peta/wilayah/91.01/", {"date": ON}).content.decode()
    assert "<th>Contributor</th>" in body
    assert "— Medium" in body and "(IKP 2022: Medium)" in body
    # Contributors: category and indicator labels from the data files, details from the index.
    assert "<td>Money politics</td>" in body and "3 reports, weight 2.00" in body
    assert "1 report, weight 0.30" in body and "reports received by the Posko" in body
    assert "SP1 Intimidation or threats against election bodies" in body
    assert "Socio-political context; occurred 01-09-2024 [V]" in body
    assert 'aria-label="Reports per day"' in body
    for indonesian in ("Politik uang", "terjadi", "laporan masuk Posko", "bobot", "Konteks sosial"):
        assert indonesian not in body, indonesian
    _assert_no_indonesian_bands(body)


def test_public_map_in_english(small_world: dict[str, Any]) -> None:
    body = english(Client()).get("/peta/publik/", {"date": ON}).content.decode()
    assert "Election vulnerability map (aggregated)" in body
    assert "</span>High</li>" in body and "</span>Low</li>" in body
    assert "<td>Low</td>" in body and "(Low)</title>" in body  # Provinsi Uji, 25.6
    _assert_no_indonesian_bands(body)
    assert "Peta kerawanan" not in body and "disamarkan" not in body


def test_alert_list_in_english(small_world: dict[str, Any], officer_client: Client) -> None:
    _alert(timezone.localdate())
    body = english(officer_client).get("/peta/peringatan/").content.decode()
    assert "Early warning: report spikes" in body
    assert "<td>Money politics</td>" in body
    assert "against an average of 1.50 per day over the previous 28 days" in body
    assert "Politik uang" not in body and "sedangkan rata-rata" not in body


def test_indicator_form_lists_indicators_in_english(
    small_world: dict[str, Any], officer_client: Client
) -> None:
    body = english(officer_client).get("/peta/indikator/baru/").content.decode()
    assert "Socio-political context" in body and "Money politics" in body
    assert "Konteks sosial politik" not in body and "Politik uang" not in body
