"""`posko indicators import FILE.csv` in a subprocess: good rows in, bad rows named, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("subprocess_db")


def _posko(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["POSKO_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "posko.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_import_reports_bad_rows_and_keeps_good(tmp_path: Path) -> None:
    assert _posko(tmp_path, "setup", "--no-demo").returncode == 0
    assert _posko(tmp_path, "regions", "load").returncode == 0
    csv_file = tmp_path / "occ.csv"
    csv_file.write_text(
        "region_code,indicator,date,source,note\n"
        "35.07,KA1,2024-10-01,Laporan Panwascam,amplop di Kepanjen\n"
        "35.07,XX9,2024-10-01,Laporan,\n"
        "99.99,KA1,2024-10-01,Laporan,\n"
        "35.07,PH1,01/10/2024,Laporan,\n"
        "35.07,PH1,2024-10-02,,\n"
        "53.71,sp1,2024-09-15,Media lokal,\n",
        encoding="utf-8",
    )
    result = _posko(tmp_path, "indicators", "import", str(csv_file))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(csv_file))]
    assert errors == [
        f"{csv_file}:3: unknown indicator 'XX9'",
        f"{csv_file}:4: unknown region '99.99'",
        f"{csv_file}:5: date '01/10/2024' is not YYYY-MM-DD",
        f"{csv_file}:6: missing source",
    ]
    assert "imported 2 occurrence(s), 4 bad row(s)" in result.stderr
    ok = tmp_path / "ok.csv"
    ok.write_text("region_code,indicator,date,source\n35.07,KA2,2024-10-03,Media\n")
    assert _posko(tmp_path, "indicators", "import", str(ok)).returncode == 0


def test_import_missing_file_and_columns(tmp_path: Path) -> None:
    missing = _posko(tmp_path, "indicators", "import", str(tmp_path / "none.csv"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,indikator\n35.07,KA1\n")
    result = _posko(tmp_path, "indicators", "import", str(bad))
    assert result.returncode == 1
    assert f"{bad}:1: missing column(s) region_code, indicator, date, source" in result.stderr
