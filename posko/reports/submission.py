"""What a reporter submits, as plain typed values shared by the form, the API and the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass
class WitnessData:
    """One witness named by the reporter."""

    name: str
    contact: str = ""
    statement: str = ""


@dataclass
class ReportSubmission:
    """A report before it is stored; every text already stripped by the caller's parser."""

    category: str
    description: str
    discovered_at: datetime | None
    occurred_at: datetime | None = None
    region_code: str = ""
    place_detail: str = ""
    tps_number: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    keep_location: bool = False
    terlapor: str = ""
    post_text: str = ""
    reporter_name: str = ""
    reporter_address: str = ""
    reporter_contact: str = ""
    witnesses: list[WitnessData] = field(default_factory=list)

    @property
    def is_anonymous(self) -> bool:
        """True when the reporter gave no identity at all (the default)."""
        return not (self.reporter_name or self.reporter_address or self.reporter_contact)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form, kept in the intake queue until the report is filed."""
        data = dict(vars(self))  # shallow: asdict's deep copy is slow on the intake path
        data["witnesses"] = [dict(vars(w)) for w in self.witnesses]
        for name in ("discovered_at", "occurred_at"):
            value = data[name]
            data[name] = value.isoformat() if value is not None else None
        for name in ("latitude", "longitude"):
            value = data[name]
            data[name] = str(value) if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportSubmission:
        """The inverse of `to_json`."""
        values = dict(data)
        for name in ("discovered_at", "occurred_at"):
            if values.get(name):
                values[name] = datetime.fromisoformat(values[name])
        for name in ("latitude", "longitude"):
            if values.get(name) is not None:
                values[name] = Decimal(values[name])
        values["witnesses"] = [WitnessData(**w) for w in values.get("witnesses", [])]
        return cls(**values)
