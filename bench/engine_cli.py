"""Run the engine through its real CLI as a subprocess and read its JSON-lines output."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POSKO = ROOT / ".venv" / "bin" / "posko"
REGISTRY = ROOT / "posko" / "candidates" / "data" / "demo_registry.csv"


@dataclass
class CliResult:
    """Parsed output of one CLI run; `error` is set when the run is unusable."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write dicts as UTF-8 JSON lines."""
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a UTF-8 JSON-lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _run(args: list[str], timeout: float) -> CliResult:
    import time

    if not POSKO.exists():
        return CliResult(error=f"{POSKO} not found")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            args, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return CliResult(error=f"timed out after {timeout:.0f}s")
    except OSError as exc:
        return CliResult(error=str(exc))
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
        return CliResult(error=f"exit {proc.returncode}: {tail[0][:200]}", seconds=seconds)
    rows: dict[str, dict[str, Any]] = {}
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and "id" in obj:
            rows[str(obj["id"])] = obj
    if not rows:
        return CliResult(error="no JSON lines with an id on stdout", seconds=seconds)
    return CliResult(rows=rows, seconds=seconds)


def classify(items: list[dict[str, Any]], timeout: float = 120.0) -> CliResult:
    """`posko classify FILE` over {"id","text"} lines."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        write_jsonl(path, ({"id": i["id"], "text": i["text"]} for i in items))
        return _run([str(POSKO), "classify", str(path)], timeout)


def check(acts: list[dict[str, Any]], timeout: float = 120.0) -> CliResult:
    """`posko check --candidates REGISTRY FILE` over act lines (expected labels stripped)."""
    keep = ("id", "actor", "action", "region", "timestamp", "content")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acts.jsonl"
        write_jsonl(path, ({k: a[k] for k in keep if k in a} for a in acts))
        return _run([str(POSKO), "check", "--candidates", str(REGISTRY), str(path)], timeout)


def classify_file(path: Path, timeout: float) -> CliResult:
    """Time `posko classify` on an existing file (output rows are not kept)."""
    res = _run([str(POSKO), "classify", str(path)], timeout)
    res.rows = {k: {} for k in list(res.rows)[:1]}  # free memory; presence is enough
    return res
