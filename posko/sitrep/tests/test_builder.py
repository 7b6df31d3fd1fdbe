"""build_sitrep on the planted world: every figure checked against the fixture by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from posko.sitrep.builder import SitrepError, build_sitrep, canonical_code
from posko.sitrep.tests.conftest import DAY, World


def by_key(rows):
    return {r.key: r for r in rows}


def test_province_totals_categories_and_subregions(world: World) -> None:
    r = build_sitrep("32", DAY)
    assert (r.scope.name, r.scope.level, r.scope.sub_level) == ("Jawa Barat", "provinsi", "kabkota")
    assert r.window_start == DAY - timedelta(days=6)
    # 4 politik uang + 4 netralitas ASN today; 2 kampanye two days earlier; Jakarta excluded.
    assert (r.new_today, r.new_week, r.open_reports) == (8, 10, 10)
    cats = by_key(r.by_category)
    assert (cats["politik_uang"].new_today, cats["politik_uang"].verified_week) == (4, 1)
    assert (cats["pelanggaran_kampanye"].new_today, cats["pelanggaran_kampanye"].new_week) == (0, 2)
    assert cats["netralitas_asn"].open_reports == 4
    assert cats["hoaks"].new_week == 0
    subs = by_key(r.by_subregion)
    assert list(subs) == ["32.04", "32.73"]
    assert (subs["32.73"].label, subs["32.73"].new_today, subs["32.73"].open_reports) == (
        "Kota Bandung",
        4,
        4,
    )
    assert (subs["32.04"].new_today, subs["32.04"].new_week, subs["32.04"].open_reports) == (
        4,
        6,
        6,
    )
    daily = {d.day: d.reports for d in r.daily}
    assert len(daily) == 7 and daily[DAY] == 8 and daily[DAY - timedelta(days=2)] == 2


def test_national_and_kabkota_breakdowns(world: World) -> None:
    national = build_sitrep(None, DAY)
    assert (national.scope.name, national.new_today, national.new_week) == ("Nasional", 9, 11)
    assert {r.key: r.new_today for r in national.by_subregion} == {"31": 1, "32": 8}
    bandung = build_sitrep("3273", DAY)  # dotless code accepted
    assert bandung.scope.code == "32.73"
    kec = {r.key: (r.label, r.new_today, r.open_reports) for r in bandung.by_subregion}
    assert kec == {"32.73.01": ("Sukasari", 3, 3), "32.73.02": ("Coblong", 1, 1)}


def test_alerts_deadlines_and_neutrality(world: World) -> None:
    r = build_sitrep("32", DAY)
    assert [(a.region_name, a.category, a.observed) for a in r.alerts] == [
        ("Kota Bandung", "politik_uang", 4)
    ]
    assert "0.25" in r.alerts[0].explanation or "0,25" in r.alerts[0].explanation
    d = r.deadlines
    assert (d.due_soon, d.overdue) == (1, 1)
    assert [row.case_id for row in d.due_rows] == [world.due_case.pk]
    assert [row.case_id for row in d.overdue_rows] == [world.overdue_case.pk]
    assert d.due_rows[0].hours_left == 10.0 and d.overdue_rows[0].hours_left == -12.0
    n = r.neutrality
    assert (n.reports, n.with_verdict, n.violations, n.no_violation) == (4, 4, 3, 1)
    assert [(x.rule_id, x.violations) for x in n.by_rule] == [("B1", 2), ("A2", 1)]
    assert len(build_sitrep(None, DAY).alerts) == 2  # Jakarta's too; the acknowledged one never


def test_vulnerability_changes_and_map(world: World) -> None:
    r = build_sitrep("32", DAY)
    scores = {c.code: (c.score_before, c.score, c.delta) for c in r.score_changes}
    # By hand (index_method.yaml: score = 0.5 R, R = 100 x / (x + 0.5), x = W per 100k people):
    # Kota Bandung a week earlier: one stopped politik uang report, W = 0.1 x 1.0 = 0.1,
    # x = 0.1 / 25.918 = 0.00386, score 0.38. Today: + 3 received (0.5 each) + 1 gakkumdu (1.0),
    # W = 2.6, x = 0.1003, R = 16.71, score 8.36.
    # Kab. Bandung today: 2 kampanye x 0.5 x 0.6 + 4 ASN x 0.5 x 0.8 = 2.2, x = 2.2 / 37.2,
    # R = 10.58, score 5.29; nothing a week earlier.
    assert scores == {"32.73": (0.4, 8.4, 8.0), "32.04": (0.0, 5.3, 5.3)}
    assert [c.code for c in r.risers] == ["32.73", "32.04"]
    assert r.map_svg.startswith("<svg") and "</svg>" in r.map_svg
    assert r.method.latest_aggregate_day == DAY
    assert any(u.startswith("[U]") for u in r.method.uncertainties)


def test_bad_regions_raise_coded_errors(world: World) -> None:
    with pytest.raises(SitrepError) as unknown:
        build_sitrep("99.99", DAY)
    assert unknown.value.code == "unknown_region"
    with pytest.raises(SitrepError) as level:
        build_sitrep("32.73.01", DAY)
    assert level.value.code == "unsupported_level"
    assert canonical_code("327301") == "32.73.01"


def test_national_query_count_does_not_grow_with_data(
    world: World, make_report, django_assert_max_num_queries
) -> None:
    from posko.mapping.aggregates import rebuild_aggregates

    with django_assert_max_num_queries(40) as before:
        build_sitrep(None, DAY)
    for _ in range(30):
        make_report("32.73.02.1002", "hoaks", DAY)
    rebuild_aggregates()
    with django_assert_max_num_queries(len(before.captured_queries)):
        build_sitrep(None, DAY)


def test_score_change_bands_read_in_the_reports_language() -> None:
    from django.utils import translation

    from posko.sitrep.types import ScoreChange

    change = ScoreChange("31.71", "Jakarta Pusat", 64.0, 40.0, "tinggi", "sedang", ())
    with translation.override("id"):
        assert change.band_label == "Tinggi"
    with translation.override("en"):
        assert change.band_label == "High"
