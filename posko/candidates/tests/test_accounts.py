"""The optional trailing `accounts` column of the registry CSV."""

from __future__ import annotations

import pytest

from posko.candidates.registry import COLUMNS, format_registry_csv, parse_registry_csv

HEADER8 = ",".join(COLUMNS)
HEADER9 = HEADER8 + ",accounts"
ROW = "31,DKI Jakarta,gubernur,3,Pramono Anung,Rano Karno,Mas Pram,PDIP"


def test_accounts_column_is_parsed_and_canonical() -> None:
    pairs, errors = parse_registry_csv(
        f"{HEADER9}\n{ROW},instagram:@PramonoAnung; Twitter:pramonoanung ;tiktok:pramonorano\n"
    )
    assert errors == []
    assert pairs[0].accounts == (
        ("instagram", "pramonoanung"),
        ("x", "pramonoanung"),
        ("tiktok", "pramonorano"),
    )


def test_eight_column_registry_stays_valid_and_round_trips_unchanged() -> None:
    text = f"{HEADER8}\n{ROW}\n"
    pairs, errors = parse_registry_csv(text)
    assert errors == [] and pairs[0].accounts == ()
    assert format_registry_csv(pairs) == text


def test_round_trip_with_accounts_and_empty_cells() -> None:
    text = f"{HEADER9}\n{ROW},instagram:pramonoanung;x:pramonoanung\n{ROW.replace(',3,', ',1,')},\n"
    pairs, errors = parse_registry_csv(text)
    assert errors == []
    assert format_registry_csv(pairs) == text


@pytest.mark.parametrize(
    ("cell", "message"),
    [("pramonoanung", "platform:handle"), ("instagram:@", "platform:handle"), (":x", "platform")],
)
def test_bad_account_items_are_row_errors(cell: str, message: str) -> None:
    pairs, errors = parse_registry_csv(f"{HEADER9}\n{ROW},{cell}\n")
    assert pairs == []
    assert errors[0].line == 2 and message in errors[0].message


def test_nine_columns_under_an_eight_column_header_is_an_error() -> None:
    _pairs, errors = parse_registry_csv(f"{HEADER8}\n{ROW},instagram:a\n")
    assert errors[0].message == "expected 8 columns, found 9"
