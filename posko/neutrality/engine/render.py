"""The exact JSON shapes of the CLI and the API."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from posko.neutrality.engine.types import ContentClass, ContentVerdict, Verdict


def classification_to_dict(item_id: str | int, content: ContentVerdict) -> dict[str, Any]:
    """`{"id", "political", "content_class", "score"}`."""
    return {
        "id": item_id,
        "political": content.political,
        "content_class": content.content_class,
        "score": round(content.score, 4),
    }


# The tail up to the score, by class.
_TAIL_HEADS = {
    cls: f', "political": {political}, "content_class": "{cls}", "score": '
    for cls, political in (("partisan", "true"), ("civic", "true"), ("non_political", "false"))
}


# at most 3 x 10,001 distinct (class, score) pairs; typed: 1 and 1.0 are written differently
@lru_cache(maxsize=None, typed=True)
def classification_tail(content_class: ContentClass, score: float) -> str:
    """The JSON text of a classification after its id, for `classification_line`: what
    json.dumps of classification_to_dict writes after the id, built by concatenation (a batch
    meets thousands of distinct scores; 1 us instead of 4). A finite float is written as
    json.dumps writes it, with float.__repr__; anything else goes through json.dumps."""
    head = _TAIL_HEADS.get(content_class)
    if head is None or type(score) is not float or not math.isfinite(score):
        doc = classification_to_dict("", ContentVerdict(content_class, score))
        del doc["id"]
        return ", " + json.dumps(doc, ensure_ascii=False)[1:]
    return head + float.__repr__(round(score, 4)) + "}"


def classification_line(item_id: str | int, tail: str) -> str:
    """`json.dumps(classification_to_dict(item_id, ...), ensure_ascii=False)`, from the id and
    a cached `classification_tail` (one string concatenation per line in batch runs)."""
    # The same encoders json.dumps uses for a str (ensure_ascii=False) and an int id.
    head = encode_basestring(item_id) if isinstance(item_id, str) else int.__repr__(item_id)
    return '{"id": ' + head + tail


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """The `posko check` output object; extra review fields follow the contract fields."""
    out: dict[str, Any] = {
        "id": verdict.id,
        "violation": verdict.violation,
        "content_class": verdict.content_class,
        "targets": [
            {"number": t.number, "candidate": t.candidate, "region_code": t.region_code}
            for t in verdict.targets
        ],
        "rule": {"id": verdict.rule_id, "citation": verdict.citation},
        "sanction": verdict.sanction,
        "explanation": verdict.explanation,
        "confidence": verdict.confidence,
        "needs_human_review": verdict.needs_human_review,
        "readings": list(verdict.readings),
        "evidence": list(verdict.evidence),
    }
    return out
