"""Build and load the shipped training corpus (data/training/*.jsonl.gz).

Build once from the shared data (needs /work/shared or a copy):
    python -m posko.neutrality.training.corpus --shared ../shared/data
Training (`posko train`) only reads the files written here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from posko.neutrality.engine.types import CONTENT_CLASSES
from posko.neutrality.training.sources import Row, read_all
from posko.neutrality.training.synthetic import generate

REPO_ROOT = Path(__file__).resolve().parents[3]
TRAINING_DIR = REPO_ROOT / "data" / "training"

# Files by license class, so a redistributor can drop the non-commercial one (see PROVENANCE).
OPEN_FILE = "corpus_open.jsonl.gz"  # MIT / Apache-2.0 / CC BY-SA 4.0 sources + our own text
NC_FILE = "corpus_nc.jsonl.gz"  # CC BY-NC-SA 4.0 tweets + Detik headlines (research use)
NC_SOURCES = frozenset(
    {"okkyibrohim_tweets", "okkyibrohim_political", "okkyibrohim_political_weak", "detik_headlines"}
)

# Caps keep the shipped corpus compact and stop the long-review sources from dominating.
CAPS = {"smsa": 4000, "hoasa": 1500, "casa": 600, "okkyibrohim_tweets": 5000}
PER_LANG_CAP = {"nusax_": 450, "sib200_": 450}


def _cap(rows: list[Row], seed: int = 7) -> list[Row]:
    by_source: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_source[row.source].append(row)
    kept: list[Row] = []
    for source in sorted(by_source):
        items = by_source[source]
        cap = CAPS.get(source)
        for prefix, lang_cap in PER_LANG_CAP.items():
            if source.startswith(prefix):
                # Keep every (rare) civic row; cap only the non-political bulk.
                civic = [r for r in items if r.label != "non_political"]
                rest = [r for r in items if r.label == "non_political"]
                random.Random(seed).shuffle(rest)
                items = civic + rest[: max(0, lang_cap - len(civic) // 2)]
        if cap is not None and len(items) > cap:
            items = list(items)
            random.Random(seed).shuffle(items)
            items = items[:cap]
        kept.extend(items)
    return kept


def read_handwritten(path: Path) -> list[Row]:
    """Hand-written tricky examples (text,label CSV)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Row(r["text"], r["label"], "handwritten", "own")  # type: ignore[arg-type]
            for r in csv.DictReader(fh)
            if r["label"] in CONTENT_CLASSES
        ]


def write_jsonl_gz(path: Path, rows: Iterable[Row]) -> None:
    """Write rows as gzip'd JSONL, byte-reproducible (mtime 0, sorted keys)."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        for r in rows:
            rec = {"text": r.text, "label": r.label, "source": r.source, "group": r.group}
            gz.write((json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n").encode())
    path.write_bytes(buf.getvalue())


def load_corpus(directory: Path = TRAINING_DIR, include_nc: bool = True) -> list[Row]:
    """Every shipped training row (open file, plus the NC file when present and wanted)."""
    rows: list[Row] = []
    names = [OPEN_FILE] + ([NC_FILE] if include_nc else [])
    for name in names:
        path = directory / name
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                rows.append(Row(d["text"], d["label"], d["source"], d["group"]))
    return rows


def corpus_sha256(directory: Path = TRAINING_DIR) -> str:
    """Fingerprint of the shipped corpus files, recorded in the model metadata."""
    h = hashlib.sha256()
    for name in (OPEN_FILE, NC_FILE):
        path = directory / name
        if path.exists():
            h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build(shared: Path, out: Path = TRAINING_DIR) -> dict[str, int]:
    """Derive all rows, write the corpus files, and return row counts per source."""
    rows = _cap(list(read_all(shared)))
    rows += generate(out / "synthetic_templates.yaml")
    rows += read_handwritten(out / "handwritten.csv")
    rows.sort(key=lambda r: (r.source, r.label, r.text))
    write_jsonl_gz(out / OPEN_FILE, (r for r in rows if r.source not in NC_SOURCES))
    write_jsonl_gz(out / NC_FILE, (r for r in rows if r.source in NC_SOURCES))
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[f"{r.source}\t{r.label}"] += 1
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    """CLI: rebuild data/training/ from the shared data directory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=TRAINING_DIR)
    args = parser.parse_args(argv)
    for key, n in build(args.shared, args.out).items():
        print(f"{key}\t{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
