"""Factories for regions and officers used by the mapping tests (reports: posko/testing)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

_serial = itertools.count(1)

PASSWORD = "sandi-uji-Posko-2026"


@pytest.fixture
def make_region(db: None) -> Callable[..., Any]:
    """make_region("91.01", "Kab. Uji", population=200_000) (parents must exist first)."""
    from posko.regions.models import Region

    levels = {2: "provinsi", 5: "kabkota", 8: "kecamatan", 13: "desa"}

    def make(code: str, name: str, population: int | None = None) -> Any:
        parent = code.rsplit(".", 1)[0] if "." in code else None
        return Region.objects.create(
            code=code, name=name, level=levels[len(code)], parent_id=parent, population=population
        )

    return make


@pytest.fixture
def make_officer(db: None) -> Callable[..., Any]:
    """make_officer("koordinator") -> a User with that role."""
    from posko.accounts.roles import Role
    from posko.accounts.services import create_officer

    def make(role: str, username: str | None = None) -> Any:
        name = username or f"{role}.{next(_serial)}"
        return create_officer(name, PASSWORD, Role(role), actor="test")

    return make


@pytest.fixture(autouse=True)
def _language_of_the_test() -> Iterator[None]:
    """Each test starts in LANGUAGE_CODE and leaves the active language as it found it: the test
    client's LocaleMiddleware leaves the last request's language (say English) active."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


ON = date(2024, 11, 20)


@pytest.fixture
def small_world(make_region: Callable[..., Any], make_report: Callable[..., Any]) -> dict[str, Any]:
    """Province 91 (1,000,000 people), kab 91.01 (200,000), 91.02 (no figure), two kecamatan.

    Reports and indicators are chosen so the expected scores can be worked out by hand
    (see test_index.py).
    """
    from posko.mapping.aggregates import rebuild_aggregates
    from posko.mapping.models import IndicatorOccurrence

    make_region("91", "Provinsi Uji", 1_000_000)
    make_region("91.01", "Kabupaten Uji Satu", 200_000)
    make_region("91.02", "Kabupaten Uji Dua", None)
    make_region("91.01.01", "Kecamatan Satu")
    make_region("91.01.02", "Kecamatan Dua")
    make_report("91.01.01.2001", "politik_uang", date(2024, 11, 19))
    make_report("91.01.01.2002", "politik_uang", date(2024, 11, 1))
    make_report("91.01.01.2001", "politik_uang", date(2024, 10, 25), stage="gakkumdu")
    make_report("91.01.02.2001", "hoaks", date(2024, 11, 20), stage="study")
    make_report("91.02.01.2001", "intimidasi_kekerasan", date(2024, 11, 10), stage="final")
    # Outside the 28-day window (it starts 24 Oct) and after `on`: not counted.
    make_report("91.01.01.2001", "politik_uang", date(2024, 10, 23))
    make_report("91.01.01.2001", "politik_uang", date(2024, 11, 21))
    for indicator in ("KA1", "SP1", "SP2"):
        IndicatorOccurrence.objects.create(
            region_code="91.01.01", indicator=indicator, date=date(2024, 9, 1), source="uji"
        )
    # Too old (more than 365 days before `on`): not counted.
    IndicatorOccurrence.objects.create(
        region_code="91.02", indicator="PH1", date=date(2023, 11, 1), source="uji"
    )
    rebuild_aggregates()
    return {"on": ON}
