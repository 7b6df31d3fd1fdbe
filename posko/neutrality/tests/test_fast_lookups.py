"""The next-word lookups of entities.match and find_cues pick what trying each phrase picks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from posko.neutrality.engine import cues
from posko.neutrality.engine.checker import Engine


def _first_match(entries: Sequence[Any], toks: tuple[str, ...], size_of: Any, form_of: Any) -> Any:
    """The old scan: phrases longest first, the first that fits."""
    for entry in entries:
        size = size_of(entry)
        if size == 1 or toks[:size] == form_of(entry):
            return entry
    return None


def _probes(forms: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    out = []
    for form in forms:
        out += [form, (*form, "zzz"), form[:1], (*form[:1], "zzz"), form[:-1]]
    return [p for p in out if p]


def test_entity_lookup_agrees_with_trying_each_phrase() -> None:
    matcher = Engine().matcher_for(None)
    for first, entries in matcher._index.items():
        longer, single = matcher._by_first[first]
        for toks in _probes([e[0] for e in entries]):
            if toks[0] != first:
                continue
            entry = single
            for candidate in longer.get(toks[1], ()) if len(toks) > 1 else ():
                if toks[: candidate[1]] == candidate[0]:
                    entry = candidate
                    break
            assert entry == _first_match(entries, toks, lambda e: e[1], lambda e: e[0])


def test_cue_lookup_agrees_with_trying_each_phrase() -> None:
    by_first = cues._by_first()
    for first, phrases in cues.load_cues().index.items():
        longer, single = by_first[first]
        for toks in _probes([p.form for p in phrases]):
            if toks[0] != first:
                continue
            phrase = single
            for candidate in longer.get(toks[1], ()) if len(toks) > 1 else ():
                if toks[: candidate.size] == candidate.form:
                    phrase = candidate
                    break
            assert phrase == _first_match(phrases, toks, lambda p: p.size, lambda p: p.form)


def test_cues_fields_are_the_groups() -> None:
    # find_cues builds its Cues from GROUPS in order
    assert cues.Cues._fields == cues.GROUPS
