"""Content classification: partisan / civic / non_political, with evidence and targets.

A linear model (engine/model.py) over normalised word unigrams and bigrams plus evidence
pseudo-features from entities and cues makes the call; a few explicit, documented rules then
keep the engine trustworthy where the model alone is not:

R1 A ballot number or hand sign is evidence only with election context (an entity or an
   election/support/attack cue): "juara 2" and "✌️ makasih" are not (done in extract_features).
R2 Even-handed content is civic: naming two or more pairs of the same race (all of them, when
   the race is known) without support/attack cues or partisan slogans is not partisan.
R3 Partisan needs evidence: with no candidate, party, figure, slogan, ballot number, hand sign
   or support/attack cue, a partisan call is downgraded unless the model is very sure.
"""

from __future__ import annotations

from collections.abc import Sequence

from posko.candidates.registry import Pair
from posko.neutrality.engine.cues import Cues
from posko.neutrality.engine.entities import EntityMatch
from posko.neutrality.engine.model import ContentModel, load_content_model
from posko.neutrality.engine.normalize import Normalized
from posko.neutrality.engine.types import ContentClass, ContentVerdict, Target

MAX_TOKENS = 80  # long reviews/blog posts: the opening carries the topic; keeps inference fast
R3_KEEP_PARTISAN = 0.9  # partisan without any evidence survives only above this probability
PAIR_KINDS = frozenset({"candidate", "running_mate", "alias", "ballot_number", "slogan"})
_KIND_LABEL = {
    "candidate": "kandidat",
    "running_mate": "kandidat",
    "alias": "kandidat",
    "ballot_number": "nomor urut",
    "party": "partai",
    "figure": "tokoh politik",
    "slogan": "slogan",
}


# Names are replaced by placeholders in the word features, so "dukung <cand>" and
# "<cand> menang" learned on one registry transfer to candidates never seen in training.
PLACEHOLDER = {
    "candidate": "<cand>",
    "running_mate": "<cand>",
    "alias": "<cand>",
    "slogan": "<slogan>",
    "party": "<party>",
    "figure": "<fig>",
}
NUM_TOKEN = "<num>"
WINDOW = 3  # words this close to a placeholder also become "<cand>~word" stance features
POS_EMOJI = frozenset("\U0001f4af\U0001f525\U0001f4aa\u2764\U0001f60d\U0001f970\U0001f44d\U0001f44f"
                      "\u270a\U0001f929\U0001f618\U0001f496\U0001f499\U0001f49a\U0001f49b\U0001f9e1"
                      "\U0001f49c\u2b50\U0001f31f\U0001f3c6\U0001f947")  # fmt: skip
NEG_EMOJI = frozenset("\U0001f92e\U0001f44e\U0001f621\U0001f921\U0001f4a9\U0001f644\U0001f624"
                      "\U0001f92c\U0001f595\U0001f612\U0001f922\U0001f480")  # fmt: skip


def mask_tokens(tokens: Sequence[str], matches: Sequence[EntityMatch]) -> list[str]:
    """Tokens with every matched entity span replaced by its placeholder ("<cand>", ...)
    and the number of a ballot-number span by "<num>" ("coblos 3" -> "coblos <num>")."""
    if not matches:
        return list(tokens)
    forms: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for m in matches:
        form = tuple(m.surface.split())
        if not form:
            continue
        if m.kind == "ballot_number":
            repl = tuple(NUM_TOKEN if t.isdigit() else t for t in form)
        else:
            repl = (PLACEHOLDER.get(m.kind, "<cand>"),)
        forms.setdefault(form[0], []).append((form, repl))
    for options in forms.values():
        options.sort(key=lambda fr: -len(fr[0]))
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        options = forms.get(t)
        if options is not None:
            for form, repl in options:
                size = len(form)
                if size == 1 or tuple(tokens[i : i + size]) == form:
                    if not (out and out[-1] == repl[0] and len(repl) == 1):
                        out.extend(repl)  # "rido kang emil" -> one "<cand>"
                    i += size
                    break
            else:
                out.append(t)
                i += 1
            continue
        out.append(t)
        i += 1
    return out


def extract_features(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> list[str]:
    """Model features of one text: masked uni/bigrams, stance windows, evidence pseudo-features."""
    tokens = mask_tokens(norm.tokens[:MAX_TOKENS], matches)
    feats = list(tokens)
    feats.extend(a + " " + b for a, b in zip(tokens, tokens[1:], strict=False))
    feats.extend("#" + h.lstrip("#").lower() for h in norm.hashtags)
    kinds = {m.kind for m in matches}
    named = kinds - {"ballot_number"}
    if named:
        n = len(tokens)
        for i, t in enumerate(tokens):
            if t[0] == "<" and t != NUM_TOKEN:
                for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)):
                    w = tokens[j]
                    if w[0] != "<":
                        feats.append(t + "~" + w)
    context = bool(named or cues.election or cues.support or cues.attack)
    for kind in sorted(named):
        feats.append(f"__ENT_{kind.upper()}__")
    # R1: numbers and hand signs count only inside an election context.
    if context and "ballot_number" in kinds:
        feats.append("__BALLOT__")
    if context and norm.hand_numbers:
        feats.append("__HAND_SIGN__")
    original = norm.original
    if not original.isascii():
        chars = set(original)
        for name, group in (("POS", POS_EMOJI), ("NEG", NEG_EMOJI)):
            if not group.isdisjoint(chars):
                feats.append(f"__EMO_{name}__")
                if named:
                    feats.append(f"__EMO_{name}_ENT__")
    for name, hits in (
        ("SUPPORT", cues.support),
        ("ATTACK", cues.attack),
        ("CIVIC", cues.civic),
        ("ELECTION", cues.election),
        ("POLITICAL", cues.political),
        ("EVEN", cues.even),
    ):
        if hits:
            feats.append(f"__CUE_{name}__")
            if named:
                feats.append(f"__CUE_{name}_ENT__")
    if multi_pair_races(matches):
        feats.append("__MULTI_PAIRS__")
    if not named and not context and not cues.political:
        feats.append("__NO_EVIDENCE__")
    return feats


def multi_pair_races(matches: Sequence[EntityMatch]) -> dict[tuple[str, str], set[int]]:
    """Races in which two or more different pairs are named, with the numbers named."""
    by_race: dict[tuple[str, str], set[int]] = {}
    for m in matches:
        if m.pair is not None and m.kind in PAIR_KINDS:
            by_race.setdefault(m.pair.race_key, set()).add(m.pair.number)
    return {race: nums for race, nums in by_race.items() if len(nums) >= 2}


def evidence_strings(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> list[str]:
    """Short human-readable evidence: matched entities and cue words, first seen first."""
    out: list[str] = []
    for m in matches:
        label = _KIND_LABEL.get(m.kind, m.kind)
        if m.kind == "ballot_number":
            out.append(f'{label}: "{m.surface}"')
        else:
            name = m.pair.candidate if m.pair is not None and m.kind != "slogan" else m.name
            out.append(f'{label}: {name} ("{m.surface}")' if name else f'{label}: "{m.surface}"')
    for label, hits in (
        ("ajakan memilih", cues.support),
        ("serangan", cues.attack),
        ("isu sipil", cues.civic),
        ("konteks pemilihan", cues.election),
    ):
        out.extend(f'{label}: "{hit}"' for hit in hits)
    if norm.hand_numbers:
        out.append("simbol jari: " + ", ".join(str(n) for n in norm.hand_numbers))
    return list(dict.fromkeys(out))[:12]


def _targets(matches: Sequence[EntityMatch]) -> tuple[Target, ...]:
    """Pairs the content is about; a bare number only counts in races named by name."""
    named_races = {
        m.pair.race_key for m in matches if m.pair is not None and m.kind != "ballot_number"
    }
    seen: dict[tuple[str, str, int], Target] = {}
    for m in matches:
        p = m.pair
        if p is None or m.kind not in PAIR_KINDS:
            continue
        if m.kind == "ballot_number" and named_races and p.race_key not in named_races:
            continue  # "coblos 3 pramono": number 3 of the other races is not meant
        seen.setdefault((*p.race_key, p.number), Target(p.number, p.candidate, p.region_code))
    return tuple(seen.values())


class ContentClassifier:
    """Model + rules -> ContentVerdict; optionally told every registered pair (for R2)."""

    def __init__(self, model: ContentModel | None = None, pairs: Sequence[Pair] = ()) -> None:
        self.model = model or load_content_model()
        self._race_sizes: dict[tuple[str, str], int] = {}
        for p in pairs:
            self._race_sizes[p.race_key] = self._race_sizes.get(p.race_key, 0) + 1

    def classify(
        self, norm: Normalized, matches: Sequence[EntityMatch], cues: Cues
    ) -> ContentVerdict:
        """Classify one normalised text given its entity matches and cues."""
        feats = extract_features(norm, matches, cues)
        proba = self.model.predict_proba(feats)
        cls: ContentClass = max(proba, key=lambda c: proba[c])
        if cls == "partisan":
            cls = self._apply_rules(proba, matches, cues)
        score = proba[cls]
        if cls != max(proba, key=lambda c: proba[c]):
            # Overridden by a rule: report the class's share of the non-partisan mass.
            rest = sum(v for c, v in proba.items() if c != "partisan") or 1.0
            score = max(proba[cls] / rest, 0.5)
        evidence = tuple(evidence_strings(norm, matches, cues)) if cls != "non_political" else ()
        targets = _targets(matches) if cls == "partisan" else ()
        return ContentVerdict(cls, round(score, 4), evidence, targets)

    def _apply_rules(
        self, proba: dict[ContentClass, float], matches: Sequence[EntityMatch], cues: Cues
    ) -> ContentClass:
        """R2 and R3 for a partisan call; returns the final class."""
        pushes = bool(cues.support or cues.attack) or any(m.kind == "slogan" for m in matches)
        races = multi_pair_races(matches)
        if races and not pushes:
            even = all(
                len(nums) >= self._race_sizes.get(race, len(nums)) for race, nums in races.items()
            )
            if even:
                return "civic"  # R2
        if not pushes and not matches and proba["partisan"] < R3_KEEP_PARTISAN:
            return "civic" if proba["civic"] >= proba["non_political"] else "non_political"  # R3
        return "partisan"
