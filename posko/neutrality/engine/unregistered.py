"""Candidate pairs that no registry lists: "Appi-Aliyah", "Respati-Astrid".

Indonesian election talk names a pair by joining two nicknames with a hyphen. A registry covers
the races an office monitors, yet posts about any other race still name their pairs this way,
and without a name the content rules see "ayo menangkan Appi-Aliyah di pilwalkot" as a bare
call to vote. Two capitalised words joined by a hyphen, neither of them a common word, a region
or an entity the matcher already knows, in a text with election vocabulary (gazetteer
`pair_context_words`), are read as an unregistered pair: an "alias" match with no Pair, which
names a candidate for the content rules without claiming a race or a ballot number
(entities.EntityMatcher.match makes the matches).
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import cache

from posko.neutrality.engine.normalize import Normalized, compiled, load_slang, load_yaml

# "Appi-Aliyah", "Eri – Armuji"; not inside a handle, hashtag, URL or longer hyphenated word
_PAIR_RE = re.compile(r"(?<![\w@#/.\-])([A-Z][a-z]{2,14}) ?[-–] ?([A-Z][a-z]{2,14})(?![\w\-])")
_CALENDAR = frozenset(
    [
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ]
)


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words that are never a nickname here, election words that make a pair reading likely)."""

    def build() -> tuple[frozenset[str], frozenset[str]]:
        gazetteer = load_yaml("gazetteer.yaml")
        slang = load_slang()
        never = {*slang, *(w for formal in slang.values() for w in formal), *_CALENDAR}
        never.update(gazetteer.get("region_words") or ())
        return frozenset(never), frozenset(gazetteer.get("pair_context_words") or ())

    result: tuple[frozenset[str], frozenset[str]] = compiled("unregistered_pairs", build)
    return result


def unregistered_pairs(norm: Normalized, known: Container[str]) -> list[tuple[str, str]]:
    """(normalised surface, label) of each hyphenated pair of unknown names in an election
    text (see the module docstring); `known` holds the words the entity matcher resolves."""
    text = norm.original
    if "-" not in text and "\u2013" not in text:
        return []
    never, context = _vocabulary()
    tokens = norm.tokens
    if context.isdisjoint(tokens):
        return []
    out: list[tuple[str, str]] = []
    for found in _PAIR_RE.finditer(text):
        a, b = found[1].lower(), found[2].lower()
        if a == b or a in never or b in never or a in known or b in known:
            continue
        if (a, b) not in zip(tokens, tokens[1:], strict=False):
            continue  # normalised differently: the surface must mask the tokens it names
        out.append((f"{a} {b}", f"{found[1]}-{found[2]}"))
    return out
