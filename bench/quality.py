"""Quality metrics of the engine on the three hand-labelled sets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bench import engine_cli
from bench.engine_cli import CliResult
from bench.metrics import CLASSES, accuracy, binary_macro_f1, confusion, macro_f1, prf

Classifier = Callable[[list[dict[str, Any]]], CliResult]
Checker = Callable[[list[dict[str, Any]]], CliResult]


def _missing(items: list[dict[str, Any]], res: CliResult) -> list[str]:
    return [i["id"] for i in items if i["id"] not in res.rows]


def _political(row: dict[str, Any]) -> bool:
    if isinstance(row.get("political"), bool):
        return bool(row["political"])
    return row.get("content_class") in ("partisan", "civic")


def content_quality(items: list[dict[str, Any]], classify: Classifier) -> dict[str, Any]:
    """3-class accuracy, confusion matrix, political-vs-not macro-F1 and misclassifications."""
    res = classify(items)
    if res.error:
        return {"status": f"unavailable: {res.error}"}
    missing = _missing(items, res)
    gold = [i["content_class"] for i in items]
    pred = [str(res.rows.get(i["id"], {}).get("content_class", "missing")) for i in items]
    gold_pol = [g != "non_political" for g in gold]
    pred_pol = [_political(res.rows[i["id"]]) if i["id"] in res.rows else False for i in items]
    wrong = [
        {"id": i["id"], "gold": g, "pred": p, "text": i["text"]}
        for i, g, p in zip(items, gold, pred, strict=True)
        if g != p
    ]
    per_tag: dict[str, list[int]] = {}
    for i, g, p in zip(items, gold, pred, strict=True):
        for t in i.get("tags", []):
            per_tag.setdefault(t, [0, 0])
            per_tag[t][0] += g == p
            per_tag[t][1] += 1
    return {
        "status": "ok",
        "n": len(items),
        "missing": len(missing),
        "seconds": res.seconds,
        "accuracy_3class": accuracy(gold, pred),
        "macro_f1_3class": macro_f1(gold, pred),
        "political_macro_f1": binary_macro_f1(gold_pol, pred_pol),
        "confusion": confusion(gold, pred, CLASSES),
        "tag_accuracy": {
            t: {"accuracy": c / n, "n": n} for t, (c, n) in sorted(per_tag.items()) if n >= 5
        },
        "misclassified_count": len(wrong),
        "misclassified": wrong,
    }


def real_quality(items: list[dict[str, Any]], classify: Classifier) -> dict[str, Any]:
    """Political-vs-not macro-F1 on the real held-out tweets."""
    res = classify(items)
    if res.error:
        return {"status": f"unavailable: {res.error}"}
    gold = [bool(i["political"]) for i in items]
    pred = [_political(res.rows[i["id"]]) if i["id"] in res.rows else False for i in items]
    by_source: dict[str, dict[str, Any]] = {}
    for src in sorted({i["source"].split("/")[0] for i in items}):
        idx = [k for k, i in enumerate(items) if i["source"].startswith(src)]
        by_source[src] = {
            "n": len(idx),
            "accuracy": sum(gold[k] == pred[k] for k in idx) / len(idx),
        }
    wrong = [
        {"id": i["id"], "gold": g, "pred": p, "text": i["text"]}
        for i, g, p in zip(items, gold, pred, strict=True)
        if g != p
    ]
    return {
        "status": "ok",
        "n": len(items),
        "missing": len(_missing(items, res)),
        "seconds": res.seconds,
        "political_macro_f1": binary_macro_f1(gold, pred),
        "political": prf(gold, pred),
        "by_source": by_source,
        "misclassified_count": len(wrong),
        "misclassified": wrong,
    }


def _who(act: dict[str, Any]) -> str:
    return "ASN" if act["actor"]["asn"] else "non-ASN"


def acts_quality(acts: list[dict[str, Any]], check: Checker) -> dict[str, Any]:
    """Violation precision/recall/F1 and content_class accuracy on eval_acts."""
    res = check(acts)
    if res.error:
        return {"status": f"unavailable: {res.error}"}
    gold_v = [bool(a["expected"]["violation"]) for a in acts]
    pred_v = [bool(res.rows.get(a["id"], {}).get("violation", False)) for a in acts]
    gold_c = [a["expected"]["content_class"] for a in acts]
    pred_c = [str(res.rows.get(a["id"], {}).get("content_class", "missing")) for a in acts]
    cross = [k for k, a in enumerate(acts) if "cross_region" in a.get("tags", [])]
    wrong = [
        {
            "id": a["id"],
            "gold": f"{gv}/{gc}",
            "pred": f"{pv}/{pc}",
            "text": f"[{_who(a)} {a['action']}] {a['content']['text']}",
        }
        for a, gv, pv, gc, pc in zip(acts, gold_v, pred_v, gold_c, pred_c, strict=True)
        if gv != pv or gc != pc
    ]
    return {
        "status": "ok",
        "n": len(acts),
        "missing": len(_missing(acts, res)),
        "seconds": res.seconds,
        "violation": prf(gold_v, pred_v),
        "content_class_accuracy": accuracy(gold_c, pred_c),
        "cross_region_violation_recall": (
            sum(pred_v[k] for k in cross if gold_v[k]) / max(1, sum(gold_v[k] for k in cross))
        ),
        "misclassified_count": len(wrong),
        "misclassified": wrong,
    }


# ---------------------------------------------------------------- fake engine (self-test)

_PARTISAN = re.compile(
    r"coblos|pilih|dukung|menang|jangan pilih|#\w*(menang|2024)|salam \d jari|gas",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"pilkada|pilgub|pilpres|kpu|bawaslu|tps|dpt|paslon|capres|gubernur|presiden|partai|dpr|"
    r"asn|politik|jokowi|prabowo|anies|ganjar|ridwan|pramono|dedi|khofifah|risma|pdip|gerindra",
    re.IGNORECASE,
)


def fake_label(text: str) -> str:
    """A deliberately naive keyword classifier used only to exercise the harness."""
    if not _POLITICAL.search(text):
        return "non_political"
    return "partisan" if _PARTISAN.search(text) else "civic"


def fake_classify(items: list[dict[str, Any]]) -> CliResult:
    """Stand-in for `posko classify` output."""
    rows = {}
    for i in items:
        c = fake_label(i["text"])
        rows[i["id"]] = {
            "id": i["id"],
            "political": c != "non_political",
            "content_class": c,
            "score": 0.5,
        }
    return CliResult(rows=rows)


def fake_check(acts: list[dict[str, Any]]) -> CliResult:
    """Stand-in for `posko check` output."""
    rows = {}
    for a in acts:
        c = fake_label(a["content"]["text"])
        v = bool(a["actor"]["asn"]) and a["action"] != "view" and c == "partisan"
        rows[a["id"]] = {"id": a["id"], "violation": v, "content_class": c}
    return CliResult(rows=rows)


REAL: tuple[Classifier, Checker] = (engine_cli.classify, engine_cli.check)
FAKE: tuple[Classifier, Checker] = (fake_classify, fake_check)
