"""Map pages and API: permissions, no points or small counts in public, query-count guards."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.urls("posko.mapping.tests.urls")
ON = "2024-11-20"


@pytest.fixture
def officer_client(make_officer: Any) -> Client:
    client = Client()
    client.force_login(make_officer("petugas"))
    return client


def _with_points(small_world: dict[str, Any]) -> None:
    from posko.reports.models import Report

    Report.objects.update(latitude="-8.500000", longitude="121.000000")


def test_officer_map_requires_login(small_world: dict[str, Any]) -> None:
    response = Client().get("/peta/")
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_officer_map_shows_scores_points_and_stays_within_query_budget(
    small_world: dict[str, Any], officer_client: Client
) -> None:
    _with_points(small_world)
    with CaptureQueriesContext(connection) as ctx:
        response = officer_client.get("/peta/", {"date": ON})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Provinsi Uji" in body and "25,6" in body  # the hand-computed province score
    assert "<circle" in body  # officers see clustered points
    # 11: on SQLite, the daily-count table's first and last day (two index look-ups, one query)
    assert len(ctx.captured_queries) <= 11, [q["sql"] for q in ctx.captured_queries]
    # Drill down: province -> kab/kota; the query count does not grow with the regions.
    with CaptureQueriesContext(connection) as ctx:
        response = officer_client.get("/peta/", {"date": ON, "region": "91"})
    assert "Kabupaten Uji Satu" in response.content.decode()
    assert "40,6" in response.content.decode()
    assert len(ctx.captured_queries) <= 11
    response = officer_client.get("/peta/", {"date": ON, "region": "91.01"})
    assert "Kecamatan Satu" in response.content.decode()  # kecamatan ranked table


def test_region_detail_explains(small_world: dict[str, Any], officer_client: Client) -> None:
    with CaptureQueriesContext(connection) as ctx:
        response = officer_client.get("/peta/wilayah/91.01/", {"date": ON})
    body = response.content.decode()
    assert response.status_code == 200
    assert "40,58" in body and "Politik uang" in body and "SP1" in body
    assert "30,30" in body  # politik_uang's points
    assert len(ctx.captured_queries) <= 10
    assert officer_client.get("/peta/wilayah/99.99/").status_code == 404


def test_public_map_has_no_points_and_suppresses_small_counts(
    small_world: dict[str, Any],
) -> None:
    _with_points(small_world)
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/peta/publik/", {"date": ON, "region": "91"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<circle" not in body
    assert "UJI0" not in body  # no tracking codes
    assert "-8.5" not in body and "121.0" not in body
    # 91.01 has 4 reports (shown), 91.02 has 1 (suppressed).
    assert ">4<" in body
    assert "&lt; 3" in body and ">1<" not in body
    assert len(ctx.captured_queries) <= 8
    # The public cannot drill into kecamatan: the region is cut to the province.
    response = client.get("/peta/publik/", {"region": "91.01"})
    assert "Kecamatan Satu" not in response.content.decode()


def test_indicator_form_records_and_validates(
    small_world: dict[str, Any], officer_client: Client
) -> None:
    from posko.mapping.models import IndicatorOccurrence

    before = IndicatorOccurrence.objects.count()
    response = officer_client.post(
        "/peta/indikator/baru/",
        {"region_code": "91.02", "indicator": "PH2", "date": "2024-11-01", "source": "Panwas"},
    )
    assert response.status_code == 302
    assert IndicatorOccurrence.objects.count() == before + 1
    response = officer_client.post(
        "/peta/indikator/baru/",
        {"region_code": "99.99", "indicator": "PH2", "date": "2024-11-01", "source": "Panwas"},
    )
    assert response.status_code == 200 and "unknown region" in response.content.decode()


def test_api_vulnerability_scores_and_auth(
    small_world: dict[str, Any], officer_client: Client
) -> None:
    assert Client().get("/api/v1/vulnerability").status_code == 401
    response = officer_client.get(
        "/api/v1/vulnerability", {"level": "kabkota", "parent": "91", "date": ON}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["level"] == "kabkota" and data["thresholds_status"] == "U"
    first = data["results"][0]
    assert (first["code"], first["score"], first["band"]) == ("91.01", 40.58, "sedang")
    assert first["contributors"][0]["key"] == "politik_uang"
    assert len(first["contributors"]) <= 5
    bad = officer_client.get("/api/v1/vulnerability", {"level": "desa"})
    assert bad.status_code == 422


def test_api_geojson_and_token_auth(small_world: dict[str, Any], make_officer: Any) -> None:
    from posko.accounts.services import issue_token

    officer = make_officer("pimpinan")
    token = issue_token(officer, actor="test", name="uji")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.get("/api/v1/vulnerability.geojson", {"level": "provinsi", "date": ON})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    # Only regions with shipped polygons appear; the fixture's province 91 is real (Papua).
    feats = response.json()["features"]
    assert [f["properties"]["kode"] for f in feats] == ["91"]
    assert feats[0]["properties"]["score"] == 25.61
    assert feats[0]["geometry"]["type"] == "MultiPolygon"
    assert client.get("/api/v1/vulnerability.geojson", {"level": "kecamatan"}).status_code == 422


def test_api_alerts(officer_client: Client, db: None) -> None:
    from datetime import date

    from posko.mapping.alerts import detect_spikes
    from posko.mapping.models import DailyCount

    DailyCount.objects.create(
        region_code="35.07", category="politik_uang", day=date(2024, 11, 20), reports=12
    )
    detect_spikes(on=date(2024, 11, 20))
    response = officer_client.get("/api/v1/alerts", {"day": ON})
    assert response.status_code == 200
    (alert,) = response.json()
    assert alert["observed"] == 12 and alert["threshold"] == 5 and alert["expected"] == 0.0
    assert "12 laporan" in alert["explanation"]
    assert Client().get("/api/v1/alerts").status_code == 401
