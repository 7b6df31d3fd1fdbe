"""Input validation gives field-level codes for every kind of bad input."""

from __future__ import annotations

from typing import Any

import pytest

from posko.neutrality.engine.parse import InputError, parse_act, parse_classify_item


def good_act(**overrides: Any) -> dict[str, Any]:
    act: dict[str, Any] = {
        "id": "a1",
        "actor": {"asn": True, "name": "Contoh", "nip": "199001012020121001"},
        "action": "like",
        "region": "31.71",
        "timestamp": "2024-10-01T08:00:00+07:00",
        "content": {"text": "Ayo coblos nomor 3", "platform": "instagram"},
    }
    act.update(overrides)
    return act


def test_good_act_parses() -> None:
    act = parse_act(good_act())
    assert act.actor.asn is True and act.action == "like" and act.region == "31.71"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"action": "dance"}, "action", "unknown_action"),
        ({"action": 3}, "action", "type_error.string"),
        ({"actor": {"asn": "yes"}}, "actor.asn", "type_error.bool"),
        ({"actor": {}}, "actor.asn", "missing"),
        ({"actor": "pns"}, "actor", "type_error.object"),
        ({"content": {}}, "content.text", "missing"),
        ({"content": {"text": 5}}, "content.text", "type_error.string"),
        ({"region": "Jakarta"}, "region", "invalid_region"),
        ({"region": "3171010"}, "region", "invalid_region"),  # a BPS code, not Kemendagri
        ({"timestamp": "kemarin"}, "timestamp", "invalid_timestamp"),
        ({"id": None}, "id", "type_error.id"),
        ({"content": {"text": "x" * 20_001}}, "content.text", "too_long"),
    ],
)
def test_bad_acts_name_field_and_code(overrides: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        parse_act(good_act(**overrides))
    assert (info.value.field, info.value.code) == (field, code)


@pytest.mark.parametrize(
    ("given", "action"),
    [("Like", "like"), ("repost", "share"), ("Retweet", "share"), ("reply", "comment"),
     ("Join group", "join_group"), ("join-group", "join_group"), ("profile photo", "profile_photo"),
     ("subscribe", "follow"), (" VIEW ", "view")],
)  # fmt: skip
def test_other_names_of_an_action_are_read_as_it(given: str, action: str) -> None:
    assert parse_act(good_act(action=given)).action == action


@pytest.mark.parametrize(
    ("given", "region"),
    [("3171", "31.71"), ("317101", "31.71.01"), ("3171011001", "31.71.01.1001"), (" 31 ", "31")],
)
def test_a_region_code_without_dots_is_read_as_the_dotted_code(given: str, region: str) -> None:
    assert parse_act(good_act(region=given)).region == region


def test_missing_fields() -> None:
    for key in ("id", "actor", "action", "content"):
        act = good_act()
        del act[key]
        with pytest.raises(InputError) as info:
            parse_act(act)
        assert info.value.field == key and info.value.code == "missing"


def test_classify_item() -> None:
    assert parse_classify_item({"id": 7, "text": "halo"}) == (7, "halo")
    with pytest.raises(InputError):
        parse_classify_item(["not", "an", "object"])
    with pytest.raises(InputError):
        parse_classify_item({"id": "x"})
