"""The Django-free registry CSV parser and file helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from posko.candidates.registry import (
    COLUMNS,
    Pair,
    format_registry_csv,
    load_registry_file,
    parse_registry_csv,
    read_registry_file,
    snapshot_path,
)

HEADER = ",".join(COLUMNS)
GOOD_1 = "31,DKI Jakarta,gubernur,1,Ridwan Kamil,Suswono,RK;RIDO,"
GOOD_2 = "31,DKI Jakarta,gubernur,2,Dharma Pongrekun,Kun Wardana,,"


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_good_rows_parse() -> None:
    pairs, errors = parse_registry_csv(_csv(GOOD_1, GOOD_2))
    assert errors == []
    assert pairs[0] == Pair(
        "31", "DKI Jakarta", "gubernur", 1, "Ridwan Kamil", "Suswono", ("RK", "RIDO"), ()
    )


def test_wrong_header_is_line_1_and_nothing_is_used() -> None:
    pairs, errors = parse_registry_csv("code,name\n" + GOOD_1 + "\n")
    assert pairs == []
    assert errors[0].line == 1 and "header" in errors[0].message


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("31,DKI Jakarta,gubernurr,3,X,Y,,", "election must be one of"),
        ("31,DKI Jakarta,gubernur,tiga,X,Y,,", "number must be a positive integer"),
        ("31,DKI Jakarta,gubernur,0,X,Y,,", "number must be a positive integer"),
        ("31,DKI Jakarta,gubernur,1,X,Y,,", "duplicate ballot number 1"),
        ("31,DKI Jakarta,gubernur,3,,Y,,", "candidate is empty"),
        ("31,DKI Jakarta,gubernur,3", "expected 8 columns"),
        (",Jawa Barat,gubernur,3,X,Y,,", "region_code is required"),
    ],
)
def test_bad_row_names_its_line_and_good_rows_survive(bad_row: str, reason: str) -> None:
    pairs, errors = parse_registry_csv(_csv(GOOD_1, bad_row, GOOD_2))
    assert [(e.line, reason in e.message) for e in errors] == [(3, True)]
    assert [p.number for p in pairs] == [1, 2]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    pairs, errors = parse_registry_csv("\ufeff" + _csv(GOOD_1))
    assert errors == [] and len(pairs) == 1
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv(GOOD_1, GOOD_2).encode())
    registry, errors = load_registry_file(path)
    assert errors == [] and len(registry.pairs) == 2


def test_unreadable_files_are_errors_not_exceptions(tmp_path: Path) -> None:
    _, errors = read_registry_file(tmp_path / "missing.csv")
    assert errors[0].line == 0 and "not found" in errors[0].message
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(_csv(GOOD_1, "32,Jawa Barat,gubernur,1,Ac\xe9p,Y,,").encode("latin-1"))
    pairs, errors = read_registry_file(latin)
    assert pairs == [] and errors[0].line == 3 and "UTF-8" in errors[0].message
    _, errors = read_registry_file(tmp_path)
    assert "directory" in errors[0].message


def test_export_format_round_trips() -> None:
    pairs, _ = parse_registry_csv(_csv(GOOD_1, GOOD_2, ',Indonesia,presiden,1,"A, B",C,X;Y,P;Q'))
    text = format_registry_csv(pairs)
    assert text.splitlines()[0] == HEADER
    assert parse_registry_csv(text) == (pairs, [])


def test_snapshot_path_follows_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSKO_DATA_DIR", str(tmp_path))
    assert snapshot_path() == tmp_path / "registry.csv"


def test_demo_registry_file_is_valid() -> None:
    from posko.candidates.demo import DEMO_REGISTRY

    registry, errors = load_registry_file(DEMO_REGISTRY)
    assert errors == []
    races = {p.race_key for p in registry.pairs}
    assert races == {
        ("", "presiden"),
        ("31", "gubernur"),
        ("32", "gubernur"),
        ("33", "gubernur"),
        ("35", "gubernur"),
    }
    assert len(registry.races_for("31.74")) == 3 + 3
