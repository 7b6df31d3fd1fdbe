"""Hand-written labelled sets as training rows: the retired tuning sets and the training sets.

The hand-written tuning sets under data/dev have had many engine rules chosen on them, so their
scores no longer say much about fresh text; their rows still teach the model. The training sets
under data/training/sets (tr*_content.jsonl) were written the same way, for training only.
Training reads both (`written_rows`, `written_pairs`), except:
* rows tagged `borderline`, whose label rests on who someone is (thanks to a regent who runs
  again), which the rules read in context rather than the words;
* rows within shingle Jaccard OVERLAP of a text that measures the engine (the measurement and
  still-unused tuning sets, the real-tweet dev set, the bench): writers converge on the same
  short lines, and such a row would overstate every later score. Those rows are listed in
  EXCLUDED_FILE, written by `python -m posko.neutrality.training.written_sets --write`, so training
  itself never opens the measuring files (bench/README.md: the training side must not read them).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from posko.candidates.registry import Pair, load_registry_file
from posko.neutrality.training.corpus import REPO_ROOT, TRAINING_DIR
from posko.neutrality.training.sources import Row

DEV_DIR = REPO_ROOT / "data" / "dev"
BENCH_DIR = REPO_ROOT / "bench" / "data"
SETS_DIR = TRAINING_DIR / "sets"
EXCLUDED_FILE = TRAINING_DIR / "written_excluded.txt"
SOURCE = "retired_dev"  # the retired tuning sets
SETS_SOURCE = "written_sets"  # data/training/sets
GROUP = "own"

# Tuning sets whose rows are training rows (file stems under data/dev; their registries, when
# present, are `<name>_registry_extra.csv`). dev15 stays a tuning set that training does not read.
RETIRED_SETS = ("dev", "dev2", "dev4", "dev5", "dev6", "dev9", "dev12", "dev14")
# Sets that measure the engine: a written row close to one of their texts is left out.
MEASURING_SETS = ("dev3", "dev7", "dev8", "dev10", "dev11", "dev13", "dev15", "dev16")
MEASURING_FILES = (
    DEV_DIR / "realdev_tweets.jsonl",
    BENCH_DIR / "eval_content.jsonl",
    BENCH_DIR / "real_tweets_heldout.jsonl",
)
OVERLAP = 0.30  # 4-character-shingle Jaccard of lowercased texts (as the dev sets' own checks)
SHINGLE = 4


def set_file(name: str) -> Path:
    return DEV_DIR / ("dev_content.jsonl" if name == "dev" else f"{name}_content.jsonl")


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def training_set_files() -> list[Path]:
    return sorted(SETS_DIR.glob("tr*_content.jsonl"), key=lambda p: (len(p.name), p.name))


def _sources() -> list[tuple[str, Path]]:
    return [(SOURCE, set_file(name)) for name in RETIRED_SETS] + [
        (SETS_SOURCE, path) for path in training_set_files()
    ]


def read_written() -> list[dict[str, Any]]:
    """Every item of the retired and training sets that is not `borderline`, in set order,
    with its training source under "source"."""
    return [
        {**item, "source": source}
        for source, path in _sources()
        for item in _read(path)
        if "borderline" not in item.get("tags", ())
    ]


def excluded_ids(path: Path = EXCLUDED_FILE) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip() and line[0] != "#")


def written_rows() -> list[Row]:
    """The items training reads, as own-group rows of source SOURCE or SETS_SOURCE."""
    left_out = excluded_ids()
    return [
        Row(item["text"], item["content_class"], item["source"], GROUP)
        for item in read_written()
        if item["id"] not in left_out
    ]


def written_pairs() -> list[Pair]:
    """The registries of the sets' races, so their names are masked like the demo's."""
    pairs: list[Pair] = []
    for _, content in _sources():
        path = content.with_name(content.name.replace("_content.jsonl", "_registry_extra.csv"))
        if path.exists():
            pairs.extend(load_registry_file(path)[0].pairs)
    return pairs


def shingles(text: str) -> frozenset[str]:
    t = " ".join(text.lower().split())
    return frozenset(t[i : i + SHINGLE] for i in range(max(1, len(t) - SHINGLE + 1)))


def near_duplicates(
    items: Sequence[dict[str, Any]], measuring: Iterable[str], threshold: float = OVERLAP
) -> list[tuple[str, float]]:
    """(id, best Jaccard) of each item within `threshold` of a measuring text. An inverted
    index over the shingles keeps this to seconds; shingles shared by very many texts (spaces,
    "yang ") carry no evidence of a copy and are skipped when counting."""
    guard = [shingles(t) for t in measuring]
    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(guard):
        for g in s:
            index[g].append(j)
    common = len(guard) // 10 or 1
    found = []
    for item in items:
        s = shingles(item["text"])
        shared: dict[int, int] = defaultdict(int)
        for g in s:
            holders = index.get(g, ())
            if len(holders) <= common:
                for j in holders:
                    shared[j] += 1
        best = max((c / (len(s) + len(guard[j]) - c) for j, c in shared.items()), default=0.0)
        if best >= threshold:
            found.append((item["id"], best))
    return found


def measuring_texts() -> list[str]:
    files = [set_file(name) for name in MEASURING_SETS] + list(MEASURING_FILES)
    return [item["text"] for path in files if path.exists() for item in _read(path)]


def exclusion_lines() -> list[str]:
    """The content of EXCLUDED_FILE for the data as it is now."""
    found = near_duplicates(read_written(), measuring_texts())
    header = (
        f"# Hand-written set rows left out of training: within {SHINGLE}-character-shingle "
        f"Jaccard {OVERLAP:.2f} of a measuring text (posko/neutrality/training/written_sets.py). "
        "Written by `python -m posko.neutrality.training.written_sets --write`."
    )
    return [header] + [f"{item_id} {best:.3f}" for item_id, best in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {EXCLUDED_FILE.name}")
    args = parser.parse_args(argv)
    lines = exclusion_lines()
    if args.write:
        EXCLUDED_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = len(read_written()) - (len(lines) - 1)
    print(f"{len(lines) - 1} written rows near a measuring text; {kept} rows for training")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
