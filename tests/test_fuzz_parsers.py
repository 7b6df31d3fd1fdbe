"""Fuzzing the CLI/file parsers: any input ends in a result or a documented error, no crash."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posko.candidates.registry import COLUMNS, parse_registry_csv
from posko.config.env import fuzz_examples
from posko.core.jsonl import run_jsonl
from posko.neutrality.engine.parse import InputError, parse_act, parse_classify_item
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.validation import ReportError, validate_submission

FUZZ = settings(
    max_examples=fuzz_examples(),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
ACT_KEYS = ["id", "actor", "action", "region", "timestamp", "content"]
ACTOR_KEYS = ["asn", "name", "nip"]
CONTENT_KEYS = ["text", "platform", "url", "author"]


def _near(keys: list[str], inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the expected keys (some missing) holding values of any type."""
    return st.dictionaries(st.sampled_from(keys), inner, max_size=len(keys))


near_acts = st.fixed_dictionaries(
    {},
    optional={
        "id": st.integers() | st.text(max_size=12) | json_values,
        "actor": _near(ACTOR_KEYS, st.booleans() | st.text(max_size=20) | json_values),
        "action": st.sampled_from(["post", "like", "share", "comment", "attend"])
        | st.text(max_size=10)
        | json_values,
        "region": st.text(max_size=14) | json_values,
        "timestamp": st.datetimes().map(lambda d: d.isoformat())
        | st.text(max_size=30)
        | json_values,
        "content": _near(CONTENT_KEYS, st.text(max_size=80) | json_values),
    },
)


@FUZZ
@given(value=json_values | near_acts)
def test_parse_act_raises_only_input_error(value: Any) -> None:
    try:
        parse_act(value)
    except InputError as exc:
        assert exc.field is not None and exc.code


@FUZZ
@given(value=json_values | _near(["id", "text"], st.text(max_size=60) | json_values))
def test_parse_classify_item_raises_only_input_error(value: Any) -> None:
    try:
        item_id, text = parse_classify_item(value)
    except InputError:
        return
    assert isinstance(text, str) and isinstance(item_id, str | int)


lines = st.lists(
    st.binary(max_size=60)
    | json_values.map(json.dumps).map(str.encode)
    | near_acts.map(lambda o: json.dumps(o, default=str).encode()),
    max_size=8,
)


@FUZZ
@given(raw_lines=lines)
def test_jsonl_runner_reports_bad_lines_and_never_crashes(
    raw_lines: list[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "input.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in raw_lines))
    out, err = io.StringIO(), io.StringIO()
    result = run_jsonl(lambda obj: {"id": parse_act(obj).id}, str(path), out, err, workers=1)
    answers = [line for line in out.getvalue().splitlines() if line]
    assert result.good == len(answers)
    assert result.bad == len(err.getvalue().splitlines())


csv_cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@FUZZ
@given(
    header=st.sampled_from([",".join(COLUMNS), ""]) | csv_cells,
    rows=st.lists(st.lists(csv_cells, max_size=len(COLUMNS) + 2), max_size=6),
)
def test_registry_csv_parser_turns_bad_rows_into_row_errors(
    header: str, rows: list[list[str]]
) -> None:
    text = header + "\n" + "\n".join(",".join(row) for row in rows)
    pairs, errors = parse_registry_csv(text)
    assert all(error.line >= 1 for error in errors)
    # A cell may hold \r or \n, which CSV reads as line ends: count physical lines.
    assert len(pairs) <= text.count("\n") + text.count("\r")


def test_registry_csv_parser_survives_a_lone_carriage_return() -> None:
    """Found by fuzzing: a lone \r used to raise csv.Error."""
    pairs, errors = parse_registry_csv(",".join(COLUMNS) + "\na\rb,c\n")
    assert not pairs and errors


aware = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
submissions = st.builds(
    ReportSubmission,
    category=st.sampled_from(["politik_uang", "netralitas_asn", ""]) | st.text(max_size=20),
    description=st.text(max_size=300),
    discovered_at=st.none() | aware,
    occurred_at=st.none() | aware,
    region_code=st.sampled_from(["31.71.01.1001", "31", ""]) | st.text(max_size=16),
    place_detail=st.text(max_size=40),
    tps_number=st.text(max_size=12),
    # NaN and infinities too: the validator must refuse them, not crash (found by fuzzing).
    latitude=st.none() | st.decimals(places=6),
    longitude=st.none() | st.decimals(places=6),
    keep_location=st.booleans(),
    terlapor=st.text(max_size=40),
    post_text=st.text(max_size=80),
    reporter_name=st.text(max_size=20),
    reporter_contact=st.text(max_size=30),
    witnesses=st.lists(st.builds(WitnessData, name=st.text(max_size=20)), max_size=3),
)


@pytest.mark.django_db
@FUZZ
@given(submission=submissions)
def test_report_validator_raises_only_report_error(submission: ReportSubmission) -> None:
    try:
        validate_submission(submission, datetime(2024, 11, 27, 12, tzinfo=UTC))
    except ReportError as exc:
        assert exc.errors and all(e.code and e.field is not None for e in exc.errors)
