"""Pure-Python inference for the exported linear content model (no numpy, no sklearn).

The model file (posko/neutrality/data/content_model.json) maps each feature string to one
weight per class; a text's score for a class is the intercept plus the weights of the features
present (times their count), and probabilities are the softmax of those scores. This is exactly
sklearn's multinomial LogisticRegression.predict_proba on the feature-count matrix.

The JSON is the reviewed artefact. Next to it, content_model.bin (marshal) holds the compiled
scoring tables derived from it, keyed by the JSON's SHA-256: loading it takes a few ms instead
of parsing and compiling the JSON (~0.1 s). A missing or stale .bin is rebuilt from the JSON
(and rewritten when the folder is writable); `posko train` writes both. The per-feature
`weights` mapping (explanations, to_json, non-fused scoring) is then read from the JSON only
when first used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from math import exp
from pathlib import Path
from typing import Any, cast

from posko.neutrality.engine.types import CONTENT_CLASSES, ContentClass

Weights = tuple[float, ...]
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "content_model.json"
CACHE_FORMAT = "posko-linear-v1-compiled-3"


def cache_path(json_path: Path) -> Path:
    """Where the compiled cache of a model JSON lives (same name, .bin)."""
    return json_path.with_suffix(".bin")


class _LazyWeights(Mapping[str, tuple[float, ...]]):
    """The weights of a model loaded from its compiled cache, read from the JSON on first use."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._data: dict[str, tuple[float, ...]] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self._load().get(key, default)

    def _load(self) -> dict[str, tuple[float, ...]]:
        if self._data is None:
            doc = json.loads(self._path.read_text(encoding="utf-8"))
            self._data = {k: tuple(v) for k, v in doc["weights"].items()}
        return self._data

    def __getitem__(self, key: str) -> tuple[float, ...]:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


# An endless 0j default for `map(table.get, keys, _ZEROS)`: shared, as it is never used up.
_ZEROS = repeat(0j)


def _intercept_delta(intercept: Sequence[float]) -> complex:
    """The intercept as proba_masked's complex score differences to class 0 (3 classes)."""
    if len(intercept) != 3:
        return 0j
    i0, i1, i2 = intercept
    return complex(i1 - i0, i2 - i0)


@dataclass(frozen=True)
class ContentModel:
    """A linear multi-class model over string features."""

    classes: tuple[ContentClass, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    # Compiled at construction for the fused hot path (proba_masked). Softmax only needs the
    # score differences to class 0, so each 3-class weight row becomes ONE complex number
    # (w1 - w0) + (w2 - w0)j and a hit costs a single addition. Unigrams are keyed by token,
    # bigrams by (token, next token), so a text is scored by C-level sum(map(dict.get, ...));
    # placeholder -> {word: window delta}.
    _uni: dict[str, complex] = field(init=False, repr=False, compare=False)
    _bi: dict[tuple[str, str], complex] = field(init=False, repr=False, compare=False)
    _windows: dict[str, dict[str, complex]] = field(init=False, repr=False, compare=False)
    # hashtag ("#...") and pseudo-feature ("__...__") deltas: the `extra` features
    _extra: dict[str, complex] = field(init=False, repr=False, compare=False)
    _z0: complex = field(init=False, repr=False, compare=False)  # the intercept's deltas

    def __post_init__(self) -> None:
        extra: dict[str, complex] = {}
        uni: dict[str, complex] = {}
        bi: dict[tuple[str, str], complex] = {}
        win: dict[str, dict[str, complex]] = {}
        if len(self.classes) == 3:
            for feat, w in self.weights.items():
                z = complex(w[1] - w[0], w[2] - w[0])
                if feat[0] == "#" or feat.startswith("__"):
                    extra[feat] = z
                elif " " in feat:
                    first, _, second = feat.partition(" ")
                    bi[(first, second)] = z
                elif feat[0] == "<" and "~" in feat:
                    ent, _, word = feat.partition("~")
                    win.setdefault(ent, {})[word] = z
                else:
                    uni[feat] = z
        object.__setattr__(self, "_uni", uni)
        object.__setattr__(self, "_bi", bi)
        object.__setattr__(self, "_windows", win)
        object.__setattr__(self, "_extra", extra)
        object.__setattr__(self, "_z0", _intercept_delta(self.intercept))

    def compiled(self) -> tuple[Any, ...]:
        """The fused-scoring tables as plain data (what content_model.bin stores)."""
        return (
            list(self.classes),
            list(self.intercept),
            dict(self.metadata),
            self._uni,
            self._bi,
            self._windows,
            self._extra,
        )

    @classmethod
    def from_compiled(cls, data: Sequence[Any], weights: Mapping[str, Weights]) -> ContentModel:
        """A model from compiled() output; `weights` must be the rows it was compiled from."""
        classes, intercept, metadata, uni, bi, windows, extra = data
        model = object.__new__(cls)
        for name, value in (
            ("classes", tuple(classes)),
            ("intercept", tuple(intercept)),
            ("weights", weights),
            ("metadata", metadata),
            ("_uni", uni),
            ("_bi", bi),
            ("_windows", windows),
            ("_extra", extra),
            ("_z0", _intercept_delta(intercept)),
        ):
            object.__setattr__(model, name, value)
        return model

    def proba_masked(
        self, tokens: Sequence[str], places: Sequence[int], window: int, extra: Sequence[str]
    ) -> dict[ContentClass, float]:
        """Fused predict_proba of a masked token list (3-class models only): the same as
        predict_proba(features) over its uni/bigrams, the +-window stance features of the
        placeholders at `places` and the `extra` features (hashtags, pseudo-features), without
        building any feature string."""
        z = self._z0 + sum(map(self._uni.get, tokens, _ZEROS), 0j)
        # zip(..., strict=False) would take the slower keyword-call path (once per text)
        z += sum(map(self._bi.get, zip(tokens, tokens[1:]), _ZEROS), 0j)  # noqa: B905
        if places:
            windows = self._windows
            for i in places:
                near = windows.get(tokens[i])
                if near is not None:
                    lo = i - window
                    z += sum(
                        map(near.get, tokens[lo if lo > 0 else 0 : i + window + 1], _ZEROS), 0j
                    )
        if extra:
            z += sum(map(self._extra.get, extra, _ZEROS), 0j)
        # softmax of (0, z.real, z.imag), shifted by the largest for stability
        d1, d2 = z.real, z.imag
        top = d1 if d1 > d2 else d2
        if top < 0.0:
            top = 0.0
        e0, e1, e2 = exp(-top), exp(d1 - top), exp(d2 - top)
        total = e0 + e1 + e2
        c0, c1, c2 = self.classes
        return {c0: e0 / total, c1: e1 / total, c2: e2 / total}

    def scores(self, features: Sequence[str]) -> list[float]:
        """Raw class scores (logits); a feature listed k times counts k times (the model is
        fitted on feature counts, so fused scoring needs no de-duplication)."""
        weights = self.weights
        if isinstance(weights, _LazyWeights):
            weights = weights._load()  # the plain dict: one C-level lookup per feature
        totals = list(self.intercept)
        if len(totals) == 3:
            a, b, c = totals
            for feat in features:
                w = weights.get(feat)
                if w is not None:
                    a += w[0]
                    b += w[1]
                    c += w[2]
            return [a, b, c]
        for feat in features:
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
        weights = {k: tuple(v) for k, v in doc["weights"].items()}  # JSON numbers: floats
        if any(len(v) != n for v in weights.values()) or len(doc["intercept"]) != n:
            raise ValueError("every weight row and the intercept need one value per class")
        return cls(
            classes=cast(tuple[ContentClass, ...], classes),
            intercept=tuple(float(x) for x in doc["intercept"]),
            weights=weights,
            metadata=dict(doc.get("metadata", {})),
        )


def read_content_model(path: Path) -> ContentModel:
    """Load a model JSON file (uncached, without the compiled cache)."""
    return ContentModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def compiled_bytes(model: ContentModel, json_bytes: bytes) -> bytes:
    """The content_model.bin payload of `model`, keyed by the SHA-256 of its JSON file."""
    digest = hashlib.sha256(json_bytes).hexdigest()
    return marshal.dumps((CACHE_FORMAT, digest, model.compiled()))


def write_compiled(model: ContentModel, json_path: Path) -> Path:
    """Write the compiled cache next to the model JSON (which must already be written)."""
    out = cache_path(json_path)
    out.write_bytes(compiled_bytes(model, json_path.read_bytes()))
    return out


def read_compiled(json_path: Path) -> ContentModel | None:
    """The model from its compiled cache, or None when the cache is missing or stale."""
    try:
        blob = cache_path(json_path).read_bytes()
        fmt, digest, data = marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if fmt != CACHE_FORMAT or digest != hashlib.sha256(json_path.read_bytes()).hexdigest():
        return None
    return ContentModel.from_compiled(data, _LazyWeights(json_path))


def load_model_file(path: Path) -> ContentModel:
    """A model JSON via its compiled cache; a missing or stale cache is rebuilt."""
    model = read_compiled(path)
    if model is None:
        model = read_content_model(path)
        with contextlib.suppress(OSError):  # read-only install: keep working from the JSON
            write_compiled(model, path)
    return model


@cache
def load_content_model() -> ContentModel:
    """The shipped content model, loaded once per process."""
    return load_model_file(MODEL_PATH)
