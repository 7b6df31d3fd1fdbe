"""The formal/material requirement check of a report (DOMAIN.md §5), rules read from data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from posko.reports.submission import ReportSubmission

REQUIREMENTS_YAML = Path(__file__).resolve().parent / "data" / "requirements.yaml"
REQUIREMENT_IDS = (
    "identity",
    "terlapor",
    "within_deadline",
    "time_place",
    "description",
    "witnesses",
    "evidence",
)

Outcome = Literal["laporan", "informasi_awal"]


@dataclass(frozen=True)
class RequirementCheck:
    """One requirement: met or missing, and what to do about it, with its legal source."""

    id: str
    group: str  # formal or material
    met: bool
    label: str
    explanation: str
    citation: str


@dataclass(frozen=True)
class RequirementsResult:
    """The whole check: each requirement, the outcome and the 7-day warning."""

    checks: tuple[RequirementCheck, ...]
    outcome: Outcome
    outcome_label: str
    outcome_explanation: str
    anonymous: bool
    days_since_discovery: int | None
    late: bool
    late_warning: str
    report_days: int
    completion_days: int
    citation: str

    @property
    def missing(self) -> list[RequirementCheck]:
        """The requirements not met, formal first."""
        return [c for c in self.checks if not c.met]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored as the report's snapshot and returned by the API."""
        # Shallow copies: every field is a plain value, and asdict's deep copy showed up as a
        # quarter of the intake request's CPU time.
        data = dict(vars(self))
        data["checks"] = [dict(vars(c)) for c in self.checks]
        data["missing"] = [c.id for c in self.missing]
        return data


@cache
def load_rules() -> dict[str, Any]:
    """The requirement table; fails loudly at first use when an entry is missing."""
    with REQUIREMENTS_YAML.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    for key in REQUIREMENT_IDS:
        entry = raw["requirements"][key]
        for name in ("group", "label", "label_en", "missing", "missing_en", "citation"):
            if not isinstance(entry.get(name), str):
                raise ValueError(f"requirements.{key}.{name} must be a string")
    for key in ("report_days", "completion_days"):
        if not isinstance(raw["deadlines"][key].get("days"), int):
            raise ValueError(f"deadlines.{key}.days must be a whole number")
    return dict(raw)


def _local(entry: dict[str, Any], key: str) -> str:
    english = (get_language() or "id").startswith("en")
    return str(entry.get(f"{key}_en") if english and entry.get(f"{key}_en") else entry[key])


def days_since(discovered_at: datetime, now: datetime) -> int:
    """Whole calendar days in Jakarta between discovery and now (same day = 0)."""
    tz = timezone.get_default_timezone()
    return (timezone.localtime(now, tz).date() - timezone.localtime(discovered_at, tz).date()).days


def check_requirements(
    submission: ReportSubmission, *, evidence_count: int = 0, now: datetime | None = None
) -> RequirementsResult:
    """Tell the reporter which requirements are met and what that means; never rejects."""
    rules = load_rules()
    table, deadlines = rules["requirements"], rules["deadlines"]
    now = now or timezone.now()
    report_days = int(deadlines["report_days"]["days"])
    elapsed = days_since(submission.discovered_at, now) if submission.discovered_at else None
    late = elapsed is not None and elapsed > report_days
    min_witnesses = int(table["witnesses"].get("min_count", 2))
    named_witnesses = sum(1 for w in submission.witnesses if w.name.strip())
    has_place = bool(
        submission.region_code or submission.place_detail or submission.latitude is not None
    )
    met = {
        "identity": bool(submission.reporter_name and submission.reporter_address),
        "terlapor": bool(submission.terlapor.strip()),
        "within_deadline": elapsed is not None and not late,
        "time_place": bool(submission.occurred_at or submission.discovered_at) and has_place,
        "description": bool(submission.description.strip()),
        "witnesses": named_witnesses >= min_witnesses,
        "evidence": evidence_count > 0,
    }
    checks = tuple(
        RequirementCheck(
            id=key,
            group=table[key]["group"],
            met=met[key],
            label=_local(table[key], "label"),
            explanation=_("Terpenuhi.") if met[key] else _local(table[key], "missing"),
            citation=table[key]["citation"],
        )
        for key in REQUIREMENT_IDS
    )
    complete = all(met.values())
    completion_days = int(deadlines["completion_days"]["days"])
    if submission.is_anonymous:
        outcome: Outcome = "informasi_awal"
        label = _("Informasi awal (laporan tanpa nama)")
        explanation = _(
            "Laporan tanpa nama selalu diperlakukan sebagai informasi awal: petugas dapat "
            "menelusurinya, tetapi tidak dapat mengajukannya sebagai laporan resmi ke Bawaslu, "
            "karena laporan resmi memerlukan nama dan alamat pelapor. Kami belum menemukan aturan "
            "tertulis khusus tentang laporan anonim; ini praktik yang umum."
        )
    elif complete:
        outcome, label = "laporan", _("Laporan lengkap")
        explanation = _(
            "Syarat formal dan materiel terpenuhi. Untuk registrasi resmi, Bawaslu akan meminta "
            "fotokopi e-KTP dan tanda tangan Anda."
        )
    else:
        outcome, label = "informasi_awal", _("Informasi awal (syarat belum lengkap)")
        explanation = _(
            "Laporan tetap diterima dan dipakai sebagai informasi awal. Bawaslu memberi waktu "
            "%(days)d hari untuk melengkapi syarat; bila tidak dilengkapi, laporan tidak dapat "
            "diregistrasi sebagai laporan resmi."
        ) % {"days": completion_days}
    warning = ""
    if late:
        warning = _(
            "Sudah %(elapsed)d hari sejak pelanggaran diketahui, lebih dari batas %(days)d hari "
            "(%(citation)s). Laporan Anda tetap diterima dan ditelaah petugas."
        ) % {
            "elapsed": elapsed,
            "days": report_days,
            "citation": deadlines["report_days"]["citation"],
        }
    return RequirementsResult(
        checks=checks,
        outcome=outcome,
        outcome_label=label,
        outcome_explanation=explanation,
        anonymous=submission.is_anonymous,
        days_since_discovery=elapsed,
        late=late,
        late_warning=warning,
        report_days=report_days,
        completion_days=completion_days,
        citation=deadlines["report_days"]["citation"],
    )
