"""Tracking codes: random, easy to read aloud, with a check character that catches typos.

Format XXXX-XXXX-XXXX-XXXX over a 31-symbol alphabet without 0/O, 1/I/L (which sound or look
alike): 15 random symbols (15 x log2(31) = 74.3 bits) and one check symbol. The check makes the
weighted sum (weights 1..16) divisible by 31; 31 is prime, so every single wrong symbol and
every swap of two neighbours is recognised.
"""

from __future__ import annotations

import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)  # 31, prime
GROUPS, GROUP_SIZE = 4, 4
LENGTH = GROUPS * GROUP_SIZE
RANDOM_SYMBOLS = LENGTH - 1
ENTROPY_BITS = RANDOM_SYMBOLS * math.log2(BASE)
_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
# People separate groups with spaces, dashes, dots or nothing at all.
_SEPARATORS = re.compile(r"[\s\-_.]+")


class InvalidTrackingCode(ValueError):
    """The text cannot be a tracking code: wrong length, letters or check symbol."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _weighted_sum(symbols: str) -> int:
    return sum((position + 1) * _VALUE[s] for position, s in enumerate(symbols))


def check_symbol(body: str) -> str:
    """The 16th symbol for 15 body symbols: makes the weighted sum 0 modulo 31."""
    remainder = _weighted_sum(body) % BASE
    # 16 * c ≡ -remainder (mod 31); 16's inverse mod 31 is 2 (16 * 2 = 32 ≡ 1).
    return ALPHABET[(-remainder * 2) % BASE]


def format_code(symbols: str) -> str:
    """Group 16 symbols as XXXX-XXXX-XXXX-XXXX."""
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def generate_code() -> str:
    """A fresh random code from the OS's secure random source."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return format_code(body + check_symbol(body))


def normalise_code(text: str) -> str:
    """The canonical form of what someone typed; raises InvalidTrackingCode when it cannot be one.

    Case and separators do not matter ("abcd efgh-jkmn pqrs").
    """
    symbols = _SEPARATORS.sub("", text or "").upper()
    if len(symbols) != LENGTH:
        raise InvalidTrackingCode("tracking_code_length", f"a code has {LENGTH} letters/digits")
    bad = sorted({s for s in symbols if s not in _VALUE})
    if bad:
        raise InvalidTrackingCode(
            "tracking_code_symbols", f"codes never contain {', '.join(bad)} (no 0, O, 1, I, L)"
        )
    if _weighted_sum(symbols) % BASE != 0:
        raise InvalidTrackingCode("tracking_code_check", "the check symbol does not match")
    return format_code(symbols)


def spoken_groups(code: str) -> list[str]:
    """The code as groups with spaces between symbols, for reading aloud ("A B C D")."""
    return [" ".join(group) for group in code.split("-")]
