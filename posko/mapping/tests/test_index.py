"""The composite index on a small fixture, worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from posko.mapping.index import explain_region, region_scores

# Kab 91.01 (200,000 people), window 24 Oct - 20 Nov 2024:
#   politik_uang: 2 received (0.5 x 1.0 each) + 1 gakkumdu (1.0 x 1.0) = 2.0
#   hoaks: 1 study (0.5 x 0.6) = 0.3                       -> W = 2.3
#   x = 2.3 / 200,000 x 100,000 = 1.15 -> R = 100 x 1.15 / (1.15 + 0.5) = 69.69697
# Indicators (recorded in kecamatan 91.01.01, rolled up): SP1, SP2 of 6; KA1 of 8
#   I = 100 x (2/6 + 0 + 1/8 + 0) / 4 = 11.458333
# score = 0.5 x 11.458333 + 0.5 x 69.69697 = 40.577652 -> 40.58, sedang
KAB_SCORE = 40.58


def test_kabkota_score_by_hand(small_world: dict[str, Any]) -> None:
    scores = {s.code: s for s in region_scores("kabkota", parent="91", on=small_world["on"])}
    kab = scores["91.01"]
    assert kab.reports == 4
    assert kab.verified == 1
    assert kab.weighted_reports == pytest.approx(2.3)
    assert kab.report_score == pytest.approx(69.69697, abs=1e-4)
    assert kab.indicator_score == pytest.approx(11.458333, abs=1e-4)
    assert kab.score == KAB_SCORE
    assert kab.band == "sedang"
    assert kab.legacy_band == "sedang"  # IKP 2022 kab/kota: 13.47 <= s < 49.33
    assert kab.indicators == 3
    assert kab.by_dimension == {
        "sosial_politik": 2,
        "pencalonan": 0,
        "kampanye": 1,
        "pungut_hitung": 0,
    }
    # Kab 91.02: no population, so x = W = 1.0 (final, intimidasi 1.0); half 3.0 -> R = 25;
    # the PH1 occurrence is older than 365 days -> I = 0; score 12.5.
    other = scores["91.02"]
    assert other.report_score == pytest.approx(25.0)
    assert other.indicators == 0
    assert other.score == 12.5
    assert other.band == "rendah"
    assert [s.code for s in scores.values()] == ["91.01", "91.02"]  # ranked


def test_contributors_add_up_and_explain(small_world: dict[str, Any]) -> None:
    kab = explain_region("91.01", on=small_world["on"])
    assert kab.score == KAB_SCORE
    assert sum(c.points for c in kab.contributors) == pytest.approx(40.577652, abs=1e-4)
    top = kab.contributors[0]
    # politik_uang carries 2.0 / 2.3 of the report half: 0.5 x 69.69697 x 2.0/2.3 = 30.3030
    assert (top.kind, top.key) == ("reports", "politik_uang")
    assert top.points == pytest.approx(30.30303, abs=1e-4)
    indicator_points = {c.key: c.points for c in kab.contributors if c.kind == "indicator"}
    # Each indicator: 0.5 x 100 / 4 dimensions / indicators in its dimension.
    assert indicator_points == pytest.approx({"SP1": 50 / 24, "SP2": 50 / 24, "KA1": 50 / 32})


def test_province_and_kecamatan_by_hand(small_world: dict[str, Any]) -> None:
    on = small_world["on"]
    (prov,) = region_scores("provinsi", on=on)
    # W = 2.3 + 1.0 = 3.3 over 1,000,000 -> x = 0.33 -> R = 100 x 0.33 / 0.83 = 39.759036
    assert prov.report_score == pytest.approx(39.759036, abs=1e-4)
    assert prov.score == 25.61  # 0.5 x (11.458333 + 39.759036)
    assert prov.band == "rendah"
    assert prov.legacy_band == "sedang"  # IKP 2022 province: 21.7 <= s < 68.5
    kec = {s.code: s for s in region_scores("kecamatan", parent="91.01", on=on)}
    # 91.01.01: W = 2.0, no population -> R = 100 x 2 / (2 + 3) = 40; I = 11.458333
    assert kec["91.01.01"].score == 25.73
    # 91.01.02: W = 0.3 -> R = 100 x 0.3 / 3.3 = 9.0909; no indicators -> 4.55
    assert kec["91.01.02"].score == 4.55


def test_filters_category_stage_and_dates(small_world: dict[str, Any]) -> None:
    on = small_world["on"]
    (kab,) = region_scores("kabkota", on=on, only="91.01", category="hoaks")
    assert kab.reports == 1 and kab.weighted_reports == pytest.approx(0.3)
    (kab,) = region_scores("kabkota", on=on, only="91.01", stage="gakkumdu")
    assert kab.reports == 1 and kab.weighted_reports == pytest.approx(1.0)
    from datetime import date

    (kab,) = region_scores("kabkota", on=on, only="91.01", date_from=date(2024, 11, 15))
    assert kab.reports == 2  # 19 Nov politik_uang, 20 Nov hoaks


def test_a_wide_window_scans_the_covering_index_on_sqlite(small_world: dict[str, Any]) -> None:
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def daily_count_sql(**filters: Any) -> str:
        with CaptureQueriesContext(connection) as captured:
            scores = region_scores("kabkota", parent="91", on=small_world["on"], **filters)
        assert scores  # the scores themselves are checked by hand above, on either plan
        return next(q["sql"] for q in captured if "SUM(" in q["sql"] and "dailycount" in q["sql"])

    wide = daily_count_sql()  # the 28-day window holds nearly all 30 days of reports
    narrow = daily_count_sql(date_from=date(2024, 11, 19))  # 2 of 30 days
    sqlite = connection.vendor == "sqlite"
    assert ("INDEXED BY" in wide) is sqlite
    assert "INDEXED BY" not in narrow


def test_an_empty_or_distant_daily_count_table_keeps_the_default_plan(db: None) -> None:
    from datetime import date

    from posko.mapping.index import _wide_window

    assert not _wide_window(date(2024, 10, 31), date(2024, 11, 27))  # no rows yet
    assert region_scores("provinsi", on=date(2024, 11, 27)) == []  # and the map still works
