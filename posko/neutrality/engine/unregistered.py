"""Candidate pairs that no registry lists: "Appi-Aliyah", "Respati-Astrid".

Indonesian election talk names a pair by joining two nicknames with a hyphen, or in a hashtag
with their ballot number ("#AnsyJaneNomor1"). A registry covers
the races an office monitors, yet posts about any other race still name their pairs this way,
and without a name the content rules see "ayo menangkan Appi-Aliyah di pilwalkot" as a bare
call to vote. Two capitalised words joined by a hyphen, neither of them a common word, a region
or an entity the matcher already knows, in a text with election vocabulary (gazetteer
`pair_context_words`), are read as an unregistered pair: an "alias" match with no Pair, which
names a candidate for the content rules without claiming a race or a ballot number
(entities.EntityMatcher.match makes the matches). A hashtag of two such names ending in a
number is read as a pair whatever the rest of the text says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence
from functools import cache
from typing import TYPE_CHECKING

from posko.neutrality.engine.normalize import (
    Normalized,
    compiled,
    load_slang,
    normalize,
)

if TYPE_CHECKING:  # entities imports this module
    from posko.neutrality.engine.entities import EntityMatch, Gazetteer

# "Appi-Aliyah", "Eri – Armuji"; not inside a handle, hashtag, URL or longer hyphenated word
_PAIR_RE = re.compile(r"(?<![\w@#/.\-])([A-Z][a-z]{2,14}) ?[-–] ?([A-Z][a-z]{2,14})(?![\w\-])")
# A campaign hashtag of two names and a ballot number: "#AnsyJaneNomor1", "#YoyokJoss02" (the
# "Nomor" or the zero says ballot number: "#GoodVibes1" is no pair).
_TAG_PAIR_RE = re.compile(
    r"(?<![\w#])#([A-Z][a-z]{2,14})([A-Z][a-z]{2,14})(?:(?:Nomor|Nomer|Nmr|No)0?|0)[1-9](?![\w])"
)
# A word, spaces, then a capitalised word (a name is written so; one in capitals counts too).
# The name is a lookahead, so that it can be the first word of the next match.
_ADDRESSED_RE = re.compile(r"(?<![\w])([A-Za-z]{2,6}) +(?=([A-Z][A-Za-z]{2,13})(?![\w]))")
_CALENDAR = (
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "januari", "februari", "maret",
    "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember",
)  # fmt: skip


@cache
def _common_words() -> frozenset[str]:
    """Words that are never a nickname here: the slang table's words and the calendar."""

    def build() -> frozenset[str]:
        slang = load_slang()
        return frozenset({*slang, *(w for formal in slang.values() for w in formal), *_CALENDAR})

    result: frozenset[str] = compiled("unregistered_pairs_common", build)
    return result


def _plain_letters(text: str) -> str:
    """The text with styled letters made plain ("𝗕𝗮𝗻𝗴 𝗛𝗮𝗿𝘂𝗻" -> "Bang Harun"), as the
    normaliser reads them, so that the capital-letter patterns above see them."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def unregistered_pairs(
    norm: Normalized, known: Container[str], gazetteer: Gazetteer
) -> list[tuple[str, str]]:
    """(normalised surface, label) of each hyphenated pair of unknown names in an election
    text (see the module docstring); `known` holds the words the entity matcher resolves."""
    text = _plain_letters(norm.original)
    tokens = norm.tokens
    found_pairs = []
    if norm.hashtags:
        found_pairs = list(_TAG_PAIR_RE.finditer(text))  # the number is the election context
    if ("-" in text or "\u2013" in text) and not gazetteer.pair_context_words.isdisjoint(tokens):
        found_pairs.extend(_PAIR_RE.finditer(text))
    if not found_pairs:
        return []
    common, regions = _common_words(), gazetteer.region_words
    out: list[tuple[str, str]] = []
    for found in found_pairs:
        a, b = found[1].lower(), found[2].lower()
        if a in known or b in known or not _unknown_pair(a, b, common, regions):
            continue
        if (a, b) not in zip(tokens, tokens[1:], strict=False):
            continue  # normalised differently: the surface must mask the tokens it names
        out.append((f"{a} {b}", f"{found[1]}-{found[2]}"))
    return out


def names_someone(norm: Normalized) -> bool:
    """Whatever the rest of the text says: two capitalised names joined by a hyphen (a pair:
    "pilih yg berani: Sugawa-Suardana") or a capitalised name after a form of address ("yang
    amanah ya Mas Dito"), neither a common word, region or title. For a rule that must not read
    a text as naming no one where the matcher, lacking election words, names no one."""
    from posko.neutrality.engine.entities import load_gazetteer  # entities imports this module

    gazetteer = load_gazetteer()
    text = _plain_letters(norm.original)
    if "-" in text or "\u2013" in text:
        common, regions = _common_words(), gazetteer.region_words
        for found in _PAIR_RE.finditer(text):
            if _unknown_pair(found[1].lower(), found[2].lower(), common, regions):
                return True
    skip = _not_names_cached()
    return any(
        found[1].lower() in gazetteer.honorifics and found[2].lower() not in skip
        for found in _ADDRESSED_RE.finditer(text)
    )


def _unknown_pair(a: str, b: str, common: Container[str], regions: Container[str]) -> bool:
    """Two different lowercased names, neither a common word nor a region ("jawa bali" is no
    pair)."""
    return a != b and not any(w in common or w in regions for w in (a, b))


@cache
def _not_names_cached() -> frozenset[str]:
    from posko.neutrality.engine.entities import load_gazetteer  # entities imports this module

    return not_names(load_gazetteer())


def not_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Words that are never a name after a form of address: common words, regions, titles and
    trades, forms of address. The matcher builds it once (thousands of words)."""
    return (
        _common_words() | gazetteer.region_words | gazetteer.address_titles | gazetteer.honorifics
    )


def unregistered_people(
    norm: Normalized,
    skip: Container[str],
    gazetteer: Gazetteer,
    matched: Sequence[EntityMatch] = (),
) -> list[tuple[str, str]]:
    """(normalised surface, label) of each unknown name right after a form of address ("Pak
    Harun", "Kaka Ansy") in an election text: a candidate no registry lists, like the pairs
    above. The name must be written with a capital, follow the form of address with only
    spaces between, and be no common word, region, title or trade ("Pak Camat", "Bu Guru":
    gazetteer address_titles), nor part of an entity already matched ("Bang Doel"). `skip`:
    not_names() and the words the entity matcher resolves."""
    tokens = norm.tokens
    if gazetteer.pair_context_words.isdisjoint(tokens):
        return []
    honorifics = gazetteer.honorifics
    taken = {w for m in matched for w in m.surface.split()}
    text = _plain_letters(norm.original)
    out: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for found in _ADDRESSED_RE.finditer(text):
        title, name = found[1], found[2]
        if (title, name) in seen or title.lower() not in honorifics:
            continue
        seen.add((title, name))
        low = name.lower()
        if low in skip or low in taken:
            continue
        form = normalize(f"{title} {name}").tokens
        if len(form) != 2 or form[1] != low:
            continue
        if form not in zip(tokens, tokens[1:], strict=False):
            continue  # normalised differently: the surface must mask the tokens it names
        out[" ".join(form)] = f"{title} {name}"
    return list(out.items())


def unregistered_epithets(
    norm: Normalized, gazetteer: Gazetteer, matched: Sequence[EntityMatch] = ()
) -> list[tuple[str, str]]:
    """(normalised surface, label) of each former office that names one person ("mantan
    wawako Palembang", "eks bos PSM") in a text where someone runs for office ("nak jadi wako",
    "maju lagi"): a candidate no registry lists. The place or body after the office belongs to
    the epithet when it is a region or no common word. Epithets already matched (a gazetteer
    figure's) are left to that match."""
    toks = norm.tokens
    heads, roles = gazetteer.epithet_heads, gazetteer.epithet_roles
    offices = gazetteer.election_offices
    running = not gazetteer.running_words.isdisjoint(toks) or any(
        t == "jadi" and toks[i + 1] in offices for i, t in enumerate(toks[:-1])
    )
    if not running:
        return []
    taken = {w for m in matched for w in m.surface.split()}
    common = _common_words()
    out: dict[str, str] = {}
    for i, t in enumerate(toks[:-1]):
        if t not in heads or toks[i + 1] not in roles or toks[i + 1] in taken:
            continue
        end = i + 2
        after = toks[end] if end < len(toks) else ""
        if after in gazetteer.region_words or (
            after and after not in common and after not in roles
        ):
            end += 1  # "mantan wawako palembang", "eks bos psm"
        surface = " ".join(toks[i:end])
        out[surface] = surface
    return list(out.items())
