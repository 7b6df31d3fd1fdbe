"""A 100,000-item export imports in seconds, streaming, in bounded memory."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

from posko.imports.acts import ActorInfo
from posko.imports.runner import SPOOL_MEMORY, import_spooled, spool_lines, write_acts
from posko.imports.tests.conftest import NIP, RunPosko

ITEMS = 100_000


def make_likes(path: Path, n: int) -> None:
    """An Instagram liked_posts.json with n likes, written without holding it in memory."""
    with open(path, "w", encoding="utf-8") as out:
        out.write('{\n  "likes_media_likes": [\n')
        for i in range(n):
            item = {
                "title": f"akun_{i % 997}",
                "media_list_data": [],
                "string_list_data": [
                    {
                        "href": f"https://www.instagram.com/p/C{i:09d}/",
                        "value": "\ud83d\udc4d",
                        "timestamp": 1700000000 + i,
                    }
                ],
            }
            out.write(("    " if i == 0 else ",\n    ") + json.dumps(item, indent=2))
        out.write("\n  ]\n}\n")


def _import_all(export: Path) -> int:
    summary, spool = import_spooled("instagram", export, actor=ActorInfo(nip=NIP))
    assert sum(1 for _ in spool_lines(spool)) == summary.acts
    return summary.acts


def test_100k_likes_import_in_seconds(tmp_path: Path) -> None:
    export = tmp_path / "liked_posts.json"
    make_likes(export, ITEMS)
    started = time.perf_counter()
    assert _import_all(export) == ITEMS
    elapsed = time.perf_counter() - started
    size_mb = export.stat().st_size / 1e6
    print(f"\n{ITEMS} likes ({size_mb:.0f} MB): {elapsed:.1f} s")
    assert elapsed < 20  # about 3 s on a quiet machine; generous on a shared 2-core box


class _Null:
    def write(self, text: str) -> int:
        return len(text)


def _peak(export: Path, *, spooled: bool) -> int:
    tracemalloc.start()
    try:
        if spooled:
            _import_all(export)
        else:
            write_acts("instagram", export, _Null(), actor=ActorInfo(nip=NIP))  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_as_the_export_grows(tmp_path: Path) -> None:
    # tracemalloc slows allocation-heavy code ~13x, so memory is measured on smaller exports and
    # shown not to grow with the export: 5x the items, the same parser peak; the spool adds at
    # most SPOOL_MEMORY before it moves to a temporary file.
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    make_likes(small, 5_000)
    make_likes(large, 25_000)
    parse_small, parse_large = _peak(small, spooled=False), _peak(large, spooled=False)
    spooled = _peak(large, spooled=True)
    print(
        f"\nparser peak {parse_small / 1e6:.2f} MB (5k items), {parse_large / 1e6:.2f} MB "
        f"(25k items); with spool {spooled / 1e6:.1f} MB"
    )
    assert parse_large < parse_small * 1.2 + 200_000
    assert spooled < SPOOL_MEMORY + parse_large + 2e6 < 50e6
    assert parse_large < large.stat().st_size / 10  # the document was never loaded whole


def test_100k_likes_through_the_cli(run_posko: RunPosko, tmp_path: Path) -> None:
    export = tmp_path / "liked_posts.json"
    make_likes(export, ITEMS)
    started = time.perf_counter()
    done = run_posko("import", "instagram", str(export), "--actor", NIP)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == ITEMS
    assert f"{ITEMS} act(s) ({ITEMS} like)" in done.stderr
    print(f"\nposko import of {ITEMS} likes: {elapsed:.1f} s")
    assert elapsed < 60
