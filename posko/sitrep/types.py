"""The situation report as typed data: what every renderer (HTML, PDF, XLSX) reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Scope:
    """The area a report covers; code None means the whole country."""

    code: str | None
    name: str
    level: str  # "nasional", "provinsi", "kabkota" or "kecamatan"
    sub_level: str | None  # level of the breakdown rows, None when there is none

    @property
    def slug(self) -> str:
        """A file-name friendly id: the code without dots, or "nasional"."""
        return self.code.replace(".", "") if self.code else "nasional"


@dataclass(frozen=True, slots=True)
class CountRow:
    """Report and case counts for one category or one sub-region."""

    key: str
    label: str
    new_today: int
    new_week: int
    verified_week: int
    open_reports: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """New reports on one day of the 7-day context window."""

    day: date
    reports: int
    verified: int


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """A sub-region's vulnerability score today against seven days earlier."""

    code: str
    name: str
    score: float
    score_before: float
    band: str
    band_before: str
    contributors: tuple[str, ...]

    @property
    def band_label(self) -> str:
        """The band's name in the active language ("Tinggi" / "High")."""
        from posko.mapping.catalogue import method

        return method().band_label(self.band)

    @property
    def delta(self) -> float:
        """Change in points (positive = more vulnerable)."""
        return round(self.score - self.score_before, 1)


@dataclass(frozen=True, slots=True)
class AlertRow:
    """An unacknowledged spike alert inside the scope."""

    region_code: str
    region_name: str
    category: str
    category_label: str
    day: date
    observed: int
    baseline: float
    explanation: str


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """An open case due soon or overdue."""

    case_id: int
    category_label: str
    region_code: str
    region_name: str
    stage_label: str
    deadline_at: datetime
    hours_left: float


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How many reported posts the neutrality engine found to break one rule."""

    rule_id: str
    citation: str
    violations: int


@dataclass(frozen=True, slots=True)
class NeutralityFindings:
    """ASN-neutrality reports in the 7-day window and the engine's verdicts on them."""

    reports: int
    with_verdict: int
    violations: int
    no_violation: int
    by_rule: tuple[RuleCount, ...]


@dataclass(frozen=True, slots=True)
class MethodNote:
    """How the figures were made, what is uncertain, and how fresh the data is."""

    paragraphs: tuple[str, ...]
    uncertainties: tuple[str, ...]
    latest_report_at: datetime | None
    latest_aggregate_day: date | None


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Open cases due within the horizon and overdue, as of a moment."""

    as_of: datetime
    horizon_hours: int
    due_soon: int
    overdue: int
    due_rows: tuple[DeadlineRow, ...]
    overdue_rows: tuple[DeadlineRow, ...]


@dataclass(frozen=True, slots=True)
class SitRep:
    """One laporan situasi: a region (or the nation) on one day, with 7 days of context."""

    scope: Scope
    day: date
    window_start: date
    generated_at: datetime
    language: str
    new_today: int
    new_week: int
    open_reports: int
    by_category: tuple[CountRow, ...]
    by_subregion: tuple[CountRow, ...]
    daily: tuple[DayCount, ...]
    score_changes: tuple[ScoreChange, ...]
    risers: tuple[ScoreChange, ...]
    alerts: tuple[AlertRow, ...]
    alerts_total: int
    deadlines: Deadlines
    neutrality: NeutralityFindings
    map_svg: str
    method: MethodNote
    notes: tuple[str, ...] = field(default=())
