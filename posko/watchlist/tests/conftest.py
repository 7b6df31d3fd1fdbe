"""Fixtures for the watchlist tests: a private evidence folder, officers, people and findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from posko.accounts.roles import Role

NIP = "198503122010011001"
PASSWORD = "sandi-uji-Posko-2026"
VERDICT: dict[str, Any] = {
    "id": "ig-like-1",
    "violation": True,
    "content_class": "partisan",
    "targets": [{"number": 2, "candidate": "Jeje Wiradinata", "region_code": "32"}],
    "rule": {"id": "SKB2022-A4-B6-SOCIAL", "citation": "SKB 2/2022 Lampiran II"},
    "sanction": "Hukuman disiplin berat",
    "explanation": "MELANGGAR netralitas ASN: menyukai (like) konten ini dilarang.",
    "confidence": 0.99,
    "needs_human_review": True,
    "readings": [],
    "evidence": ['ajakan memilih: "coblos nomor"'],
}
ITEM = {
    "text": "Ayo coblos nomor 2 untuk Jawa Barat!",
    "url": "https://www.instagram.com/p/C1a2b3c4/",
    "account": "jeje.ronal",
    "timestamp": "2024-11-20T08:15:00+07:00",
    "platform": "instagram",
}


@pytest.fixture(autouse=True)
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    """Every test stores evidence in its own folder."""
    folder = tmp_path / "evidence"
    settings.EVIDENCE_DIR = folder
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    cache.clear()
    return folder


@pytest.fixture
def make_officer(db: None) -> Callable[..., Any]:
    """make_officer("koordinator") -> a User with that role."""
    from posko.accounts.services import create_officer

    def make(role: str, username: str | None = None) -> Any:
        return create_officer(username or f"{role}.w", PASSWORD, Role(role), actor="test")

    return make


@pytest.fixture
def koordinator(make_officer: Callable[..., Any]) -> Any:
    """A koordinator."""
    return make_officer("koordinator", "koordinator.w")


@pytest.fixture
def person(koordinator: Any) -> Any:
    """A watchlisted ASN with an Instagram and an X account."""
    from posko.watchlist.services import add_account, save_person

    saved, _ = save_person(
        actor=koordinator,
        nip=NIP,
        name="ASN Contoh",
        institution="Dinas Pendidikan Kota Bandung",
        position="Kepala Seksi",
        region_code="32.73",
    )
    add_account(saved, "instagram", "@asn.contoh", actor=koordinator)
    add_account(saved, "x", "https://x.com/asncon", actor=koordinator)
    return saved


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    """A stand-in platform export the findings came from."""
    path = tmp_path / "liked_posts.json"
    path.write_text('{"likes_media_likes": []}', encoding="utf-8")
    return path


@pytest.fixture
def screenshot(tmp_path: Path) -> Path:
    """A small PNG screenshot."""
    from PIL import Image

    path = tmp_path / "layar.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(path)
    return path


@pytest.fixture
def make_finding(person: Any, koordinator: Any, export_file: Path) -> Callable[..., Any]:
    """make_finding(text=..., screenshot=None) -> a recorded Finding on `person`."""
    from posko.watchlist.services import FindingInput, record_findings

    def make(screenshot: Path | None = None, **item: Any) -> Any:
        entry = FindingInput(
            item=ITEM | item,
            act={"id": "ig-like-1", "actor": {"asn": True, "nip": NIP}, "action": "like"},
            verdict=VERDICT,
            screenshot=screenshot,
        )
        [finding] = record_findings(
            NIP, [entry], actor=koordinator, source_file=export_file, imported_by="koordinator.w"
        )
        return finding

    return make
