"""Score the engine on the hand-labelled dev set (data/dev/dev_content.jsonl).

The dev set is for choosing engine rules and thresholds, so that the bench (bench/) stays an
untouched test. Training never reads it (see data/dev/README.md). Usage, from the repo root:

    python -m posko.neutrality.training.dev [--errors] [--tag TAG] [--file F] [--registry R]

Each item is classified with the shipped registry (plus the pairs of --registry, for a set about
other races such as dev3) and, as an act would be, its region.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from posko.neutrality.engine.types import ContentClass
from posko.neutrality.training.train import classification_metrics

DEV_FILE = Path(__file__).resolve().parents[3] / "data" / "dev" / "dev_content.jsonl"
CLASSES: tuple[ContentClass, ...] = ("partisan", "civic", "non_political")


def read_dev(path: Path = DEV_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(items: list[dict[str, Any]], extra_registry: Path | None = None) -> list[ContentClass]:
    """The engine's class for each item, with the shipped registry plus `extra_registry`."""
    from posko.candidates.registry import SHIPPED_REGISTRY, Registry, load_registry_file
    from posko.neutrality.engine.checker import Engine

    pairs = list(load_registry_file(SHIPPED_REGISTRY)[0].pairs)
    if extra_registry is not None:
        extra, bad = load_registry_file(extra_registry)
        if bad:
            lines = (f"line {e.line}: {e.message}" if e.line else e.message for e in bad[:3])
            raise SystemExit(f"{extra_registry}: " + "; ".join(lines))
        pairs += extra.pairs
    engine = Engine(Registry(tuple(pairs)))
    return [engine.classify_label(it["text"], it.get("region"))[0] for it in items]


def score(
    items: list[dict[str, Any]], extra_registry: Path | None = None
) -> tuple[dict[str, Any], list[tuple[dict[str, Any], ContentClass]]]:
    """Accuracy, macro-F1, political macro-F1, confusion, per-tag accuracy, and the errors."""
    preds = predict(items, extra_registry)
    gold = [it["content_class"] for it in items]
    confusion = Counter(zip(gold, preds, strict=True))
    f1 = []
    for c in CLASSES:
        tp = confusion[(c, c)]
        fp = sum(confusion[(g, c)] for g in CLASSES if g != c)
        fn = sum(confusion[(c, p)] for p in CLASSES if p != c)
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    by_tag: dict[str, list[bool]] = {}
    for it, p in zip(items, preds, strict=True):
        for tag in it.get("tags", []):
            by_tag.setdefault(tag, []).append(p == it["content_class"])
    metrics = {
        **classification_metrics(gold, preds),
        "macro_f1": sum(f1) / 3,
        "confusion": {g: [confusion[(g, p)] for p in CLASSES] for g in CLASSES},
        "by_tag": {t: (sum(v) / len(v), len(v)) for t, v in sorted(by_tag.items())},
    }
    errors = [(it, p) for it, p in zip(items, preds, strict=True) if p != it["content_class"]]
    return metrics, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the misclassified items")
    parser.add_argument("--tag", help="only items with this tag")
    parser.add_argument(
        "--file", type=Path, default=DEV_FILE, help="another set in the same format (dev2)"
    )
    parser.add_argument(
        "--registry", type=Path, help="a registry CSV whose pairs are added to the shipped ones"
    )
    args = parser.parse_args(argv)
    items = read_dev(args.file)
    if items and "content_class" not in items[0]:
        return _main_political(items, args.registry, args.errors)
    if args.tag:
        items = [it for it in items if args.tag in it.get("tags", [])]
    metrics, errors = score(items, args.registry)
    print(f"dev set: {metrics['n']} items")
    print(f"  3-class accuracy     {metrics['accuracy']:.1%}")
    print(f"  3-class macro-F1     {metrics['macro_f1']:.1%}")
    print(f"  political macro-F1   {metrics['political_macro_f1']:.1%}")
    print("  confusion (rows gold, cols predicted: " + " / ".join(CLASSES) + ")")
    for g, row in metrics["confusion"].items():
        print(f"    {g:14s} " + " ".join(f"{n:5d}" for n in row))
    weakest = sorted((v for v in metrics["by_tag"].items() if v[1][1] >= 5), key=lambda v: v[1][0])
    print("  weakest tags: " + ", ".join(f"{t} {a:.0%} (n={n})" for t, (a, n) in weakest[:8]))
    if args.errors:
        for it, p in errors:
            print(f"  {it['id']}  {it['content_class']:>13s} -> {p:13s} {it['text'][:110]}")
    return 0


def _main_political(items: list[dict[str, Any]], registry: Path | None, errors: bool) -> int:
    """A set labelled only political or not (the real-tweet dev set): political P/R/F1."""
    items = [it for it in items if not it.get("exclude")]
    preds = predict(items, registry)
    gold = ["civic" if it["political"] else "non_political" for it in items]
    metrics = classification_metrics(gold, preds)  # only its political-vs-not part is used
    pairs = [(it["political"], p != "non_political") for it, p in zip(items, preds, strict=True)]
    tp = sum(g and p for g, p in pairs)
    print(f"real-tweet set: {metrics['n']} items (political or not)")
    print(f"  political macro-F1   {metrics['political_macro_f1']:.1%}")
    print(
        f"  political P / R      {tp / (sum(p for _, p in pairs) or 1):.1%}"
        f" / {tp / (sum(g for g, _ in pairs) or 1):.1%}"
    )
    if errors:
        for it, p in zip(items, preds, strict=True):
            if (p != "non_political") != it["political"]:
                print(f"  {it['id']}  {it['political']!s:>5} -> {p:13s} {it['text'][:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
