"""Deadline arithmetic over weekends and the holiday table, rule-table validation, states."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from posko.cases.deadlines import (
    DeadlineDataError,
    add_days,
    case_deadline_info,
    deadline_state,
    load_deadline_table,
    load_holidays,
    parse_deadline_table,
    parse_holidays,
    state_at,
)
from posko.cases.tests.conftest import wib

HOLIDAYS = load_holidays()


def test_calendar_deadline_runs_through_the_weekend() -> None:
    # Received Friday 10 Jan 2025: 3 calendar days end on Monday at 23:59:59 WIB.
    due = add_days(wib(2025, 1, 10, 10, 0), 3, "calendar", HOLIDAYS)
    assert due == wib(2025, 1, 13, 23, 59, 59)


def test_working_day_deadline_skips_the_weekend() -> None:
    due = add_days(wib(2025, 1, 10, 10, 0), 3, "working", HOLIDAYS)  # Fri -> Mon, Tue, Wed
    assert due == wib(2025, 1, 15, 23, 59, 59)


def test_working_day_deadline_skips_idul_fitri_2025_and_its_cuti_bersama() -> None:
    # Thu 27 Mar 2025: 28 Mar cuti Nyepi, 29-30 weekend/Nyepi, 31 Mar-1 Apr Idul Fitri,
    # 2-4 Apr cuti bersama, 5-6 weekend, 7 Apr cuti bersama: the 3 working days are 8-10 Apr.
    due = add_days(wib(2025, 3, 27, 9, 0), 3, "working", HOLIDAYS)
    assert due == wib(2025, 4, 10, 23, 59, 59)
    # Calendar days ignore the holidays entirely.
    assert add_days(wib(2025, 3, 27, 9, 0), 3, "calendar", HOLIDAYS) == wib(2025, 3, 30, 23, 59, 59)


def test_working_day_count_skips_pilkada_voting_day() -> None:
    # Tue 26 Nov 2024 + 1 working day: Wed 27 Nov is the Pilkada holiday, so Thursday.
    due = add_days(wib(2024, 11, 26, 12, 0), 1, "working", HOLIDAYS)
    assert due.date() == date(2024, 11, 28)


def test_the_day_is_counted_in_jakarta_time_not_utc() -> None:
    from datetime import UTC

    # 20:00 UTC on Friday is 03:00 on Saturday in Jakarta.
    start = datetime(2025, 1, 10, 20, 0, tzinfo=UTC)
    assert add_days(start, 3, "calendar", HOLIDAYS) == wib(2025, 1, 14, 23, 59, 59)


def test_zero_days_ends_the_same_day_and_bad_input_is_refused() -> None:
    assert add_days(wib(2025, 1, 10, 10), 0, "calendar", {}) == wib(2025, 1, 10, 23, 59, 59)
    with pytest.raises(ValueError, match="unit"):
        add_days(wib(2025, 1, 10), 1, "fortnight", {})
    with pytest.raises(ValueError, match="timezone"):
        add_days(datetime(2025, 1, 10), 1, "calendar", {})


def test_states_none_ok_due_soon_overdue() -> None:
    due = wib(2025, 1, 13, 23, 59, 59)
    assert state_at(None, due) == "none"
    assert state_at(due, due - timedelta(hours=25)) == "ok"
    assert state_at(due, due - timedelta(hours=24)) == "due_soon"
    assert state_at(due, due) == "due_soon"
    assert state_at(due, due + timedelta(seconds=1)) == "overdue"
    closed = SimpleNamespace(stage="stopped", deadline_at=due)
    assert deadline_state(closed, due + timedelta(days=9)) == "none"  # type: ignore[arg-type]


def test_shipped_table_matches_the_statutes_and_flags_unconfirmed_units() -> None:
    table = load_deadline_table()
    assert table["bawaslu_study"].days == 3 and table["bawaslu_study"].starts == "received"
    assert table["bawaslu_study_extension"].extends == "bawaslu_study"
    assert table["investigation"].days == 14
    assert table["prosecution"].days == 5
    assert table["trial"].days == 7
    assert table["gakkumdu_discussion"].days is None
    # Sources conflict on the unit: Pilkada defaults to calendar days, marked to be confirmed.
    assert all(r.unit == "calendar" and not r.unit_confirmed for r in table.rules)
    assert all(r.citation for r in table.rules)
    assert table.for_stage("received") is table["bawaslu_study"]
    assert table.for_stage("final") is None


def test_unverified_gakkumdu_rule_gives_no_deadline_but_a_note() -> None:
    case: Any = SimpleNamespace(stage="gakkumdu", deadline_rule="", deadline_at=None)
    info = case_deadline_info(case, wib(2025, 1, 1))
    assert info is not None
    assert info.rule_id == "gakkumdu_discussion"
    assert info.due_at is None and info.state == "none"
    assert "belum terverifikasi" in info.note
    study: Any = SimpleNamespace(
        stage="study", deadline_rule="bawaslu_study", deadline_at=wib(2025, 1, 4, 23, 59, 59)
    )
    info = case_deadline_info(study, wib(2025, 1, 4, 12))
    assert info is not None and info.state == "due_soon" and not info.unit_confirmed
    assert "konfirmasi" in info.note


GOOD_RULE = {
    "id": "x",
    "stage": "study",
    "days": 3,
    "unit": "calendar",
    "unit_confirmed": False,
    "starts": "received",
    "label": "L",
    "label_en": "L",
    "citation": "C",
    "status": "V",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "weeks"}, "rule 'x': 'unit' must be calendar or working"),
        ({"days": -1}, "rule 'x': 'days' must be a whole number"),
        ({"days": "3"}, "rule 'x': 'days' must be a whole number"),
        ({"stage": "limbo"}, "rule 'x': unknown stage 'limbo'"),
        ({"starts": "whenever"}, "rule 'x': 'starts' must be one of"),
        ({"unit_confirmed": "no"}, "rule 'x': 'unit_confirmed' must be true or false"),
        ({"citation": ""}, "rule 'x': 'citation' must be non-empty text"),
        ({"extends": "nothing"}, "rule 'x': extends unknown rule 'nothing'"),
    ],
)
def test_bad_rule_entries_are_refused_with_the_rule_named(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(DeadlineDataError, match=message):
        parse_deadline_table({"rules": [{**GOOD_RULE, **change}]})


def test_duplicate_and_missing_keys_are_refused() -> None:
    with pytest.raises(DeadlineDataError, match="rule 'x': duplicate id"):
        parse_deadline_table({"rules": [GOOD_RULE, GOOD_RULE]})
    missing = {k: v for k, v in GOOD_RULE.items() if k != "days"}
    with pytest.raises(DeadlineDataError, match="rule 'x': missing key 'days'"):
        parse_deadline_table({"rules": [missing]})
    with pytest.raises(DeadlineDataError, match="'rules' list"):
        parse_deadline_table({"rule": []})


def test_bad_holiday_entries_are_refused_with_the_date_named() -> None:
    assert parse_holidays({"holidays": {"2025-03-31": "Idul Fitri"}}) == {
        date(2025, 3, 31): "Idul Fitri"
    }
    with pytest.raises(DeadlineDataError, match="'2025-02-30' is not a date"):
        parse_holidays({"holidays": {"2025-02-30": "Nope"}})
    with pytest.raises(DeadlineDataError, match="holiday 2025-03-31 needs a name"):
        parse_holidays({"holidays": {date(2025, 3, 31): ""}})


def test_shipped_holidays_include_idul_fitri_and_pilkada_day() -> None:
    assert HOLIDAYS[date(2025, 3, 31)] == "Idul Fitri"
    assert "Pilkada" in HOLIDAYS[date(2024, 11, 27)]
