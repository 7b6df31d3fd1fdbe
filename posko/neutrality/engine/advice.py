"""Voter advice, content rule R20: how to choose, not whom.

"Gunakan hak pilihmu, pilih pemimpin yang jujur dan amanah" is the voter education an ASN may
share. Its words ("pilih", "pemimpin", "terbaik") weigh towards partisan in the tweet corpora
the content model learned from, where they mostly come with a name, so the model alone reads it
as a push. The rule reads the shape instead: a call to choose by a quality (gazetteer
advice_verbs, an optional advice_objects word, then an advice_relatives word: "pilih yang",
"pilih pemimpin yang", "coblos sing"), next to a civic or even-handed cue, naming nobody and no
number, with no attack and no wink at one side (advice_winks: "beliau", "bukan yang ...",
"tau lah yang mana"). content.py applies it to a partisan call.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from posko.neutrality.engine.cues import Cues
from posko.neutrality.engine.entities import EntityMatch, PhraseIndex, load_gazetteer
from posko.neutrality.engine.normalize import Normalized

# support cues an advice call may hold: the verb itself, and the quality "yang terbaik"
ADVICE_SUPPORT = frozenset({"pilih", "pilihlah", "memilih", "coblos", "yang terbaik"})


def voter_advice(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R20: a call to choose by a quality, next to a civic or even-handed cue, that names no
    one and winks at no side."""
    if matches or norm.hand_numbers or cues.attack or not (cues.civic or cues.even):
        return False
    if not ADVICE_SUPPORT.issuperset(cues.support):
        return False  # "menangkan", "dukung": a side is taken
    return _advice_call(norm.tokens) and not _winks().found_in(norm.tokens)


@cache
def _winks() -> PhraseIndex:
    return PhraseIndex.of(load_gazetteer().advice_wink_forms)


def _advice_call(tokens: Sequence[str]) -> bool:
    """A verb followed by a relative ("pilih yang"), or by one object word and a relative
    ("pilih pemimpin yang")."""
    gazetteer = load_gazetteer()
    verbs, objects = gazetteer.advice_verbs, gazetteer.advice_objects
    relatives = gazetteer.advice_relatives
    last = len(tokens) - 1
    for i, token in enumerate(tokens[:last]):
        if token not in verbs:
            continue
        following = tokens[i + 1]
        if following in relatives:
            return True
        if following in objects and i + 2 <= last and tokens[i + 2] in relatives:
            return True
    return False
