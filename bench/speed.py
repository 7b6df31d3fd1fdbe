"""Throughput of `posko classify` against a bare JSON-lines loop, and in-process check latency."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.engine_cli import POSKO, REGISTRY, ROOT, read_jsonl
from bench.metrics import percentile

# The project's sibling `shared/` folder (the public data the project was built from), or
# POSKO_SHARED_DATA; without it the corpora are drawn from the bench's own texts only.
SHARED = (
    Path(os.environ.get("POSKO_SHARED_DATA") or ROOT.parent / "shared" / "data")
    / "text_classification"
)
N_LINES = 40_000

BARE_LOOP = (
    "import json,sys\n"
    "out=open(sys.argv[2],'w',encoding='utf-8')\n"
    "for line in open(sys.argv[1],encoding='utf-8'):\n"
    "    o=json.loads(line)\n"
    "    out.write(json.dumps({'id':o['id'],'political':False,'content_class':'non_political',"
    "'score':0.0},ensure_ascii=False)+'\\n')\n"
    "out.close()\n"
)


def _shared_texts(limit: int = 3000) -> list[str]:
    texts: list[str] = []
    sources = [
        (SHARED / "pilpres2019_tweets_sentiment" / "tweet_pilpres2019_clean.csv", "tweet"),
        (SHARED / "pilpres2024_candidate_tweets" / "pilpres2024_candidate_tweets_id.csv", "text"),
    ]
    for path, col in sources:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                if i >= limit:
                    break
                if row.get(col):
                    texts.append(row[col])
    return texts


def make_corpus(path: Path, eval_texts: list[str], seed: int = 40000) -> int:
    """Write N_LINES {"id","text"} lines sampled with replacement from eval + shared tweets."""
    rnd = random.Random(seed)
    pool = eval_texts + _shared_texts()
    with path.open("w", encoding="utf-8") as f:
        for i in range(N_LINES):
            f.write(
                json.dumps({"id": f"s{i}", "text": rnd.choice(pool)}, ensure_ascii=False) + "\n"
            )
    return len(pool)


def make_unique_corpus(path: Path) -> int:
    """Write every distinct shared tweet once (up to N_LINES lines): the worst case for the
    per-text cache of `posko classify`, which the sampled corpus above repeats into."""
    seen: dict[str, None] = {}
    for text in _shared_texts(limit=N_LINES):
        seen.setdefault(text)
    texts = list(seen)[:N_LINES]
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": f"u{i}", "text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def _time(cmd: list[str], timeout: float) -> float | None:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return None
    return time.perf_counter() - t0 if proc.returncode == 0 else None


def throughput(corpus: Path, tmp: Path, budget_s: float = 75.0) -> dict[str, Any]:
    """Best-of-3 wall time of the bare loop and of `posko classify` on the same file."""
    with corpus.open(encoding="utf-8") as f:
        out: dict[str, Any] = {"lines": sum(1 for _ in f)}
    bare = [
        _time([sys.executable, "-c", BARE_LOOP, str(corpus), str(tmp / "bare.out")], 60)
        for _ in range(3)
    ]
    bare_ok = [b for b in bare if b is not None]
    out["bare_loop_s"] = min(bare_ok) if bare_ok else None
    if not POSKO.exists():
        out["classify"] = "unavailable: posko not installed"
        return out
    runs: list[float] = []
    spent = 0.0
    for _ in range(3):
        left = budget_s - spent
        if left < 5:
            break
        t = _time([str(POSKO), "classify", str(corpus)], timeout=left)
        if t is None:
            out["classify"] = "unavailable: `posko classify` failed or timed out"
            break
        runs.append(t)
        spent += t
    if runs:
        out["classify_s"] = min(runs)
        out["classify_runs"] = len(runs)
        if out["bare_loop_s"]:
            out["ratio"] = out["classify_s"] / out["bare_loop_s"]
            out["ratio_goal"] = 3.0
            out["ratio_ok"] = out["ratio"] <= 3.0
    return out


def latency(acts: list[dict[str, Any]], n: int = 2000) -> dict[str, Any]:
    """p50/p99 of Engine(registry).check(parse_act(d)) in this process."""
    try:
        from posko.candidates.registry import load_registry_file
        from posko.neutrality.engine.checker import Engine
        from posko.neutrality.engine.parse import parse_act
    except Exception as exc:  # any import failure means "not built yet"
        return {"status": f"unavailable: {type(exc).__name__}: {exc}"[:200]}
    try:
        registry, errors = load_registry_file(REGISTRY)
        engine = Engine(registry)
        keep = ("id", "actor", "action", "region", "timestamp", "content")
        parsed = [parse_act({k: a[k] for k in keep if k in a}) for a in acts]
        for a in parsed[:50]:  # warm-up
            engine.check(a)
        times: list[float] = []
        for i in range(n):
            a = parsed[i % len(parsed)]
            t0 = time.perf_counter()
            engine.check(a)
            times.append((time.perf_counter() - t0) * 1000)
    except Exception as exc:
        return {"status": f"unavailable: {type(exc).__name__}: {exc}"[:200]}
    p99 = percentile(times, 99)
    return {
        "status": "ok",
        "checks": n,
        "registry_errors": len(errors) if hasattr(errors, "__len__") else None,
        "p50_ms": percentile(times, 50),
        "p99_ms": p99,
        "p99_goal_ms": 5.0,
        "p99_ok": p99 < 5.0,
    }


def eval_texts(data: Path) -> list[str]:
    """All texts of the three eval sets (for the speed corpus)."""
    texts = [r["text"] for r in read_jsonl(data / "eval_content.jsonl")]
    texts += [r["text"] for r in read_jsonl(data / "real_tweets_heldout.jsonl")]
    return texts
