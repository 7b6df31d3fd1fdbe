"""A small planted world for situation-report tests: regions, reports, cases, alerts, aggregates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from posko.testing.factories import WIB, at

DAY = date(2024, 11, 27)
PASSWORD = "sandi-uji-Posko-2026"

REGIONS = (
    ("31", "DKI Jakarta", 10_680_000),
    ("31.71", "Kota Administrasi Jakarta Pusat", 1_050_000),
    ("32", "Jawa Barat", 50_340_000),
    ("32.04", "Kabupaten Bandung", 3_720_000),
    ("32.73", "Kota Bandung", 2_591_763),
    ("32.04.01", "Ciwidey", None),
    ("32.73.01", "Sukasari", None),
    ("32.73.02", "Coblong", None),
)
LEVELS = {2: "provinsi", 5: "kabkota", 8: "kecamatan"}


def verdict(rule: str, violation: bool) -> dict[str, Any]:
    """The stored shape of a neutrality engine verdict (posko.neutrality.engine.render)."""
    return {"violation": violation, "rule": {"id": rule, "citation": f"SKB 2/2022 {rule}"}}


@dataclass
class World:
    """Handles on the planted rows the tests check against."""

    due_case: Any
    overdue_case: Any


@pytest.fixture
def world(make_report: Callable[..., Any]) -> World:
    """Jawa Barat on 27 Nov 2024: 8 new reports that day, 10 in the week, 10 open reports."""
    from posko.mapping.aggregates import rebuild_aggregates
    from posko.mapping.models import SpikeAlert
    from posko.regions.models import Region

    for code, name, population in REGIONS:
        parent = code.rsplit(".", 1)[0] if "." in code else None
        Region.objects.create(
            code=code, name=name, level=LEVELS[len(code)], parent_id=parent, population=population
        )
    end_of_day = datetime.combine(DAY + timedelta(days=1), time(0), tzinfo=WIB)
    due = make_report(
        "32.73.01.1001", "politik_uang", DAY, deadline_at=end_of_day + timedelta(hours=10)
    )
    overdue = make_report(
        "32.73.01.1001", "politik_uang", DAY, deadline_at=end_of_day - timedelta(hours=12)
    )
    make_report("32.73.01.1001", "politik_uang", DAY, deadline_at=end_of_day + timedelta(hours=72))
    make_report("32.73.02.1002", "politik_uang", DAY, stage="gakkumdu")
    for _ in range(2):
        make_report("32.04.01.2001", "pelanggaran_kampanye", DAY - timedelta(days=2))
    for rule, violation in (("B1", True), ("B1", True), ("A2", True), ("NEUTRAL-VIEW", False)):
        make_report(
            "32.04.01.2001",
            "netralitas_asn",
            DAY,
            post_text="unggahan",
            neutrality_verdict=verdict(rule, violation),
        )
    make_report("31.71.01.1001", "hoaks", DAY)
    # Outside the window and closed before the day: counted nowhere, not even as overdue.
    make_report(
        "32.73.01.1001",
        "politik_uang",
        DAY - timedelta(days=10),
        stage="stopped",
        closed_at=at(DAY - timedelta(days=8)),
        deadline_at=at(DAY - timedelta(days=9)),
    )
    rebuild_aggregates()
    alert = {"expected": 0.25, "baseline_days": 28, "threshold": 4, "p_value": 0.0002}
    SpikeAlert.objects.create(
        region_code="32.73", category="politik_uang", day=DAY, observed=4, **alert
    )
    SpikeAlert.objects.create(region_code="31.71", category="hoaks", day=DAY, observed=5, **alert)
    SpikeAlert.objects.create(
        region_code="32.04",
        category="hoaks",
        day=DAY - timedelta(days=1),
        observed=6,
        acknowledged_at=at(DAY),
        **alert,
    )
    return World(due_case=due.case, overdue_case=overdue.case)


@pytest.fixture
def officer(db: None) -> Any:
    """A pimpinan (reads dashboards and reports)."""
    from posko.accounts.roles import Role
    from posko.accounts.services import create_officer

    return create_officer("pimpinan.sitrep", PASSWORD, Role.PIMPINAN, actor="test")
