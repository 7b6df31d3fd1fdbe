"""Voter advice, content rule R20: how to choose, not whom.

"Gunakan hak pilihmu, pilih pemimpin yang jujur dan amanah" is the voter education an ASN may
share. Its words ("pilih", "pemimpin", "terbaik") weigh towards partisan in the tweet corpora
the content model learned from, where they mostly come with a name, so the model alone reads it
as a push. The rule reads the shape instead (the word lists are gazetteer data):
* a call to choose by a virtue: an advice_verbs word, up to two advice_objects words, an
  advice_relatives word and an advice_virtues word ("pilih yang jujur", "pilih aja calon
  gubernur yang paling amanah", Jv "coblos sing amanah"), not the writer's own choice
  (advice_own_choice: "aku sih pilih yang ...", "keluarga kami kompak pilih ...");
* next to a civic cue ("gunakan hak pilihmu", "jangan golput", "tolak politik uang");
* naming nobody and no number, with no hand sign and no attack, and with no support cue but the
  call itself;
* winking at no side: no advice_winks phrase ("beliau", "lanjutkan", "bukan yang ...", "tau lah
  yang mana") and no wink emoji.
content.py applies it to a partisan call; its R4 refuses the same winks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from posko.neutrality.engine.cues import Cues
from posko.neutrality.engine.entities import EntityMatch, PhraseIndex, load_gazetteer
from posko.neutrality.engine.normalize import Normalized

# 😉 😏 🤭 🤫: "pilih yang terbaik ya 😉" points at someone
WINK_EMOJI = frozenset("\U0001f609\U0001f60f\U0001f92d\U0001f92b")
OWN_CHOICE_WINDOW = 3  # words before the verb that may say it is the writer's own choice
MAX_OBJECTS = 3  # "pilih aja calon gubernur yang ..." ("aja" reads "saja")


def voter_advice(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R20: a call to choose by a virtue, next to a civic cue, that names no one and winks at
    no side (`cues` as content.py reads them)."""
    if matches or norm.hand_numbers or cues.attack or not cues.civic:
        return False
    if not _advice_support().issuperset(cues.support):
        return False  # "menangkan", "dukung": a side is taken
    return _advice_call(norm.tokens) and not winks_at_a_side(norm)


def winks_at_a_side(norm: Normalized) -> bool:
    """An advice_winks phrase or a wink emoji: the text points at someone it does not name."""
    if not WINK_EMOJI.isdisjoint(norm.original):
        return True
    return _winks().found_in(norm.tokens)


@cache
def _winks() -> PhraseIndex:
    return PhraseIndex.of(load_gazetteer().advice_wink_forms)


@cache
def _advice_support() -> frozenset[str]:
    """Support cues a call may hold: its verb ("pilih") and a relative with a virtue ("yang
    terbaik", a support cue of its own)."""
    gazetteer = load_gazetteer()
    return gazetteer.advice_verbs | {
        f"{relative} {virtue}"
        for relative in gazetteer.advice_relatives
        for virtue in gazetteer.advice_virtues
    }


def winking_call(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R20's other half: a call to choose someone it describes but does not name, with a wink
    ("gunakan hak pilihmu, pilih pemimpin yang sudah teruji", "pilih yang terbaik, taulah yang
    mana") takes a side, whatever civic words surround it."""
    if matches or not _advice_call(norm.tokens, virtue=False):
        return False
    return winks_at_a_side(norm)


def _advice_call(tokens: Sequence[str], virtue: bool = True) -> bool:
    """A verb, up to MAX_OBJECTS object words, a relative and (with `virtue`) a virtue
    ("paling" may come before it), with no word of the writer's own choice just before the
    verb."""
    gazetteer = load_gazetteer()
    verbs, objects = gazetteer.advice_verbs, gazetteer.advice_objects
    relatives, virtues = gazetteer.advice_relatives, gazetteer.advice_virtues
    for i, token in enumerate(tokens):
        if token not in verbs:
            continue
        if not gazetteer.advice_own_choice.isdisjoint(tokens[max(0, i - OWN_CHOICE_WINDOW) : i]):
            continue
        j = i + 1
        while j < len(tokens) and j - i <= MAX_OBJECTS and tokens[j] in objects:
            j += 1
        if j >= len(tokens) or tokens[j] not in relatives:
            continue
        if not virtue:
            return True
        quality = tokens[j + 1 : j + 3]
        if quality and quality[0] == "paling":
            quality = quality[1:]
        if quality and quality[0] in virtues:
            return True
    return False
