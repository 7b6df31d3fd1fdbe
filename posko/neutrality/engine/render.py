"""The exact JSON shapes of the CLI and the API."""

from __future__ import annotations

from typing import Any

from posko.neutrality.engine.types import ContentVerdict, Verdict


def classification_to_dict(item_id: str | int, content: ContentVerdict) -> dict[str, Any]:
    """`{"id", "political", "content_class", "score"}`."""
    return {
        "id": item_id,
        "political": content.political,
        "content_class": content.content_class,
        "score": round(content.score, 4),
    }


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
