"""Voter advice, content rule R20: how to choose, not whom.

"Gunakan hak pilihmu, pilih pemimpin yang jujur dan amanah" is the voter education an ASN may
share. Its words ("pilih", "pemimpin", "terbaik") weigh towards partisan in the tweet corpora
the content model learned from, where they mostly come with a name, so the model alone reads it
as a push. The rule reads the shape instead (the word lists are gazetteer data):
* a call to choose by a virtue: an advice_verbs word, up to three advice_objects words, an
  advice_relatives word and an advice_virtues word ("pilih yang jujur", "pilih aja calon
  gubernur yang paling amanah", Jv "coblos sing amanah"), not the writer's own choice
  (advice_own_choice: "aku sih pilih yang ...", unless an advice_appeals word comes between:
  "saya ajak kalian pilih ...");
* next to a civic cue ("gunakan hak pilihmu", "jangan golput", "tolak politik uang"): without
  one, a second clause can point at a side in more ways than a list can hold ("pilih yang
  jujur, pilih mas dhito", "..., gak kayak yang sekarang", "@handle", "#NamaNama");
* naming nobody and no number (nor a name the matcher does not know: two capitalised names
  joined by a hyphen, "Sugawa-Suardana", or a capitalised name after a form of address, "Mas
  Dito"), with no hand sign and no attack, and with no support cue but the call itself;
* winking at no side: no advice_winks phrase ("beliau", "lanjutkan", "tau lah yang mana",
  "bukan yang ...", "partainya", "yang merah") and no wink or party-symbol emoji.
Such a call is civic where the model says partisan. Many winks are everyday words of voter
education too ("lawan politik uang", "cek nomor urut di DPT"), so a wink only keeps R20, and R4
(even-handed wording, content.py), from overruling the model; it never makes a text partisan
by itself: a rule that read a described, winked-at call partisan where the model says civic
was tried and dropped, because wink words in a next clause ("..., lalu lanjutkan pengawasan",
"kolom sebelah kanan") turned civic voter education partisan.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from posko.neutrality.engine.cues import Cues
from posko.neutrality.engine.entities import EntityMatch, PhraseIndex, load_gazetteer
from posko.neutrality.engine.normalize import Normalized
from posko.neutrality.engine.unregistered import names_someone

# 😉 😏 🤫 🤭: "pilih yang terbaik ya 😉" points at someone; so do party symbols: 🐂 🐃 the
# PDI-P bull, 🦅 the Gerindra garuda (also the national Garuda: it only keeps R20 and R4 off)
SIDE_EMOJI = frozenset("\U0001f609\U0001f60f\U0001f92b\U0001f92d\U0001f402\U0001f403\U0001f985")
OWN_CHOICE_WINDOW = 3  # words before the verb that may say it is the writer's own choice
MAX_OBJECTS = 3  # "pilih aja calon gubernur yang ..." ("aja" reads "saja")
MAX_INTENSIFIERS = 2  # "yang betul betul jujur" ("betul-betul" is two tokens)


def voter_advice(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R20: a call to choose by a virtue, next to a civic cue, that names no one and winks at
    no side (`cues` as content.py reads them)."""
    if matches or norm.hand_numbers or cues.attack or not cues.civic:
        return False
    if not _advice_support().issuperset(cues.support):
        return False  # "menangkan", "dukung": a side is taken
    return _advice_call(norm.tokens) and not any_wink(norm) and not names_someone(norm)


def any_wink(norm: Normalized) -> bool:
    """An advice_winks phrase or a SIDE_EMOJI anywhere in the text: R20 does not read such a
    call civic, and R4 does not overrule the model for such even-handed wording."""
    if not SIDE_EMOJI.isdisjoint(norm.original):
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


def _advice_call(tokens: Sequence[str]) -> bool:
    """A verb, up to MAX_OBJECTS object words, a relative and a virtue (up to
    MAX_INTENSIFIERS words such as "paling" may come before it), with no word of the writer's
    own choice just before the verb."""
    gazetteer = load_gazetteer()
    verbs, objects = gazetteer.advice_verbs, gazetteer.advice_objects
    relatives, virtues = gazetteer.advice_relatives, gazetteer.advice_virtues
    intensifiers = gazetteer.advice_intensifiers
    for i, token in enumerate(tokens):
        if token not in verbs or _own_choice(tokens, i):
            continue
        j = i + 1
        while j < len(tokens) and j - i <= MAX_OBJECTS and tokens[j] in objects:
            j += 1
        if j >= len(tokens) or tokens[j] not in relatives:
            continue
        # the virtue, maybe past "paling" or "betul-betul" ("benar" is a virtue of its own)
        for word in tokens[j + 1 : j + 2 + MAX_INTENSIFIERS]:
            if word in virtues:
                return True
            if word not in intensifiers:
                break
    return False


def _own_choice(tokens: Sequence[str], verb: int) -> bool:
    """The advice_own_choice word nearest the verb, within OWN_CHOICE_WINDOW words before it,
    with no advice_appeals word between ("saya ajak kalian pilih ..." appeals)."""
    gazetteer = load_gazetteer()
    before = tokens[max(0, verb - OWN_CHOICE_WINDOW) : verb]
    for k in range(len(before) - 1, -1, -1):
        if before[k] in gazetteer.advice_own_choice:
            return gazetteer.advice_appeals.isdisjoint(before[k + 1 :])
    return False
