"""Hand-written labelled sets as training rows: the retired tuning sets and the training sets.

The hand-written tuning sets under data/dev have had many engine rules chosen on them, so their
scores no longer say much about fresh text; their rows still teach the model. The training sets
under data/training/sets (tr*_content.jsonl) were written the same way, for training only.
Training reads both (`written_rows`, each row with its set's races), except:
* rows tagged `borderline`, whose label rests on who someone is (thanks to a regent who runs
  again), which the rules read in context rather than the words;
* rows within shingle Jaccard OVERLAP of a text that measures the engine (the measurement and
  still-unused tuning sets, the real-tweet dev set, the bench): writers converge on the same
  short lines, and such a row would overstate every later score. Those rows are listed in
  EXCLUDED_FILE, written by `python -m posko.neutrality.training.written_sets --write`, so
  training itself never opens the bench files (bench/README.md); training refuses to run when
  the list's fingerprint (the written items, the measuring sets' names) does not match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
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
# Every other labelled set under data/dev measures the engine (dev3, dev7, ..., dev16, dev17 and
# any later one; measuring_set_files), as do these: a written row close to one of their texts is
# left out.
MEASURING_FILES = (
    DEV_DIR / "realdev_tweets.jsonl",
    BENCH_DIR / "eval_content.jsonl",
    BENCH_DIR / "real_tweets_heldout.jsonl",
)
OVERLAP = 0.30  # 4-character-shingle Jaccard of lowercased texts (as the dev sets' own checks)
SHINGLE = 4
REWRITE = "python -m posko.neutrality.training.written_sets --write"


def set_file(name: str) -> Path:
    return DEV_DIR / ("dev_content.jsonl" if name == "dev" else f"{name}_content.jsonl")


def measuring_set_files() -> list[Path]:
    """The labelled dev sets that are not retired (found by name: a new set is guarded at once)."""
    retired = {set_file(name) for name in RETIRED_SETS}
    return sorted(p for p in DEV_DIR.glob("dev*_content.jsonl") if p not in retired)


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
        {**item, "source": source, "path": path}
        for source, path in _sources()
        for item in _read(path)
        if "borderline" not in item.get("tags", ())
    ]


class StaleExclusions(RuntimeError):
    """The exclusion list was written for other data: rewrite it before training."""


def fingerprint(items: Sequence[dict[str, Any]] | None = None) -> str:
    """What the exclusion list depends on, as training may see it: the written items (ids,
    texts, tags), the comparison's settings, and the measuring files' names and sizes (not
    their texts)."""
    h = hashlib.sha256(f"overlap {OVERLAP} shingle {SHINGLE}\n".encode())
    for item in read_written() if items is None else items:
        h.update(f"{item['id']}\t{item['text']}\t{','.join(item.get('tags', ()))}\n".encode())
    for path in [*measuring_set_files(), *MEASURING_FILES]:
        if not path.exists():
            raise StaleExclusions(f"measuring file {path} is missing (training needs a checkout)")
        h.update(f"measuring\t{path.name}\t{path.stat().st_size}\n".encode())
    return h.hexdigest()


def excluded_ids(
    path: Path | None = None, items: Sequence[dict[str, Any]] | None = None
) -> frozenset[str]:
    """The ids the exclusion list (EXCLUDED_FILE unless `path`) leaves out; StaleExclusions
    when it is missing or was written for other written items or measuring sets."""
    path = EXCLUDED_FILE if path is None else path
    if not path.exists():
        raise StaleExclusions(f"{path} is missing: run {REWRITE}")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != _fingerprint_line(items):
        raise StaleExclusions(f"{path.name} is stale (the written or measuring sets changed): "
                              f"run {REWRITE}")  # fmt: skip
    return frozenset(line.split()[0] for line in lines if line.strip() and line[0] != "#")


def written_rows() -> list[Row]:
    """The items training reads, as own-group rows of source SOURCE or SETS_SOURCE, each with
    its set's races (masked in its rows only: their common given names and word-like aliases,
    "Akbar", "NKRI", stay words in every other row)."""
    items = read_written()
    left_out = excluded_ids(items=items)
    races = {path: set_pairs(path) for _, path in _sources()}
    return [
        Row(item["text"], item["content_class"], item["source"], GROUP, races[item["path"]])
        for item in items
        if item["id"] not in left_out
    ]


def set_pairs(content: Path) -> tuple[Pair, ...]:
    """The registry of a set's races (`<name>_registry_extra.csv` next to it), if any."""
    path = content.with_name(content.name.replace("_content.jsonl", "_registry_extra.csv"))
    return tuple(load_registry_file(path)[0].pairs) if path.exists() else ()


def shingles(text: str) -> frozenset[str]:
    t = " ".join(text.lower().split())
    return frozenset(t[i : i + SHINGLE] for i in range(max(1, len(t) - SHINGLE + 1)))


def near_duplicates(
    items: Sequence[dict[str, Any]], measuring: Iterable[str], threshold: float = OVERLAP
) -> list[tuple[str, float]]:
    """(id, best Jaccard) of each item within `threshold` of a measuring text, exactly.

    An inverted index counts the rare shingles (held by at most a tenth of the measuring texts)
    each text shares with the item; the common ones ("yang ", " dan") give an upper bound, and
    only texts whose bound reaches the threshold are compared set by set."""
    guard = [shingles(t) for t in measuring]
    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(guard):
        for g in s:
            index[g].append(j)
    common = len(guard) // 10 or 1
    found = []
    for item in items:
        s = shingles(item["text"])
        shared: dict[int, int] = defaultdict(int)  # rare shingles shared with each text
        n_common = 0
        for g in s:
            holders = index.get(g, ())
            if len(holders) > common:
                n_common += 1
            else:
                for j in holders:
                    shared[j] += 1
        # |s & g| <= shared rare + n_common and |s | g| >= max(|s|, |g|): compare exactly
        # only where that bound reaches the threshold (every text, when n_common alone does)
        if n_common >= threshold * len(s):
            candidates: Iterable[int] = range(len(guard))
        else:
            candidates = [
                j
                for j, c in shared.items()
                if c + n_common >= threshold * max(len(s), len(guard[j]))
            ]
        best = max((len(s & guard[j]) / len(s | guard[j]) for j in candidates), default=0.0)
        if best >= threshold:
            found.append((item["id"], best))
    return found


def measuring_texts() -> list[str]:
    """Every text of the measuring sets and files; a missing file is an error, not a gap."""
    texts: list[str] = []
    for path in [*measuring_set_files(), *MEASURING_FILES]:
        if not path.exists():
            raise FileNotFoundError(f"measuring file {path} is missing")
        texts.extend(item["text"] for item in _read(path))
    return texts


def _fingerprint_line(items: Sequence[dict[str, Any]] | None = None) -> str:
    return f"# fingerprint {fingerprint(items)}"


def exclusion_lines() -> list[str]:
    """The content of EXCLUDED_FILE for the data as it is now."""
    items = read_written()
    found = near_duplicates(items, measuring_texts())
    header = (
        f"# Hand-written set rows left out of training: within {SHINGLE}-character-shingle "
        f"Jaccard {OVERLAP:.2f} of a measuring text (posko/neutrality/training/written_sets.py). "
        f"Written by `{REWRITE}`; the fingerprint above is checked by `posko train`."
    )
    return [_fingerprint_line(items), header] + [f"{item_id} {best:.3f}" for item_id, best in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {EXCLUDED_FILE.name}")
    args = parser.parse_args(argv)
    try:
        lines = exclusion_lines()
    except (StaleExclusions, FileNotFoundError) as exc:
        print(f"written_sets: {exc}", file=sys.stderr)
        return 2
    if args.write:
        EXCLUDED_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_out = len(lines) - 2
    print(f"{n_out} written rows near a measuring text; {len(read_written()) - n_out} for training")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
