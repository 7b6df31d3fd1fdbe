"""`python -m bench` (what `make bench` runs): quality and speed of the neutrality engine.

Writes bench/results/latest.json and prints a readable report. Options:
  --fake        use a naive in-process keyword engine (tests the harness, not the product)
  --no-speed    skip the throughput and latency measurements
  --scale N     map aggregation and national situation report over N synthetic reports
                (default 1,000,000; 0 skips). The generated database is kept in
                var/bench-scale-N and reused by later runs (generating 1M takes ~10 min).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import mapping_bench, quality, sitrep_bench, speed
from bench.engine_cli import read_jsonl

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
SHOW_WRONG = 30


def _pct(x: Any) -> str:
    return f"{100 * x:5.1f}%" if isinstance(x, int | float) else str(x)


def _print_wrong(title: str, rows: list[dict[str, Any]], total: int) -> None:
    if not rows:
        return
    print(f"  {title}: first {min(SHOW_WRONG, len(rows))} of {total}")
    for r in rows[:SHOW_WRONG]:
        text = " ".join(str(r["text"]).split())
        text = text if len(text) <= 110 else text[:107] + "..."
        print(f"    {r['id']:<14} gold={r['gold']!s:<22} pred={r['pred']!s:<22} {text}")


def report(res: dict[str, Any]) -> None:
    """Print the human-readable summary."""
    print(f"\n=== Posko neutrality bench ({res['engine']} engine) ===")
    c = res["eval_content"]
    print(f"\n[eval_content] {c.get('n', '')} items: {c['status']}")
    if c["status"] == "ok":
        print(f"  3-class accuracy      {_pct(c['accuracy_3class'])}")
        print(f"  3-class macro-F1      {_pct(c['macro_f1_3class'])}")
        print(f"  political macro-F1    {_pct(c['political_macro_f1'])}")
        print("  confusion (rows=gold, cols=pred):")
        cols = ["partisan", "civic", "non_political", "other"]
        print("    " + " " * 14 + "".join(f"{x:>15}" for x in cols))
        for g, row in c["confusion"].items():
            print(f"    {g:<14}" + "".join(f"{row[x]:>15}" for x in cols))
        weak = sorted(c["tag_accuracy"].items(), key=lambda kv: kv[1]["accuracy"])[:8]
        print(
            "  weakest tags: "
            + ", ".join(f"{t} {_pct(v['accuracy'])} (n={v['n']})" for t, v in weak)
        )
        _print_wrong("misclassified", c["misclassified"], c["misclassified_count"])
    r = res["real_tweets_heldout"]
    print(f"\n[real_tweets_heldout] {r.get('n', '')} items: {r['status']}")
    if r["status"] == "ok":
        p = r["political"]
        print(f"  political macro-F1    {_pct(r['political_macro_f1'])}")
        print(f"  political P/R/F1      {_pct(p['precision'])} {_pct(p['recall'])} {_pct(p['f1'])}")
        for src, v in r["by_source"].items():
            print(f"    {src:<32} acc {_pct(v['accuracy'])} (n={v['n']})")
        _print_wrong("misclassified", r["misclassified"], r["misclassified_count"])
    a = res["eval_acts"]
    print(f"\n[eval_acts] {a.get('n', '')} acts: {a['status']}")
    if a["status"] == "ok":
        v = a["violation"]
        print(f"  violation precision   {_pct(v['precision'])}")
        print(f"  violation recall      {_pct(v['recall'])}")
        print(f"  violation F1          {_pct(v['f1'])}   (tp={v['tp']} fp={v['fp']} fn={v['fn']})")
        print(f"  content_class acc     {_pct(a['content_class_accuracy'])}")
        print(f"  cross-region recall   {_pct(a['cross_region_violation_recall'])}")
        _print_wrong(
            "wrong verdicts (violation/class)", a["misclassified"], a["misclassified_count"]
        )
    s = res.get("speed")
    if s:
        _print_throughput(s["throughput"], "lines sampled from eval and shared texts")
        if "throughput_unique" in s:
            _print_throughput(s["throughput_unique"], "distinct real tweets, no repeats")
        lat = s["latency"]
        if lat.get("status") == "ok":
            ok = "OK" if lat["p99_ok"] else "ABOVE GOAL"
            print(
                f"  check latency         p50 {lat['p50_ms']:.3f} ms  p99 {lat['p99_ms']:.3f} ms"
                f"  over {lat['checks']} checks (goal p99 < 5 ms: {ok})"
            )
        else:
            print(f"  check latency         {lat.get('status')}")
    scale = res.get("scale")
    if scale:
        print(f"\n[scale] {scale['reports']:,} reports (data in {scale['data_dir']})")
        for name in ("map", "sitrep"):
            figures = {k: v for k, v in scale[name].items() if not isinstance(v, dict | list)}
            print(f"  {name:<8}" + "  ".join(f"{k}={v}" for k, v in figures.items()))
    print(f"\nwrote {res['written_to']}  ({res['elapsed_s']:.1f} s)")


def _print_throughput(t: dict[str, Any], what: str) -> None:
    print(f"\n[speed] {t['lines']} {what}")
    bare = t.get("bare_loop_s")
    print(f"  bare JSON loop        {bare:.2f} s" if bare else "  bare JSON loop        failed")
    if "classify_s" in t:
        print(f"  posko classify        {t['classify_s']:.2f} s (best of {t['classify_runs']})")
        if "ratio" in t:
            ok = "OK" if t["ratio_ok"] else "ABOVE GOAL"
            print(f"  ratio classify/bare   {t['ratio']:.2f}  (goal <= 3.0: {ok})")
    else:
        print(f"  posko classify        {t.get('classify', 'unavailable')}")


def main(argv: list[str] | None = None) -> int:
    """Run the bench; always exits 0 unless the data files are broken."""
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument(
        "--fake", action="store_true", help="naive in-process engine (harness self-test)"
    )
    ap.add_argument("--no-speed", action="store_true", help="skip throughput and latency")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    ap.add_argument("--scale", type=int, default=1_000_000, metavar="N")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    content = read_jsonl(DATA / "eval_content.jsonl")
    real = read_jsonl(DATA / "real_tweets_heldout.jsonl")
    acts = read_jsonl(DATA / "eval_acts.jsonl")
    classify, check = quality.FAKE if args.fake else quality.REAL

    res: dict[str, Any] = {
        "engine": "fake" if args.fake else "posko-cli",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "eval_content": quality.content_quality(content, classify),
        "real_tweets_heldout": quality.real_quality(real, classify),
        "eval_acts": quality.acts_quality(acts, check),
    }
    if not args.no_speed and not args.fake:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            pool = speed.make_corpus(corpus, speed.eval_texts(DATA))
            thr = speed.throughput(corpus, Path(tmp))
            thr["text_pool"] = pool
            unique = Path(tmp) / "unique.jsonl"
            thr_unique = (
                speed.throughput(unique, Path(tmp)) if speed.make_unique_corpus(unique) else None
            )
        res["speed"] = {"throughput": thr, "latency": speed.latency(acts)}
        if thr_unique:
            res["speed"]["throughput_unique"] = thr_unique
    if args.scale > 0 and not args.fake:
        data_dir = HERE.parent / "var" / f"bench-scale-{args.scale}"
        data_dir.mkdir(parents=True, exist_ok=True)
        res["scale"] = {
            "reports": args.scale,
            "data_dir": str(data_dir),
            "map": mapping_bench.run(args.scale, data_dir=data_dir),
            "sitrep": sitrep_bench.run(data_dir),
        }
    res["elapsed_s"] = time.perf_counter() - t0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    res["written_to"] = str(args.out)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
