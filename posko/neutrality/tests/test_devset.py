"""The dev set (data/dev) is well-formed and its scorer runs from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from posko.neutrality.training.dev import CLASSES, DEV_FILE, read_dev

LABELLED_SETS = (
    "dev_content", "dev2_content", "dev3_content", "dev4_content", "dev5_content", "dev6_content",
    "dev7_content", "dev8_content", "dev9_content", "dev10_content", "dev11_content",
    "dev12_content", "dev13_content", "dev14_content", "dev15_content", "dev16_content",
    "dev17_content",
)  # fmt: skip


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_dev_set_items_are_well_formed(name: str) -> None:
    items = read_dev(DEV_FILE.with_name(f"{name}.jsonl"))
    assert len(items) >= 300
    assert len({it["id"] for it in items}) == len(items)
    assert {it["content_class"] for it in items} == set(CLASSES)
    assert all(it["text"].strip() and isinstance(it["tags"], list) for it in items)


def _trained_keys() -> set[str]:
    from posko.neutrality.training.sources import text_key
    from posko.neutrality.training.train import training_rows

    return {text_key(row.text) for row in training_rows()}


def test_training_never_holds_an_item_of_a_set_that_measures() -> None:
    from posko.neutrality.training.sources import text_key
    from posko.neutrality.training.written_sets import RETIRED_SETS, set_file

    retired = {set_file(name).name for name in RETIRED_SETS}
    measuring = [name for name in LABELLED_SETS if f"{name}.jsonl" not in retired]
    assert {"dev3_content", "dev13_content", "dev15_content"} <= set(measuring)
    dev = {
        text_key(it["text"])
        for name in measuring
        for it in read_dev(DEV_FILE.with_name(f"{name}.jsonl"))
    }
    assert len(dev) > 2500
    assert not dev & _trained_keys()


def test_training_counts_each_text_once() -> None:
    """A written line that the shipped corpus or another set already holds is trained once."""
    from posko.neutrality.training.sources import text_key
    from posko.neutrality.training.train import TRAINING_DIR, load_corpus, training_rows
    from posko.neutrality.training.written_sets import SETS_SOURCE, SOURCE, read_written

    written = [row for row in training_rows() if row.source in (SOURCE, SETS_SOURCE)]
    assert len(written) > 3500
    assert len({text_key(row.text) for row in written}) == len(written)
    corpus = {text_key(row.text) for row in load_corpus(TRAINING_DIR)}
    assert not corpus & {text_key(row.text) for row in written}
    # the retired tuning sets and the training sets both feed training
    assert {row.source for row in written} == {SOURCE, SETS_SOURCE}
    assert len(written) < len(read_written())


def test_written_rows_leave_out_borderline_items_and_near_copies_of_measuring_text() -> None:
    from posko.neutrality.training.written_sets import (
        EXCLUDED_FILE,
        exclusion_lines,
        read_written,
        set_file,
        written_rows,
    )

    # the shipped exclusion list is the one the data gives today (rewrite it with
    # `python -m posko.neutrality.training.written_sets --write` after adding a set)
    assert EXCLUDED_FILE.read_text(encoding="utf-8").splitlines() == exclusion_lines()
    rows = written_rows()
    texts = {row.text for row in rows}
    borderline = [it for it in read_dev(set_file("dev2")) if "borderline" in it["tags"]]
    assert borderline and not texts & {it["text"] for it in borderline}
    assert 2000 < len(rows) < len(read_written())


def test_the_exclusions_match_a_brute_force_comparison() -> None:
    """The indexed search finds every pair at or above the threshold (a sample of the rows
    against every measuring text, compared set by set)."""
    from posko.neutrality.training.written_sets import (
        OVERLAP,
        excluded_ids,
        measuring_texts,
        read_written,
        shingles,
    )

    guard = [shingles(t) for t in measuring_texts()]
    sample = read_written()[::30]
    left_out = excluded_ids()
    for item in sample:
        s = shingles(item["text"])
        near = max(len(s & g) / len(s | g) for g in guard) >= OVERLAP
        assert near == (item["id"] in left_out), item["id"]


def test_near_duplicates_finds_a_reworded_copy_only() -> None:
    from posko.neutrality.training.written_sets import near_duplicates

    # many measuring texts, so that their everyday shingles ("yang ", " ke ") are common
    measuring = [f"Hari ke-{i} yang cerah, ayo ke pasar beli sayur dan buah" for i in range(40)]
    measuring.append("Ayo ke TPS tanggal 27 November, jangan golput ya warga Sleman!")
    items = [
        {"id": "copy", "text": "Ayo ke TPS tgl 27 November, jangan golput ya warga Bantul!"},
        {"id": "other", "text": "Nasi goreng nomor 1 di hatiku, pedasnya pas banget"},
        {"id": "everyday", "text": "Hari ke-99 yang cerah, ayo ke pasar beli sayur"},
    ]
    found = dict(near_duplicates(items, measuring))
    assert set(found) == {"copy", "everyday"}
    assert found["everyday"] > 0.5


def test_posko_train_stops_on_a_stale_exclusion_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a maintainer meets it: `posko train` after adding a set without rewriting the list
    says what to run, exits 2 and writes no model."""
    from posko.cli import main
    from posko.neutrality.training import written_sets

    lines = written_sets.EXCLUDED_FILE.read_text(encoding="utf-8").splitlines()
    stale = tmp_path / "written_excluded.txt"
    stale.write_text("\n".join(["# fingerprint 0000", *lines[1:]]), encoding="utf-8")
    monkeypatch.setattr(written_sets, "EXCLUDED_FILE", stale)
    out = tmp_path / "model.json"
    assert main(["train", "--output", str(out), "--no-report"]) == 2
    err = capsys.readouterr().err
    assert "is stale" in err and "written_sets --write" in err and "Traceback" not in err
    assert not out.exists()


def test_training_refuses_a_stale_exclusion_list(tmp_path: Path) -> None:
    from posko.neutrality.training.written_sets import (
        EXCLUDED_FILE,
        StaleExclusions,
        excluded_ids,
    )

    lines = EXCLUDED_FILE.read_text(encoding="utf-8").splitlines()
    assert len(excluded_ids(EXCLUDED_FILE)) == len(lines) - 2
    stale = tmp_path / "stale.txt"
    stale.write_text("\n".join(["# fingerprint 0000", *lines[1:]]), encoding="utf-8")
    with pytest.raises(StaleExclusions, match="stale"):
        excluded_ids(stale)
    with pytest.raises(StaleExclusions, match="missing"):
        excluded_ids(tmp_path / "none.txt")


def _training_sets() -> list[Path]:
    from posko.neutrality.training.written_sets import training_set_files

    return training_set_files()


def test_the_training_sets_are_found() -> None:
    assert len(_training_sets()) >= 8


@pytest.mark.parametrize("path", _training_sets(), ids=lambda p: p.name)
def test_training_sets_are_well_formed(path: Path) -> None:
    from posko.candidates.registry import load_registry_file
    from posko.neutrality.training.written_sets import SETS_DIR, set_pairs

    items = read_dev(path)
    assert len(items) >= 300
    assert len({it["id"] for it in items}) == len(items)
    assert {it["content_class"] for it in items} == set(CLASSES)
    assert all(it["text"].strip() and isinstance(it["tags"], list) for it in items)
    registry = SETS_DIR / path.name.replace("_content.jsonl", "_registry_extra.csv")
    if registry.exists():  # a set about regional races: their pairs, read without an error
        assert not load_registry_file(registry)[1]
        assert set_pairs(path)
    else:  # a national set: no race beyond the demo registry's provinces
        assert {it["region"] for it in items} <= {None, "31", "32", "33", "35"}


def test_dev_scorer_prints_the_metrics() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "posko.neutrality.training.dev", "--tag", "short"],
        capture_output=True, text=True, timeout=120, check=True, cwd=DEV_FILE.parents[2],
    )  # fmt: skip
    assert "3-class accuracy" in out.stdout
    assert out.stdout.splitlines()[0].startswith("dev set: ")
    count = int(out.stdout.split()[2])
    assert 0 < count == sum("short" in it["tags"] for it in read_dev())


def test_the_second_dev_set_is_scored_with_file() -> None:
    dev2 = DEV_FILE.with_name("dev2_content.jsonl")
    out = subprocess.run(
        [sys.executable, "-m", "posko.neutrality.training.dev", "--file", str(dev2)],
        capture_output=True, text=True, timeout=120, check=True, cwd=DEV_FILE.parents[2],
    )  # fmt: skip
    assert out.stdout.startswith(f"dev set: {len(read_dev(dev2))} items")


def test_the_third_dev_set_is_scored_with_its_extra_races() -> None:
    dev3 = DEV_FILE.with_name("dev3_content.jsonl")
    extra = DEV_FILE.with_name("dev3_registry_extra.csv")
    cmd = [sys.executable, "-m", "posko.neutrality.training.dev", "--file", str(dev3)]

    def run(*more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*cmd, *more], capture_output=True, text=True, timeout=120, check=False,
            cwd=DEV_FILE.parents[2],
        )  # fmt: skip

    out = run("--registry", str(extra))
    assert out.returncode == 0
    assert out.stdout.startswith(f"dev set: {len(read_dev(dev3))} items")
    # a registry file that does not exist is a clear error, not a traceback
    bad = run("--registry", "no-such-registry.csv")
    assert bad.returncode == 1
    assert "no-such-registry.csv: file not found" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_real_tweet_set_is_scored_on_political_or_not() -> None:
    real = DEV_FILE.with_name("realdev_tweets.jsonl")
    items = read_dev(real)
    assert all(isinstance(it["political"], bool) for it in items)
    assert all(it["source_row"] % 10 == 5 for it in items)  # never a reserved row
    out = subprocess.run(
        [sys.executable, "-m", "posko.neutrality.training.dev", "--file", str(real)],
        capture_output=True, text=True, timeout=120, check=True, cwd=DEV_FILE.parents[2],
    )  # fmt: skip
    kept = sum(not it.get("exclude") for it in items)
    assert out.stdout.startswith(f"real-tweet set: {kept} items (political or not)")
    assert "political macro-F1" in out.stdout


def test_training_skips_the_real_tweet_dev_set() -> None:
    from posko.neutrality.training.sources import text_key

    real = {text_key(it["text"]) for it in read_dev(DEV_FILE.with_name("realdev_tweets.jsonl"))}
    assert len(real) > 400
    assert not real & _trained_keys()
