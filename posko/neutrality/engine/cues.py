"""Stage 2b: find support, attack, civic and election cue phrases in normalised text.

The phrases live in data/cues.yaml. They are normalised with the same normalize() as the
text, so slang, regional forms and number words line up ("nyoblos" and "coblos" are one cue).
Matching is leftmost-longest over tokens: "jangan pilih" (attack) hides "pilih" (support).
Returned cues are the normalised phrases; hashtag cues are returned as "#<body>".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import yaml

from posko.neutrality.engine.normalize import DATA_DIR, Normalized, normalize

Group = Literal["support", "attack", "civic", "election", "political", "even"]
GROUPS: tuple[Group, ...] = ("support", "attack", "civic", "election", "political", "even")
# A hashtag gets one stance group, checked in this order, so "#gantipresiden" is attack
# although it ends like "#...presiden" (support). Election patterns are checked separately.
_STANCE_ORDER: tuple[Group, ...] = ("attack", "civic", "support")
Form = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue phrases found in one text, by group, in order of first appearance."""

    support: tuple[str, ...] = ()
    attack: tuple[str, ...] = ()
    civic: tuple[str, ...] = ()
    election: tuple[str, ...] = ()
    political: tuple[str, ...] = ()  # government/state politics vocabulary and institutions
    even: tuple[str, ...] = ()  # even-handed wording: "siapapun", "apapun pilihanmu"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Compiled cues.yaml: a first-token index of phrases and the hashtag patterns."""

    index: dict[str, tuple[tuple[Form, tuple[Group, ...]], ...]]
    prefixes: tuple[tuple[str, Group], ...]  # "#ganti..." -> ("ganti", "attack")
    suffixes: tuple[tuple[str, Group], ...]  # "#...lagi" -> ("lagi", "support")
    election_words: frozenset[str]  # one-word election cues, also reported inside phrases


@cache
def load_cues() -> CueLexicon:
    """Read and compile data/cues.yaml once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load((DATA_DIR / "cues.yaml").read_text("utf-8"), Loader=loader)
    # The gazetteer's institutions (DPR, KPK, kementerian, ...) are political vocabulary too.
    gaz = yaml.load((DATA_DIR / "gazetteer.yaml").read_text("utf-8"), Loader=loader)
    raw.setdefault("political", [])
    raw["political"] = [*raw["political"], *gaz.get("institutions", [])]
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
            form = normalize(text).tokens
            if form and group not in phrases.setdefault(form, []):
                phrases[form].append(group)
    index: dict[str, list[tuple[Form, tuple[Group, ...]]]] = {}
    for form, groups in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        index.setdefault(form[0], []).append((form, tuple(groups)))
    election_words = frozenset(f[0] for f, g in phrases.items() if len(f) == 1 and "election" in g)
    return CueLexicon(
        {k: tuple(v) for k, v in index.items()}, tuple(prefixes), tuple(suffixes), election_words
    )


def _hashtag_groups(tag: str, lexicon: CueLexicon) -> list[Group]:
    """Groups a hashtag body belongs to: at most one stance group, plus election."""
    body = tag.lstrip("0123456789")  # "#2019gantipresiden" reads as "gantipresiden"
    hits = {g for p, g in lexicon.prefixes if body.startswith(p) and body != p}
    hits |= {g for s, g in lexicon.suffixes if body.endswith(s) and body != s}
    out: list[Group] = [g for g in _STANCE_ORDER if g in hits][:1]
    if "election" in hits:
        out.append("election")
    return out


def find_cues(norm: Normalized) -> Cues:
    """Cue phrases of each group found in the normalised text."""
    lexicon = load_cues()
    index = lexicon.index
    toks = norm.tokens
    found: dict[Group, dict[str, None]] = {g: {} for g in GROUPS}
    free = 0
    for i in [i for i, t in enumerate(toks) if t in index]:
        if i < free:
            continue
        for form, groups in index[toks[i]]:
            if toks[i : i + len(form)] == form:
                surface = " ".join(form)
                for group in groups:
                    found[group][surface] = None
                free = i + len(form)
                for word in form if len(form) > 1 else ():
                    if word in lexicon.election_words:  # "pilkada" inside "pilkada damai"
                        found["election"][word] = None
                break
    for tag in norm.hashtags:
        for group in _hashtag_groups(tag, lexicon):
            found[group]["#" + tag] = None
    return Cues(*(tuple(found[g]) for g in GROUPS))
