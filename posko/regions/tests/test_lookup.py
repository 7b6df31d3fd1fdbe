"""Region lookup by code and by (abbreviated, misspelt) name, without Django."""

from __future__ import annotations

import pytest

from posko.regions.lookup import ancestors, get_region, lookup_region, normalise


@pytest.mark.parametrize(
    "query", ["Beltim", "Kab. Belitung Timur", "belitung timur", "19.06", "1906", "BELTIM"]
)
def test_belitung_timur_is_found_every_way(query: str) -> None:
    best = lookup_region(query)[0]
    assert (best.code, best.name, best.level) == ("19.06", "Kabupaten Belitung Timur", "kabkota")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Jaksel", "31.74"),
        ("Jakut", "31.72"),
        ("Jabar", "32"),
        ("Jateng", "33"),
        ("Jatim", "35"),
        ("Kaltim", "64"),
        ("Kalbar", "61"),
        ("Kaltara", "65"),
        ("Sumut", "12"),
        ("Sulsel", "73"),
        ("Sultra", "74"),
        ("Babel", "19"),
        ("Kepri", "21"),
        ("NTT", "53"),
        ("NTB", "52"),
        ("DIY", "34"),
        ("Jogja", "34"),
        ("DKI", "31"),
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("Djakarta", "31"),
        ("Prov. Jawa Barat", "32"),
        ("Kota Bandung", "32.73"),
        ("Kab. Bandung", "32.04"),
        ("Kec. Manggar", "19.06.01"),
        ("Kepulauan Seribu", "31.01"),
    ],
)
def test_common_names_and_abbreviations(query: str, code: str) -> None:
    assert lookup_region(query)[0].code == code


def test_ranking_tiers_exact_then_prefix_then_abbreviation_then_fuzzy() -> None:
    hows = [m.how for m in lookup_region("Jabar", limit=10)]
    assert hows[0] == "abbreviation"
    assert "partial prefix" in hows  # Jabaran (a village) comes after Jawa Barat
    scores = [m.score for m in lookup_region("Belitung", limit=10)]
    assert scores == sorted(scores, reverse=True)
    assert lookup_region("Belitung")[0].how == "exact"


def test_ties_prefer_the_higher_level() -> None:
    # Surabaya is a city and also the name of several villages: the city comes first.
    matches = lookup_region("Surabaya", limit=5)
    assert matches[0].code == "35.78"
    assert {m.score for m in matches[:3]} == {100.0}


def test_typo_falls_back_to_fuzzy() -> None:
    best = lookup_region("Belitung Timr")[0]
    assert best.code == "19.06"
    assert best.how == "fuzzy"
    assert best.score < 70


def test_level_filter_and_limit() -> None:
    matches = lookup_region("Manggar", level="kecamatan", limit=3)
    assert matches and all(m.level == "kecamatan" for m in matches)
    assert len(lookup_region("Sukamaju", limit=4)) == 4
    with pytest.raises(ValueError, match="level"):
        lookup_region("Beltim", level="kota")


def test_code_lists_the_region_then_the_regions_below() -> None:
    matches = lookup_region("19", limit=20)
    assert matches[0].code == "19"
    assert {m.code for m in matches[1:]} == {f"19.{n:02}" for n in range(1, 7)} | {"19.71"}


def test_nothing_found() -> None:
    assert lookup_region("   ") == []
    assert lookup_region("99.99") == []
    assert lookup_region("qqqqqqqqxz") == []


def test_get_region_and_ancestors() -> None:
    desa = get_region("19.06.01.2001")
    assert desa is not None and desa.level == "desa"
    assert desa.parent_code == "19.06.01"
    assert [r.code for r in ancestors("19.06.01.2001")] == ["19", "19.06", "19.06.01"]
    assert ancestors("19") == []
    assert get_region("99") is None
    kab = get_region("19.06")
    assert kab is not None and kab.population and kab.area_km2 and kab.area_km2 > 0
    assert get_region("11.10") is not None and get_region("11.10").area_km2 is not None  # type: ignore[union-attr]


def test_normalise() -> None:
    assert normalise("Kab. Belitung-Timur ") == "kab belitung timur"
    assert normalise("Bu Nuapu’u") == normalise("Bu Nuapu'u") == "bu nuapuu"
