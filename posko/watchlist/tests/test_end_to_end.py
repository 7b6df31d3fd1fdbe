"""Watchlist → `posko import` (Instagram, X) → `posko scan` → findings → package → case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from posko.cli import build_parser, main
from posko.watchlist.tests.conftest import NIP

IG_LIKES = {
    "likes_media_likes": [
        {
            "title": "jeje.ronal",
            "string_list_data": [
                {
                    "href": "https://www.instagram.com/p/C1a2b3c4/",
                    "value": "\U0001f44d",
                    "timestamp": 1732065300,
                }
            ],
        }
    ]
}
X_LIKES = [
    {
        "like": {
            "tweetId": "1859000000000000001",
            "fullText": "Ayo coblos nomor 2 Jeje Wiradinata untuk Jawa Barat! #Pilgub",
            "expandedUrl": "https://twitter.com/i/web/status/1859000000000000001",
        }
    }
]


def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices or ())


@pytest.mark.skipif(
    not {"import", "scan"} <= _commands(),
    reason="`posko import` / `posko scan` (posko.imports.cli) are not registered yet",
)
def test_watchlist_import_scan_package_case(
    person: Any, koordinator: Any, tmp_path: Path, capsys: Any
) -> None:
    from posko.watchlist.casework import open_case_from_finding
    from posko.watchlist.models import Finding
    from posko.watchlist.package import build_evidence_package, verify_package

    registry = Path(__file__).resolve().parents[2] / "candidates" / "data" / "demo_registry.csv"
    assert main(["candidates", "import", str(registry), "--demo"]) == 0
    exports = tmp_path / "exports" / NIP
    exports.mkdir(parents=True)
    (exports / "liked_posts.json").write_text(json.dumps(IG_LIKES), encoding="utf-8")
    (exports / "like.js").write_text(
        "window.YTD.like.part0 = " + json.dumps(X_LIKES), encoding="utf-8"
    )
    for fmt, name in (("instagram", "liked_posts.json"), ("x", "like.js")):
        assert main(["import", fmt, str(exports / name), "--actor", NIP]) == 0
        lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
        assert lines and all(line["actor"]["nip"] == NIP for line in lines)
    out = tmp_path / "report"
    status = main(
        ["scan", str(tmp_path / "exports"), "--output-dir", str(out), "--as", "koordinator.w"]
    )
    capsys.readouterr()
    assert status in (0, 1)
    findings = list(Finding.objects.filter(person=person))
    assert findings, "the scan recorded no findings"
    x_hits = [f for f in findings if f.evidence.get().item.get("platform") == "x"]
    assert x_hits and x_hits[0].rule_id == "SKB2022-A4-B6-SOCIAL"
    assert "Jeje Wiradinata" in x_hits[0].candidate
    assert {e.source_name for f in findings for e in f.evidence.all()} >= {"like.js"}
    package = build_evidence_package(findings, actor=koordinator, output=tmp_path / "p.zip")
    assert verify_package(package) == []
    link = open_case_from_finding(x_hits[0], actor=koordinator)
    assert link.case.route == "bkn" and link.report.evidence.count() == 1
