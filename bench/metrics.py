"""Plain-Python classification metrics (no numpy/sklearn needed)."""

from __future__ import annotations

from collections.abc import Sequence

CLASSES: tuple[str, ...] = ("partisan", "civic", "non_political")


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of exact matches; 0.0 for empty input."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def confusion(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = CLASSES
) -> dict[str, dict[str, int]]:
    """confusion[gold][pred] counts; predictions outside `labels` go to column "other"."""
    cols = [*labels, "other"]
    m = {g: dict.fromkeys(cols, 0) for g in labels}
    for g, p in zip(gold, pred, strict=True):
        m[g][p if p in labels else "other"] += 1
    return m


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float | int]:
    """Precision, recall and F1 of the positive class, with the raw counts."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum((not g) and p for g, p in zip(gold, pred, strict=True))
    fn = sum(g and (not p) for g, p in zip(gold, pred, strict=True))
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def binary_macro_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    """Mean of the F1 of the True class and the F1 of the False class."""
    pos = float(prf(gold, pred)["f1"])
    neg = float(prf([not g for g in gold], [not p for p in pred])["f1"])
    return (pos + neg) / 2


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = CLASSES) -> float:
    """Unweighted mean per-class F1 over `labels`."""
    scores = [float(prf([g == c for g in gold], [p == c for p in pred])["f1"]) for c in labels]
    return sum(scores) / len(scores)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]
