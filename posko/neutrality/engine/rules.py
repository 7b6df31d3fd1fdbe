"""The neutrality rule table (data/rules.yaml) and its evaluation.

The table is the law as data; this module only interprets it: the first rule whose conditions
hold decides whether an act is a violation, which article it rests on and which readings apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from posko.neutrality.engine.types import (
    ACTIONS,
    CONTENT_CLASSES,
    SIGNALS,
    Action,
    ContentClass,
    Signal,
)

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "rules.yaml"


class RuleTableError(ValueError):
    """The rule table is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Sanction:
    """A sanction range with its legal basis."""

    key: str
    text: str
    citation: str
    status: str


@dataclass(frozen=True, slots=True)
class Reading:
    """One legal characterisation of an act, where sources allow several."""

    key: str
    label: str
    basis: str
    sanction: Sanction
    status: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rule table."""

    id: str
    actions: frozenset[str] | None
    asn: bool | None
    content_classes: frozenset[str] | None
    signals: frozenset[str] | None  # any one of them must be shown by the content
    violation: bool
    citation: str
    sanction: Sanction
    summary: str
    readings: tuple[Reading, ...]
    readings_for_post: tuple[Reading, ...]

    def applies(
        self,
        *,
        asn: bool,
        action: Action,
        content_class: ContentClass,
        signals: frozenset[Signal] = frozenset(),
    ) -> bool:
        """True when every condition of this rule holds."""
        return (
            (self.asn is None or self.asn == asn)
            and (self.actions is None or action in self.actions)
            and (self.content_classes is None or content_class in self.content_classes)
            and (self.signals is None or not self.signals.isdisjoint(signals))
        )


@dataclass(frozen=True, slots=True)
class RuleTable:
    """The parsed rule table."""

    version: str
    rules: tuple[Rule, ...]
    milestones: dict[str, str]

    def decide(
        self,
        *,
        asn: bool,
        action: Action,
        content_class: ContentClass,
        signals: frozenset[Signal] = frozenset(),
    ) -> Rule:
        """The first rule that applies; the table must cover every combination."""
        for rule in self.rules:
            if rule.applies(asn=asn, action=action, content_class=content_class, signals=signals):
                return rule
        raise RuleTableError(f"no rule covers asn={asn} action={action} class={content_class}")


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise RuleTableError(f"{where}: missing '{key}'")
    return entry[key]


def _choices(values: Any, allowed: tuple[str, ...], where: str) -> frozenset[str] | None:
    if values is None:
        return None
    if not isinstance(values, list) or not values:
        raise RuleTableError(f"{where}: expected a non-empty list")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise RuleTableError(f"{where}: unknown values {unknown}; allowed {list(allowed)}")
    return frozenset(values)


def parse_rule_table(data: dict[str, Any]) -> RuleTable:
    """Validate and build a RuleTable from the YAML structure."""
    sanctions = {
        key: Sanction(
            key=key,
            text=" ".join(str(_require(s, "text", f"sanctions.{key}")).split()),
            citation=str(s.get("citation", "")),
            status=str(s.get("status", "U")),
        )
        for key, s in _require(data, "sanctions", "rules.yaml").items()
    }

    def sanction(key: str, where: str) -> Sanction:
        if key not in sanctions:
            raise RuleTableError(f"{where}: unknown sanction '{key}'")
        return sanctions[key]

    readings = {
        key: Reading(
            key=key,
            label=" ".join(str(_require(r, "label", f"readings.{key}")).split()),
            basis=str(_require(r, "basis", f"readings.{key}")),
            sanction=sanction(str(_require(r, "sanction", f"readings.{key}")), f"readings.{key}"),
            status=str(r.get("status", "U")),
        )
        for key, r in data.get("readings", {}).items()
    }

    def reading_list(keys: Any, where: str) -> tuple[Reading, ...]:
        missing = [k for k in keys or () if k not in readings]
        if missing:
            raise RuleTableError(f"{where}: unknown readings {missing}")
        return tuple(readings[k] for k in keys or ())

    rules = []
    for index, entry in enumerate(_require(data, "rules", "rules.yaml")):
        where = f"rules[{index}] ({entry.get('id', '?')})"
        when = entry.get("when", {})
        asn = when.get("asn")
        if asn is not None and not isinstance(asn, bool):
            raise RuleTableError(f"{where}: when.asn must be true or false")
        rules.append(
            Rule(
                id=str(_require(entry, "id", where)),
                actions=_choices(when.get("action"), ACTIONS, f"{where}.when.action"),
                asn=asn,
                content_classes=_choices(
                    when.get("content_class"), CONTENT_CLASSES, f"{where}.when.content_class"
                ),
                signals=_choices(when.get("signals"), SIGNALS, f"{where}.when.signals"),
                violation=bool(_require(entry, "violation", where)),
                citation=" ".join(str(_require(entry, "citation", where)).split()),
                sanction=sanction(str(_require(entry, "sanction", where)), where),
                summary=str(_require(entry, "summary", where)),
                readings=reading_list(entry.get("readings"), where),
                readings_for_post=reading_list(entry.get("readings_for_post"), where),
            )
        )
    table = RuleTable(
        version=str(data.get("version", "")),
        rules=tuple(rules),
        milestones={
            key: str(m["date"]) for key, m in data.get("milestones", {}).items() if "date" in m
        },
    )
    # Fail at load, not at the first unlucky act: every combination must be decided (without
    # signals, so a rule asking for one never is the only one to cover a combination).
    for asn_value in (True, False):
        for action in ACTIONS:
            for content_class in CONTENT_CLASSES:
                table.decide(asn=asn_value, action=action, content_class=content_class)
    return table


@cache
def load_rule_table(path: Path = RULES_PATH) -> RuleTable:
    """Load and validate the rule table (cached per path)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise RuleTableError(f"{path}: expected a mapping at the top level")
    return parse_rule_table(data)
