"""`posko sitrep` as a subprocess on a fresh data directory (SQLite)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

POSKO = [sys.executable, "-m", "posko.cli"]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["POSKO_DATA_DIR"] = str(data_dir)
    return subprocess.run([*POSKO, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("posko-data")
    assert run(path, "setup", "--no-demo").returncode == 0
    assert run(path, "regions", "load").returncode == 0
    return path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_writes_a_pdf(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "jabar.pdf"
    done = run(data_dir, "sitrep", "--region", "32", "--date", "2024-11-27", "--output", str(out))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Jawa Barat" in text and "Halaman 1 dari" in text


def test_xlsx_and_html_by_extension(data_dir: Path, tmp_path: Path) -> None:
    for name, magic in (("n.xlsx", b"PK"), ("n.html", b"<!doctype html>")):
        done = run(data_dir, "sitrep", "--date", "2024-11-27", "--output", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2024-13-01"], "is not a calendar date"),
        (["--date", "27-11-2024"], "must be YYYY-MM-DD"),
        (["--date", "2999-01-01"], "is in the future"),
        (["--region", "99.99", "--date", "2024-11-27"], "99.99 tidak dikenal"),
        (["--region", "32.73.01", "--date", "2024-11-27"], "bukan kecamatan"),
    ],
)
def test_rejects_bad_input_clearly(data_dir: Path, tmp_path: Path, args, message) -> None:
    out = tmp_path / "x.pdf"
    done = run(data_dir, "sitrep", *args, "--output", str(out))
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
