"""Statutory handling deadlines: the rule table and holiday calendar as data, and their arithmetic.

The rules live in cases/data/deadlines.yaml (each with its citation) and the public holidays in
cases/data/holidays.yaml; this module only interprets them. A deadline always ends at 23:59:59
Asia/Jakarta of its last day, because the statutes count days, not hours.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import yaml
from django.utils.translation import get_language, gettext

from posko.cases.choices import CLOSED_STAGES, Stage

if TYPE_CHECKING:
    from posko.cases.models import Case

DATA_DIR = Path(__file__).resolve().parent / "data"
JAKARTA = ZoneInfo("Asia/Jakarta")
DUE_SOON = timedelta(hours=24)
UNITS = frozenset({"calendar", "working"})
START_EVENTS = frozenset({"discovered", "received", "info_requested", "stage_entered"})
STATUSES = frozenset({"V", "P", "U"})
# In the received stage the clock that runs is Bawaslu's study clock, which starts at receipt.
STAGE_CLOCK_OVERRIDES = {Stage.RECEIVED.value: "bawaslu_study"}

DeadlineState = Literal["none", "ok", "due_soon", "overdue"]


class DeadlineDataError(ValueError):
    """deadlines.yaml or holidays.yaml holds an entry the app cannot use."""


@dataclass(frozen=True)
class DeadlineRule:
    """One statutory deadline: which stage, how many days of which kind, from which event."""

    id: str
    stage: str
    days: int | None
    unit: str
    unit_confirmed: bool
    starts: str
    label: str
    label_en: str
    citation: str
    status: str
    extends: str | None = None

    @property
    def display_label(self) -> str:
        """The label in the active language (Bahasa Indonesia first)."""
        return self.label_en if (get_language() or "id").startswith("en") else self.label


@dataclass(frozen=True)
class DeadlineTable:
    """The validated rule table."""

    version: str
    rules: tuple[DeadlineRule, ...]

    def get(self, rule_id: str) -> DeadlineRule | None:
        """The rule with this id, or None."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def __getitem__(self, rule_id: str) -> DeadlineRule:
        rule = self.get(rule_id)
        if rule is None:
            raise KeyError(rule_id)
        return rule

    def for_stage(self, stage: str) -> DeadlineRule | None:
        """The clock that starts when a case enters `stage` (extensions excluded), or None."""
        override = STAGE_CLOCK_OVERRIDES.get(str(stage))
        if override:
            return self.get(override)
        return next(
            (r for r in self.rules if r.stage == str(stage) and r.extends is None),
            None,
        )

    def extension_of(self, rule_id: str) -> DeadlineRule | None:
        """The rule that extends `rule_id` (e.g. the +2 days for more information), or None."""
        return next((r for r in self.rules if r.extends == rule_id), None)


@dataclass(frozen=True)
class DeadlineInfo:
    """What the UI and API show about a case's current deadline."""

    rule_id: str
    label: str
    label_en: str
    due_at: datetime | None
    unit: str
    unit_confirmed: bool
    citation: str
    status: str
    state: DeadlineState
    note: str = ""


def _require(entry: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise DeadlineDataError(f"{where}: missing key {key!r}")
    return entry[key]


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = _require(entry, key, where)
    if not isinstance(value, str) or not value.strip():
        raise DeadlineDataError(f"{where}: {key!r} must be non-empty text")
    return value.strip()


def parse_deadline_table(data: Any, source: str = "deadlines.yaml") -> DeadlineTable:
    """Validate the parsed YAML of the rule table; errors name the file and the rule."""
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise DeadlineDataError(f"{source}: expected a mapping with a 'rules' list")
    rules: list[DeadlineRule] = []
    seen: set[str] = set()
    stages = {s.value for s in Stage}
    for index, entry in enumerate(data["rules"], start=1):
        where = f"{source}: rule #{index}"
        if not isinstance(entry, Mapping):
            raise DeadlineDataError(f"{where}: expected a mapping")
        rule_id = _text(entry, "id", where)
        where = f"{source}: rule {rule_id!r}"
        if rule_id in seen:
            raise DeadlineDataError(f"{where}: duplicate id")
        seen.add(rule_id)
        stage = _text(entry, "stage", where)
        if stage not in stages:
            raise DeadlineDataError(f"{where}: unknown stage {stage!r}")
        days = _require(entry, "days", where)
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
            raise DeadlineDataError(f"{where}: 'days' must be a whole number >= 0 or null")
        unit = _text(entry, "unit", where)
        if unit not in UNITS:
            raise DeadlineDataError(f"{where}: 'unit' must be calendar or working, got {unit!r}")
        confirmed = _require(entry, "unit_confirmed", where)
        if not isinstance(confirmed, bool):
            raise DeadlineDataError(f"{where}: 'unit_confirmed' must be true or false")
        starts = _text(entry, "starts", where)
        if starts not in START_EVENTS:
            raise DeadlineDataError(
                f"{where}: 'starts' must be one of {sorted(START_EVENTS)}, got {starts!r}"
            )
        status = _text(entry, "status", where)
        if status not in STATUSES:
            raise DeadlineDataError(f"{where}: 'status' must be V, P or U, got {status!r}")
        extends = entry.get("extends")
        if extends is not None and not isinstance(extends, str):
            raise DeadlineDataError(f"{where}: 'extends' must be a rule id")
        rules.append(
            DeadlineRule(
                id=rule_id,
                stage=stage,
                days=days,
                unit=unit,
                unit_confirmed=confirmed,
                starts=starts,
                label=_text(entry, "label", where),
                label_en=_text(entry, "label_en", where),
                citation=_text(entry, "citation", where),
                status=status,
                extends=extends,
            )
        )
    for rule in rules:
        if rule.extends is not None and rule.extends not in seen:
            raise DeadlineDataError(
                f"{source}: rule {rule.id!r}: extends unknown rule {rule.extends!r}"
            )
    return DeadlineTable(version=str(data.get("version", "")), rules=tuple(rules))


def parse_holidays(data: Any, source: str = "holidays.yaml") -> dict[date, str]:
    """Validate the parsed YAML of the holiday calendar; errors name the file and the date."""
    if not isinstance(data, Mapping) or not isinstance(data.get("holidays"), Mapping):
        raise DeadlineDataError(f"{source}: expected a mapping with a 'holidays' mapping")
    holidays: dict[date, str] = {}
    for key, name in data["holidays"].items():
        day = key
        if isinstance(key, str):
            try:
                day = date.fromisoformat(key)
            except ValueError:
                raise DeadlineDataError(f"{source}: {key!r} is not a date (YYYY-MM-DD)") from None
        if not isinstance(day, date) or isinstance(day, datetime):
            raise DeadlineDataError(f"{source}: {key!r} is not a date (YYYY-MM-DD)")
        if not isinstance(name, str) or not name.strip():
            raise DeadlineDataError(f"{source}: holiday {day.isoformat()} needs a name")
        holidays[day] = name.strip()
    return holidays


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise DeadlineDataError(f"{path.name}: cannot read: {exc}") from exc


@functools.cache
def load_deadline_table() -> DeadlineTable:
    """The validated deadline rule table (read once per process)."""
    return parse_deadline_table(_read_yaml(DATA_DIR / "deadlines.yaml"), "deadlines.yaml")


@functools.cache
def load_holidays() -> dict[date, str]:
    """The validated holiday calendar, date -> name (read once per process)."""
    return parse_holidays(_read_yaml(DATA_DIR / "holidays.yaml"), "holidays.yaml")


def is_working_day(day: date, holidays: Mapping[date, str]) -> bool:
    """Monday to Friday and not a listed holiday or cuti bersama."""
    return day.weekday() < 5 and day not in holidays


def end_of_day(day: date) -> datetime:
    """23:59:59 Asia/Jakarta of `day`."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=JAKARTA)


def add_days(start: datetime, days: int, unit: str, holidays: Mapping[date, str]) -> datetime:
    """The end (23:59:59 Jakarta) of the `days`-th calendar or working day after `start`."""
    if unit not in UNITS:
        raise ValueError(f"unit must be calendar or working, got {unit!r}")
    if days < 0:
        raise ValueError("days must not be negative")
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    day = start.astimezone(JAKARTA).date()
    if unit == "calendar":
        return end_of_day(day + timedelta(days=days))
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return end_of_day(day)


def due_for(rule: DeadlineRule, start: datetime) -> datetime | None:
    """When `rule` falls due if its clock started at `start`; None for an unverified rule."""
    if rule.days is None:
        return None
    return add_days(start, rule.days, rule.unit, load_holidays())


def state_at(due_at: datetime | None, now: datetime) -> DeadlineState:
    """none / ok / due_soon (within 24 hours) / overdue for a due time."""
    if due_at is None:
        return "none"
    if now > due_at:
        return "overdue"
    if due_at - now <= DUE_SOON:
        return "due_soon"
    return "ok"


def deadline_state(case: Case, now: datetime) -> DeadlineState:
    """The deadline state of a case; closed cases have none."""
    if case.stage in CLOSED_STAGES:
        return "none"
    return state_at(case.deadline_at, now)


def case_deadline_info(case: Case, now: datetime) -> DeadlineInfo | None:
    """The rule, due time and state of a case's running clock; None when no rule applies."""
    if case.stage in CLOSED_STAGES:
        return None
    table = load_deadline_table()
    rule = table.get(case.deadline_rule) if case.deadline_rule else table.for_stage(case.stage)
    if rule is None:
        return None
    note = ""
    if rule.days is None:
        note = gettext("Tenggat belum terverifikasi")
    elif not rule.unit_confirmed:
        note = gettext("Perlu konfirmasi: hari kalender atau hari kerja")
    return DeadlineInfo(
        rule_id=rule.id,
        label=rule.label,
        label_en=rule.label_en,
        due_at=case.deadline_at,
        unit=rule.unit,
        unit_confirmed=rule.unit_confirmed,
        citation=rule.citation,
        status=rule.status,
        state=deadline_state(case, now),
        note=note,
    )
