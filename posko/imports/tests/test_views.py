"""The officer upload page over HTTP: login required, verdicts shown, malformed refused, audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from posko.accounts.roles import Role
from posko.imports.tests.conftest import FIXTURES, NIP, REGISTRY

PASSWORD = "sandi-uji-Posko-2026"


@pytest.fixture
def officer_client(db: None) -> Client:
    from posko.accounts.services import create_officer
    from posko.candidates.registry import read_registry_file
    from posko.candidates.services import import_registry

    import_registry(read_registry_file(REGISTRY)[0], actor="test")
    user = create_officer("petugas.impor", PASSWORD, Role.PETUGAS, actor="test")
    client = Client()
    client.force_login(user)
    return client


def upload(path: Path, fmt: str, **extra: Any) -> dict[str, Any]:
    return {
        "format": fmt,
        "export": SimpleUploadedFile(path.name, path.read_bytes()),
        "nip": NIP,
        "asn": "on",
        **extra,
    }


def test_anonymous_is_sent_to_login(client: Client, db: None) -> None:
    response = client.get("/impor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_upload_shows_verdicts_and_is_audited(officer_client: Client) -> None:
    from posko.core.models import AuditEvent

    response = officer_client.post(
        "/impor/", upload(FIXTURES / "instagram" / "liked_posts.json", "instagram", check="1")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 tindakan, 2 melanggar" in body
    assert "akun kampanye resmi: @pramonoanung" in body
    event = AuditEvent.objects.get(verb="imports.check_export")
    assert event.data["nip"] == NIP and event.data["violations"] == 2


def test_download_gives_check_input_lines(officer_client: Client) -> None:
    chat = FIXTURES / "whatsapp" / "WhatsApp Chat with Relawan RIDO Tebet.txt"
    response = officer_client.post(
        "/impor/", upload(chat, "whatsapp", name="ASN Contoh", download="1")
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = response.content.decode().splitlines()
    assert len(lines) == 2 and '"join_group"' in lines[1] and "Relawan RIDO Tebet" in lines[1]


def test_malformed_upload_is_refused_with_position(officer_client: Client) -> None:
    from posko.core.models import AuditEvent

    bad = SimpleUploadedFile("like.js", b'window.YTD.like.part0 = [ {"like": {"tweetId": "1"}, ')
    response = officer_client.post(
        "/impor/", {"format": "x", "export": bad, "nip": NIP, "check": "1"}
    )
    assert response.status_code == 400
    assert "like.js: line 1" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="imports.check_export").exists()


def english(client: Client) -> Client:
    """The client as a visitor who chose English with the language switch (its cookie)."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_upload_page_in_english(officer_client: Client) -> None:
    body = english(officer_client).get("/impor/").content.decode()
    assert '<html lang="en">' in body
    assert "Import platform exports" in body and "Export format" in body
    assert "X/Twitter (archive: like.js, tweets.js)" in body and "chat export .txt" in body
    assert "NIP of the export&#x27;s owner" in body and "The owner is a civil servant" in body
    assert ">Check</button>" in body and ">Download JSON lines</button>" in body
    for indonesian in ("Impor ekspor platform", "Unggah data", "Format ekspor", "Periksa", "Unduh"):
        assert indonesian not in body, indonesian


def test_upload_result_in_english(officer_client: Client) -> None:
    response = english(officer_client).post(
        "/impor/",
        upload(FIXTURES / "instagram" / "liked_posts.json", "instagram", check="1"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 actions, 2 in violation, 3 with incomplete data." in body
    assert "<h2>Result</h2>" in body and "<th>Verdict</th>" in body
    assert "<strong>VIOLATION</strong> SKB2022" in body and "<td>no violation<br>" in body
    # The engine's legal explanation (in <small>) stays Indonesian, as on /cek-netralitas.
    page = "".join(part.split("</small>")[-1] for part in body.split("<small>"))
    for indonesian in ("tindakan", "melanggar", "MELANGGAR", "Putusan", "Hasil", "berkas"):
        assert indonesian not in page, indonesian


def test_refusals_in_english(officer_client: Client, settings: Any) -> None:
    bad = SimpleUploadedFile("like.js", b'window.YTD.like.part0 = [ {"like": {"tweetId": "1"}, ')
    response = english(officer_client).post(
        "/impor/", {"format": "x", "export": bad, "nip": NIP, "check": "1"}
    )
    assert response.status_code == 400
    assert "The file could not be imported: like.js: line 1" in response.content.decode()
    settings.POSKO_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("like.js", b" " * (1024 * 1024 + 1))
    response = officer_client.post(
        "/impor/", {"format": "x", "export": big, "nip": NIP, "check": "1"}
    )
    body = response.content.decode()
    assert "The file exceeds the 1 MB limit." in body and "melebihi" not in body
