"""`posko regions ...` run as a real subprocess."""

from __future__ import annotations

import json

from posko.testing.cli import RunPosko


def test_lookup_json(run_posko: RunPosko) -> None:
    done = run_posko("regions", "lookup", "Beltim", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["code"] == "19.06"
    assert rows[0]["name"] == "Kabupaten Belitung Timur"
    assert rows[0]["level"] == "kabkota"
    assert rows[0]["within"] == ["Kepulauan Bangka Belitung"]
    assert isinstance(rows[0]["score"], float)


def test_lookup_text_and_no_match(run_posko: RunPosko) -> None:
    done = run_posko("regions", "lookup", "Kec. Manggar", "--level", "kecamatan", "--limit", "1")
    assert done.returncode == 0
    assert done.stdout.startswith("19.06.01")
    missing = run_posko("regions", "lookup", "qqqqqqqqxz")
    assert missing.returncode == 1
    assert "no region matches" in missing.stderr


def test_load(run_posko: RunPosko) -> None:
    done = run_posko("regions", "load")
    assert done.returncode == 0, done.stderr
    assert "91,599 inserted" in done.stderr
    assert "Traceback" not in done.stderr
