"""Factories for cases, reports and officers (reports are created directly, not via the form)."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from posko.accounts.roles import Role

WIB = ZoneInfo("Asia/Jakarta")
PASSWORD = "sandi-uji-Posko-2026"
_serial = itertools.count(1)


def wib(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A Jakarta-time datetime."""
    return datetime(year, month, day, hour, minute, second, tzinfo=WIB)


@pytest.fixture
def make_officer(db: None) -> Callable[..., Any]:
    """make_officer("koordinator") -> a User with that role."""
    from posko.accounts.services import create_officer

    def make(role: str, username: str | None = None, **kwargs: Any) -> Any:
        name = username or f"{role}.{next(_serial)}"
        return create_officer(name, PASSWORD, Role(role), actor="test", **kwargs)

    return make


@pytest.fixture
def officers(make_officer: Callable[..., Any]) -> dict[str, Any]:
    """One officer of every role, plus a second petugas."""
    return {
        "petugas": make_officer("petugas", "petugas.satu"),
        "petugas2": make_officer("petugas", "petugas.dua"),
        "koordinator": make_officer("koordinator", "koordinator.satu"),
        "pimpinan": make_officer("pimpinan", "pimpinan.satu"),
        "admin": make_officer("admin", "admin.satu"),
    }


@pytest.fixture
def make_report(db: None) -> Callable[..., Any]:
    """make_report(description=..., case=None, **fields) -> a Report in a new (or given) case."""
    from posko.cases.services import open_case
    from posko.reports.models import Report, ReporterIdentity

    def make(case: Any = None, identity: dict[str, str] | None = None, **overrides: Any) -> Any:
        fields: dict[str, Any] = {
            "category": "politik_uang",
            "description": "Tim sukses membagikan amplop berisi uang kepada warga di dekat TPS 05.",
            "occurred_at": wib(2024, 11, 25, 19, 0),
            "discovered_at": wib(2024, 11, 25, 19, 30),
            "submitted_at": wib(2024, 11, 26, 8, 0),
            "region_code": "31.71.01.1001",
            "terlapor": "Tim sukses paslon nomor 2",
        }
        fields.update(overrides)
        if case is None:
            case = open_case(
                category=fields["category"],
                region_code=fields["region_code"],
                opened_at=fields["submitted_at"],
                actor="public",
            )
        report = Report.objects.create(
            case=case, tracking_code=secrets.token_hex(8).upper(), **fields
        )
        if identity:
            ReporterIdentity.objects.create(report=report, **identity)
        return report

    return make
