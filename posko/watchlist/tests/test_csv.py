"""`posko watchlist import/export/package/verify` as a user runs them (subprocesses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from posko.watchlist.identity import WatchlistInputError, normalise_handle, validate_nip

CSV = """nip,name,institution,position,region_code,accounts
198503122010011001,ASN Contoh,Dinas Pendidikan,Kepala Seksi,32.73,\
instagram:@asn.contoh;x:asncon
12345,Nip Pendek,Dinas,Staf,,
199001012015032002,Siti Aminah,Dinas Kesehatan,Staf,32.73,tiktok:sitia
198503122010011001,Ganda,Dinas,Staf,,
199202022019031003,Akun Salah,Dinas,Staf,,friendster:siti
199303032020122004,Wilayah Salah,Dinas,Staf,99.99,
"""


def test_import_reports_bad_rows_and_keeps_good_ones(run_posko: Any, tmp_path: Path) -> None:
    source = tmp_path / "asn.csv"
    source.write_text(CSV, encoding="utf-8")
    done = run_posko("watchlist", "import", str(source))
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("asn.csv:")]
    assert [e.split(":")[1] for e in errors] == ["3", "5", "6", "7"]
    assert "18 angka" in errors[0] and "baris 2" in errors[1]
    assert "friendster" in errors[2] and "wilayah" in errors[3]
    out = tmp_path / "out.csv"
    assert run_posko("watchlist", "export", "--output", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "nip,name,institution,position,region_code,accounts"
    assert lines[1].startswith("198503122010011001,ASN Contoh,")
    assert lines[1].endswith("instagram:asn.contoh;x:asncon")
    assert len(lines) == 3
    again = run_posko("watchlist", "import", str(out))  # the export imports back cleanly
    assert again.returncode == 0, again.stderr


def test_verify_and_package_commands(run_posko: Any, tmp_path: Path) -> None:
    missing = run_posko("watchlist", "package", "198503122010011001", "-o", str(tmp_path / "a"))
    assert missing.returncode == 1
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    done = run_posko("watchlist", "verify", str(broken))
    assert done.returncode == 1 and "not a readable ZIP" in done.stderr


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("198503122010011001", True),
        ("1985 0312 201001 1 001", True),
        ("198513122010011001", False),
        ("198503122010013001", False),
        ("19850312201001100", False),
    ],
)
def test_nip(raw: str, ok: bool) -> None:
    if ok:
        assert validate_nip(raw) == "198503122010011001"
    else:
        with pytest.raises(WatchlistInputError):
            validate_nip(raw)


def test_handles() -> None:
    assert normalise_handle("instagram", "https://www.instagram.com/Asn.C/?hl=id") == "asn.c"
    assert normalise_handle("x", "@AsnCon") == "asncon"
    assert normalise_handle("whatsapp", "0812-3456-789") == "628123456789"
    with pytest.raises(WatchlistInputError):
        normalise_handle("x", "bad handle with spaces")
