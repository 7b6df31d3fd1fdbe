"""Tracking codes: format, entropy, the check symbol and tolerant input."""

from __future__ import annotations

import re

import pytest

from posko.reports.tracking import (
    ALPHABET,
    ENTROPY_BITS,
    InvalidTrackingCode,
    generate_code,
    normalise_code,
    spoken_groups,
)

FORMAT = re.compile(
    r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){3}$"
)


def test_codes_are_four_groups_of_four_from_an_unambiguous_alphabet() -> None:
    codes = {generate_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert FORMAT.match(code), code
    assert not set("0O1IL") & set(ALPHABET)
    assert ENTROPY_BITS >= 64


def test_every_symbol_is_used() -> None:
    seen = set("".join(generate_code() for _ in range(500)).replace("-", ""))
    assert seen == set(ALPHABET)


def test_input_tolerates_case_spaces_and_dashes() -> None:
    code = generate_code()
    assert normalise_code(code.lower()) == code
    assert normalise_code(code.replace("-", " ")) == code
    assert normalise_code("  " + code.replace("-", "") + " ") == code
    assert normalise_code(" - ".join(spoken_groups(code))) == code


def test_every_single_typo_is_recognised() -> None:
    code = generate_code().replace("-", "")
    for position in range(len(code)):
        for symbol in ALPHABET:
            if symbol == code[position]:
                continue
            typo = code[:position] + symbol + code[position + 1 :]
            with pytest.raises(InvalidTrackingCode) as info:
                normalise_code(typo)
            assert info.value.code == "tracking_code_check"


def test_swapped_neighbours_are_recognised() -> None:
    for _ in range(50):
        code = generate_code().replace("-", "")
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            with pytest.raises(InvalidTrackingCode):
                normalise_code(swapped)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "tracking_code_length"),
        ("ABCD-EFGH-JKMN", "tracking_code_length"),
        ("ABCD-EFGH-JKMN-PQR0", "tracking_code_symbols"),
        ("OBCD-EFGH-JKMN-PQRS", "tracking_code_symbols"),
    ],
)
def test_malformed_codes_say_what_is_wrong(text: str, error: str) -> None:
    with pytest.raises(InvalidTrackingCode) as info:
        normalise_code(text)
    assert info.value.code == error
