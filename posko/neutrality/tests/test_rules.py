"""The rule table: every combination decided, citations present, readings shown."""

from __future__ import annotations

import copy

import pytest
import yaml

from posko.neutrality.engine.rules import (
    RULES_PATH,
    RuleTableError,
    load_rule_table,
    parse_rule_table,
)
from posko.neutrality.engine.types import ACTIONS


def test_view_is_never_a_violation() -> None:
    table = load_rule_table()
    for content_class in ("partisan", "civic", "non_political"):
        assert not table.decide(asn=True, action="view", content_class=content_class).violation


def test_non_asn_is_never_a_violation() -> None:
    table = load_rule_table()
    for action in ACTIONS:
        rule = table.decide(asn=False, action=action, content_class="partisan")
        assert not rule.violation
        assert rule.id == "NEUTRAL-NON-ASN" or action == "view"


@pytest.mark.parametrize("action", ["post", "like", "comment", "share", "follow", "join_group"])
def test_social_acts_on_partisan_content_cite_both_skb_tables(action: str) -> None:
    rule = load_rule_table().decide(asn=True, action=action, content_class="partisan")  # type: ignore[arg-type]
    assert rule.violation
    assert "tabel A angka 4" in rule.citation and "tabel B angka 6" in rule.citation
    sanctions = {reading.sanction.key for reading in rule.readings}
    assert {"moral", "disiplin_berat"} <= sanctions


def test_profile_photo_rule_is_the_photo_item() -> None:
    rule = load_rule_table().decide(asn=True, action="profile_photo", content_class="partisan")
    assert rule.violation and "angka 5" in rule.citation and "angka 7" in rule.citation


def test_every_rule_and_sanction_cites_a_regulation() -> None:
    for rule in load_rule_table().rules:
        assert rule.citation.strip()
        if rule.violation:
            assert rule.sanction.citation.strip()


def test_a_table_with_a_gap_is_rejected_at_load() -> None:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["rules"] = [r for r in broken["rules"] if r["id"] != "NEUTRAL-CONTENT-CIVIC"]
    with pytest.raises(RuleTableError, match="no rule covers"):
        parse_rule_table(broken)


def test_unknown_action_in_table_is_rejected() -> None:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    data["rules"][0]["when"]["action"] = ["retweetz"]
    with pytest.raises(RuleTableError, match="unknown values"):
        parse_rule_table(data)
