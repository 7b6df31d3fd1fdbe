"""Stage 2b: find support, attack, civic and election cue phrases in normalised text.

The phrases live in data/cues.yaml. They are normalised with the same normalize() as the
text, so slang, regional forms and number words line up ("nyoblos" and "coblos" are one cue).
Matching is leftmost-longest over tokens: "jangan pilih" (attack) hides "pilih" (support).
Returned cues are the normalised phrases; hashtag cues are returned as "#<body>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Literal, NamedTuple

from posko.neutrality.engine.normalize import Normalized, compiled, load_yaml, normalize

Group = Literal["support", "attack", "civic", "election", "political", "even"]
GROUPS: tuple[Group, ...] = ("support", "attack", "civic", "election", "political", "even")
# (GROUPS is also the field order of Cues: find_cues builds one from it)
# A hashtag gets one stance group, checked in this order, so "#gantipresiden" is attack
# although it ends like "#...presiden" (support). Election patterns are checked separately.
_STANCE_ORDER: tuple[Group, ...] = ("attack", "civic", "support")
Form = tuple[str, ...]


class Cues(NamedTuple):
    """Cue phrases found in one text, by group, in order of first appearance (a named tuple:
    one is built per text)."""

    support: tuple[str, ...] = ()
    attack: tuple[str, ...] = ()
    civic: tuple[str, ...] = ()
    election: tuple[str, ...] = ()
    political: tuple[str, ...] = ()  # government/state politics vocabulary and institutions
    even: tuple[str, ...] = ()  # even-handed wording: "siapapun", "apapun pilihanmu"


class CuePhrase(NamedTuple):
    """One cue phrase as find_cues uses it, everything derived from `form` precomputed."""

    form: Form
    size: int  # len(form)
    surface: str  # the form joined with spaces: what find_cues reports
    groups: tuple[Group, ...]
    election_words: tuple[str, ...]  # one-word election cues inside a longer phrase


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Compiled cues.yaml: a first-token index of phrases and the hashtag patterns."""

    index: dict[str, tuple[CuePhrase, ...]]  # longest phrase first
    prefixes: tuple[tuple[str, Group], ...]  # "#ganti..." -> ("ganti", "attack")
    suffixes: tuple[tuple[str, Group], ...]  # "#...lagi" -> ("lagi", "support")
    election_words: frozenset[str]  # one-word election cues, also reported inside phrases


@cache
def load_cues() -> CueLexicon:
    """Read and compile data/cues.yaml once (through the compiled lexicon cache)."""
    return compiled("cues", build_cues)


def build_cues() -> CueLexicon:
    """Compile data/cues.yaml (load_cues() without the cache)."""
    raw = dict(load_yaml("cues.yaml"))  # shallow copy: the parsed YAML is shared
    # The gazetteer's institutions (DPR, KPK, kementerian, ...) are political vocabulary too.
    gaz = load_yaml("gazetteer.yaml")
    raw["political"] = [*raw.get("political", []), *gaz.get("institutions", [])]
    phrases: dict[Form, list[Group]] = {}
    prefixes: list[tuple[str, Group]] = []
    suffixes: list[tuple[str, Group]] = []
    for group in GROUPS:
        for phrase in raw.get(group, []):
            text = str(phrase)
            if text.startswith("#"):
                body = text[1:].lower()
                if body.startswith("..."):
                    suffixes.append((body[3:], group))
                else:
                    prefixes.append((body.removesuffix("..."), group))
                continue
            for variant in expand_alternatives(text):
                form = normalize(variant).tokens
                if form and group not in phrases.setdefault(form, []):
                    phrases[form].append(group)
    election_words = frozenset(f[0] for f, g in phrases.items() if len(f) == 1 and "election" in g)
    index: dict[str, list[CuePhrase]] = {}
    for form, groups in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        inner = tuple(w for w in form if w in election_words) if len(form) > 1 else ()
        phrase = CuePhrase(form, len(form), " ".join(form), tuple(groups), inner)
        index.setdefault(form[0], []).append(phrase)
    return CueLexicon(
        {k: tuple(v) for k, v in index.items()}, tuple(prefixes), tuple(suffixes), election_words
    )


_ALTERNATIVES_RE = re.compile(r"\{([^{}]*)\}")


def expand_alternatives(phrase: str) -> list[str]:
    """Every phrase a "{a|b}" pattern stands for: "{cocok|layak} jadi" -> ["cocok jadi",
    "layak jadi"]. A phrase without braces stands for itself."""
    found = _ALTERNATIVES_RE.search(phrase)
    if found is None:
        if "{" in phrase or "}" in phrase:
            raise ValueError(f"cues.yaml: unbalanced braces in {phrase!r}")
        return [phrase]
    if any(not option.strip() for option in found.group(1).split("|")):
        raise ValueError(f"cues.yaml: an empty alternative in {phrase!r}")
    head, tail = phrase[: found.start()], phrase[found.end() :]
    return [
        variant
        for option in found.group(1).split("|")
        for variant in expand_alternatives(head + option.strip() + tail)
    ]


def _hashtag_groups(tag: str, lexicon: CueLexicon) -> list[Group]:
    """Groups a hashtag body belongs to: at most one stance group, plus election."""
    body = tag.lstrip("0123456789")  # "#2019gantipresiden" reads as "gantipresiden"
    hits = {g for p, g in lexicon.prefixes if body.startswith(p) and body != p}
    hits |= {g for s, g in lexicon.suffixes if body.endswith(s) and body != s}
    out: list[Group] = [g for g in _STANCE_ORDER if g in hits][:1]
    if "election" in hits:
        out.append("election")
    return out


_NO_CUES = Cues()


@cache
def _by_first() -> dict[str, tuple[dict[str, tuple[CuePhrase, ...]], CuePhrase | None]]:
    """load_cues().index as {first word: ({second word: phrases of 2+ words, longest first},
    the one-word phrase or None)}: find_cues looks the next word up instead of trying each
    phrase."""
    out: dict[str, tuple[dict[str, tuple[CuePhrase, ...]], CuePhrase | None]] = {}
    for first, phrases in load_cues().index.items():
        longer: dict[str, list[CuePhrase]] = {}
        for phrase in phrases:
            if phrase.size > 1:
                longer.setdefault(phrase.form[1], []).append(phrase)
        single = next((p for p in phrases if p.size == 1), None)
        out[first] = ({k: tuple(v) for k, v in longer.items()}, single)
    return out


def find_cues(norm: Normalized) -> Cues:
    """Cue phrases of each group found in the normalised text."""
    by_first = _by_first()
    toks = norm.tokens
    starts = [i for i, t in enumerate(toks) if t in by_first]
    if not starts and not norm.hashtags:
        return _NO_CUES  # most texts: no cue word at all
    found: dict[Group, dict[str, None]] = {}
    free = 0
    last = len(toks) - 1
    for i in starts:
        if i < free:
            continue
        # the longest phrase starting here; a one-word phrase is toks[i] itself
        longer, phrase = by_first[toks[i]]
        if longer and i < last:
            for candidate in longer.get(toks[i + 1], ()):
                if toks[i : i + candidate.size] == candidate.form:
                    phrase = candidate
                    break
        if phrase is not None:
            surface = phrase.surface
            if phrase.form[-1] == "nomor" and _reminder_of_a_task(phrase.form, toks, i):
                free = i + phrase.size
                continue  # "jangan lupa nomor 3 dikerjain": homework, not a ballot reminder
            for group in phrase.groups:
                found.setdefault(group, {})[surface] = None
            free = i + phrase.size
            for word in phrase.election_words:  # "pilkada" inside "pilkada damai"
                found.setdefault("election", {})[word] = None
    if norm.hashtags:
        lexicon = load_cues()
        for tag in norm.hashtags:
            for group in _hashtag_groups(tag, lexicon):
                found.setdefault(group, {})["#" + tag] = None
    if not found:
        return _NO_CUES
    # Cues(support=tuple(found.get("support", ())), ...) in C: GROUPS is the field order
    return _new_tuple(Cues, map(tuple, map(found.get, GROUPS, _NO_GROUP)))


def _reminder_of_a_task(form: Form, toks: Form, at: int) -> bool:
    """A "jangan lupa nomor" reminder (form, found at toks[at]) with a task word (gazetteer
    task_words) within four words after its number: entities._ballot_at reads the number the
    same way. Other phrases ending in "nomor" ("coblos nomor 2, bawa KTP") are not reminders."""
    # lazily: entities is heavier to import, and rarely needed here
    from posko.neutrality.engine.entities import REMINDER_NEGATIONS, load_gazetteer

    if form[0] not in REMINDER_NEGATIONS:
        return False
    after = at + len(form)
    return not load_gazetteer().task_words.isdisjoint(toks[after + 1 : after + 5])


_new_tuple = tuple.__new__
_NO_GROUP = repeat(())  # endless default for found.get: never used up
