"""Writes of the mapping app: recording indicator occurrences (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from posko.core import audit
from posko.mapping.catalogue import catalogue
from posko.mapping.models import IndicatorOccurrence


class OccurrenceError(ValueError):
    """An occurrence that cannot be recorded; `code` is machine-readable."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True, slots=True)
class OccurrenceInput:
    """One occurrence as typed by an analyst or read from a CSV row."""

    region_code: str
    indicator: str
    date: date
    source: str
    note: str = ""


def validate_occurrence(item: OccurrenceInput, *, today: date) -> None:
    """Known region and indicator, a date not in the future, a source."""
    from posko.regions.models import Region

    if item.indicator not in catalogue().indicators:
        raise OccurrenceError(
            "unknown_indicator", f"unknown indicator {item.indicator!r}", "indicator"
        )
    if (
        len(item.region_code) not in (2, 5, 8, 13)
        or not Region.objects.filter(code=item.region_code).exists()
    ):
        raise OccurrenceError(
            "unknown_region", f"unknown region {item.region_code!r}", "region_code"
        )
    if item.date > today:
        raise OccurrenceError("future_date", f"date {item.date} is in the future", "date")
    if not item.source.strip():
        raise OccurrenceError("source_required", "source is required", "source")
    if len(item.source) > 300:
        raise OccurrenceError("source_too_long", "source is longer than 300 characters", "source")


def record_occurrence(item: OccurrenceInput, *, actor: Any, today: date) -> IndicatorOccurrence:
    """Validate and store one indicator occurrence with its audit row."""
    from django.contrib.auth.base_user import AbstractBaseUser

    validate_occurrence(item, today=today)
    user = actor if isinstance(actor, AbstractBaseUser) else None
    with transaction.atomic():
        occ = IndicatorOccurrence.objects.create(
            region_code=item.region_code,
            indicator=item.indicator,
            date=item.date,
            source=item.source.strip(),
            note=item.note.strip(),
            recorded_by=user,  # type: ignore[misc]  # any AUTH_USER_MODEL instance
            recorded_label="" if user else str(actor or ""),
        )
        audit.record(
            actor,
            "indicator.record",
            occ,
            region=occ.region_code,
            indicator=occ.indicator,
            date=occ.date.isoformat(),
        )
    return occ
