"""Pure-Python inference for the exported linear content model (no numpy, no sklearn).

The model file (posko/neutrality/data/content_model.json) maps each feature string to one
weight per class; a text's score for a class is the intercept plus the weights of the features
present (binary features), and probabilities are the softmax of those scores. This is exactly
sklearn's multinomial LogisticRegression.predict_proba on a 0/1 feature matrix.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from posko.neutrality.engine.types import CONTENT_CLASSES, ContentClass

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "content_model.json"


@dataclass(frozen=True)
class ContentModel:
    """A linear multi-class model over string features."""

    classes: tuple[ContentClass, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def scores(self, features: Sequence[str]) -> list[float]:
        """Raw class scores (logits); each distinct feature counts once."""
        weights = self.weights
        totals = list(self.intercept)
        if len(totals) == 3:
            # Hot path (~40k texts per CLI run): unrolled, ordered de-duplication.
            a, b, c = totals
            for feat in dict.fromkeys(features):
                w = weights.get(feat)
                if w is not None:
                    a += w[0]
                    b += w[1]
                    c += w[2]
            return [a, b, c]
        for feat in dict.fromkeys(features):
            w = weights.get(feat)
            if w is not None:
                for i, value in enumerate(w):
                    totals[i] += value
        return totals

    def predict_proba(self, features: Sequence[str]) -> dict[ContentClass, float]:
        """Class probabilities for one text's features (softmax of the scores)."""
        totals = self.scores(features)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return {c: e / norm for c, e in zip(self.classes, exps, strict=True)}

    def contributions(self, features: Sequence[str], cls: ContentClass) -> list[tuple[str, float]]:
        """Features that pushed towards `cls` (weight minus the mean of the other classes)."""
        idx = self.classes.index(cls)
        out: list[tuple[str, float]] = []
        for feat in dict.fromkeys(features):
            w = self.weights.get(feat)
            if w is not None:
                others = [v for i, v in enumerate(w) if i != idx]
                out.append((feat, w[idx] - sum(others) / len(others)))
        out.sort(key=lambda kv: -kv[1])
        return out

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON document stored on disk."""
        return {
            "format": "posko-linear-v1",
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "metadata": dict(self.metadata),
            "weights": {k: list(v) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ContentModel:
        """Build a model from its JSON document, checking the class order."""
        classes = tuple(doc["classes"])
        if set(classes) != set(CONTENT_CLASSES):
            raise ValueError(f"model classes {classes} do not match {CONTENT_CLASSES}")
        n = len(classes)
        weights = {k: tuple(float(x) for x in v) for k, v in doc["weights"].items()}
        if any(len(v) != n for v in weights.values()) or len(doc["intercept"]) != n:
            raise ValueError("every weight row and the intercept need one value per class")
        return cls(
            classes=cast(tuple[ContentClass, ...], classes),
            intercept=tuple(float(x) for x in doc["intercept"]),
            weights=weights,
            metadata=dict(doc.get("metadata", {})),
        )


def read_content_model(path: Path) -> ContentModel:
    """Load a model JSON file (uncached)."""
    return ContentModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@cache
def load_content_model() -> ContentModel:
    """The shipped content model, loaded once per process."""
    return read_content_model(MODEL_PATH)
