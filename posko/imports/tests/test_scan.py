"""`posko scan`: a folder of exports for watchlisted ASN -> grouped findings and evidence."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from posko.imports.tests.conftest import FIXTURES, NIP, REGISTRY

NIP_X = "198712252012122002"
NOT_WATCHED = "197001011995031001"


@pytest.fixture
def watchlist(db: None, settings: Any, tmp_path: Path) -> None:
    """Registry with campaign accounts; two watched ASN (Instagram + WhatsApp, and X)."""
    from posko.candidates.registry import read_registry_file
    from posko.candidates.services import import_registry
    from posko.watchlist.services import add_account, save_person

    settings.EVIDENCE_DIR = tmp_path / "evidence"
    pairs, errors = read_registry_file(REGISTRY)
    assert errors == []
    import_registry(pairs, actor="test")
    budi, _ = save_person(actor="test", nip=NIP, name="ASN Contoh")
    add_account(budi, "instagram", "asn.c", actor="test")
    sari, _ = save_person(actor="test", nip=NIP_X, name="Warga Contoh")
    add_account(sari, "x", "sari_dewi", actor="test")


def scan_folder(tmp_path: Path) -> Path:
    root = tmp_path / "exports"
    budi = root / NIP / "instagram"
    budi.mkdir(parents=True)
    shutil.copy(FIXTURES / "instagram" / "liked_posts.json", budi)
    shutil.copy(FIXTURES / "instagram" / "post_comments_1.json", budi)
    shutil.copy(FIXTURES / "whatsapp" / "WhatsApp Chat with Relawan RIDO Tebet.txt", root / NIP)
    (root / NIP / "following.json").write_text('{"relationships_following": [{"title": "a", ')
    with zipfile.ZipFile(root / "twitter-2024-11-30.zip", "w") as zf:
        zf.write(FIXTURES / "x" / "like.js", "data/like.js")
        # A fixed member date: with the current time, a rescan a few seconds later would see a
        # ZIP with another SHA-256 (zip dates have 2-second steps) and record its findings again.
        account = zipfile.ZipInfo("data/account.js", date_time=(2024, 11, 30, 0, 0, 0))
        zf.writestr(account, '[{"account": {"username": "Sari_Dewi"}}]')
    (root / NOT_WATCHED).mkdir()
    (root / "notes.docx").write_text("x")
    return root


def test_scan_groups_findings_and_records_them_as_evidence(watchlist: None, tmp_path: Path) -> None:
    from posko.imports.scan import run_scan
    from posko.watchlist.models import EvidenceItem, Finding

    out = tmp_path / "report"
    result = run_scan(scan_folder(tmp_path), out, actor="test")
    assert result.files == 4
    assert len(result.errors) == 1 and "following.json: line 1" in result.errors[0]
    assert any(NOT_WATCHED in n for n in result.notes)
    assert any("notes.docx" in n for n in result.notes)
    found = sorted((f["nip"], f["action"], f["candidate"], f["rule_id"]) for f in result.findings)
    assert found == [
        (NIP_X, "like", "1. Ridwan Kamil", "SKB2022-A4-B6-SOCIAL"),
        (NIP_X, "like", "3. Pramono Anung", "SKB2022-A4-B6-SOCIAL"),
        (NIP, "comment", "3. Pramono Anung", "SKB2022-A4-B6-SOCIAL"),
        (NIP, "join_group", "1. Ridwan Kamil", "SKB2022-A4-B6-SOCIAL"),
        (NIP, "like", "1. Ridwan Kamil", "SKB2022-A4-B6-SOCIAL"),
        (NIP, "like", "3. Pramono Anung", "SKB2022-A4-B6-SOCIAL"),
        (NIP, "post", "1. Ridwan Kamil", "SKB2022-A4-B6-SOCIAL"),
    ]
    assert result.recorded == len(result.findings) == Finding.objects.count()
    evidence = EvidenceItem.objects.get(finding__person__nip=NIP, item__action="comment")
    assert evidence.item["account"] == "pramonoanung"
    assert evidence.item["text"].startswith("Gas terus Mas Pram!")
    assert evidence.source_name == "post_comments_1.json"

    rows = list(csv.DictReader((out / "findings.csv").open(encoding="utf-8")))
    assert len(rows) == len(result.findings)
    assert all(r["explanation"].startswith("MELANGGAR") for r in rows)
    html = (out / "findings.html").read_text(encoding="utf-8")
    assert "ASN Contoh (NIP 199001012015031001)" in html
    assert "Calon: 3. Pramono Anung" in html
    assert "following.json" in html  # the malformed file is named in the report

    again = run_scan(scan_folder(tmp_path / "again"), tmp_path / "report2", actor="test")
    assert Finding.objects.count() == result.recorded  # same files, same items: not stored twice
    assert again.recorded == result.recorded


def test_scan_cli_exit_status_and_report(watchlist: None, tmp_path: Path, capsys: Any) -> None:
    from posko.cli import main

    status = main(["scan", str(scan_folder(tmp_path)), "--output-dir", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert status == 1  # one malformed export
    assert "scan: 4 file(s)" in err and "finding(s)" in err
    assert (tmp_path / "o" / "findings.html").exists()
