"""Loading the Kepmendagri list into the database."""

from __future__ import annotations

import time

import pytest

from posko.regions.loader import ensure_regions_loaded
from posko.regions.models import Region


@pytest.mark.django_db
def test_load_is_complete_fast_and_idempotent() -> None:
    started = time.perf_counter()
    summary = ensure_regions_loaded()
    elapsed = time.perf_counter() - started
    assert "91,599 inserted" in summary
    assert elapsed < 15  # a few seconds on SQLite; generous for slow CI disks
    assert Region.objects.count() == 91_599
    levels = dict(
        (level, Region.objects.filter(level=level).count())
        for level in ("provinsi", "kabkota", "kecamatan", "desa")
    )
    assert levels == {"provinsi": 38, "kabkota": 514, "kecamatan": 7_285, "desa": 83_762}

    beltim = Region.objects.select_related("parent").get(code="19.06")
    assert beltim.name == "Kabupaten Belitung Timur"
    assert beltim.parent is not None and beltim.parent.code == "19"
    assert beltim.population and beltim.population > 100_000
    assert beltim.area_km2 is not None and beltim.area_km2 > 0
    assert Region.objects.get(code="19.06.01").population is None
    assert Region.objects.get(code="31.72").name == "Kota Administrasi Jakarta Utara"

    again = ensure_regions_loaded()
    assert "0 inserted, 0 updated" in again
    assert Region.objects.count() == 91_599


@pytest.mark.django_db
def test_load_repairs_changed_rows() -> None:
    ensure_regions_loaded()
    Region.objects.filter(code="19.06").update(name="wrong", population=None)
    assert "1 updated" in ensure_regions_loaded()
    region = Region.objects.get(code="19.06")
    assert region.name == "Kabupaten Belitung Timur" and region.population
