"""Small factories shared by the tests that need reports with cases on given days."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

WIB = ZoneInfo("Asia/Jakarta")
CASE_FIELDS = ("deadline_at", "closed_at")
_serial = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    """A Jakarta-time moment on `day`."""
    return datetime.combine(day, time(hour), tzinfo=WIB)


@pytest.fixture
def make_report(db: None) -> Callable[..., Any]:
    """make_report(region_code, category, day, stage="received", **fields) -> Report.

    `deadline_at` and `closed_at` go to the report's case; `submitted_at` overrides the moment.
    """
    from posko.cases.models import Case
    from posko.reports.models import Report

    def make(
        region_code: str, category: str, day: date, stage: str = "received", **fields: Any
    ) -> Any:
        moment = fields.pop("submitted_at", at(day))
        case_fields = {k: fields.pop(k) for k in CASE_FIELDS if k in fields}
        case = Case.objects.create(
            stage=stage,
            category=category,
            region_code=region_code,
            opened_at=moment,
            stage_entered_at=moment,
            **case_fields,
        )
        return Report.objects.create(
            case=case,
            tracking_code=f"UJI{next(_serial):08d}",
            category=category,
            description="Laporan uji",
            discovered_at=moment,
            submitted_at=moment,
            region_code=region_code,
            **fields,
        )

    return make
