"""Watchlist pages: koordinator/admin only, every person view audited in the read."""

from __future__ import annotations

from typing import Any

from django.test import Client

from posko.core.models import AuditEvent
from posko.watchlist.tests.conftest import PASSWORD


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_person_view_is_audited(person: Any, make_finding: Any) -> None:
    make_finding()
    client = _client("koordinator.w")
    response = client.get(f"/pengawasan/asn/{person.pk}/")
    assert response.status_code == 200
    assert b"asn.contoh" in response.content and b"Jeje Wiradinata" in response.content
    views = AuditEvent.objects.filter(verb="watchlist.person_view", target_id=str(person.pk))
    assert views.count() == 1 and views.get().actor_label == "koordinator.w"
    client.get(f"/pengawasan/asn/{person.pk}/")
    assert views.count() == 2
    listing = client.get("/pengawasan/?q=asncon")
    assert b"ASN Contoh" in listing.content
    assert AuditEvent.objects.filter(verb="watchlist.search", data__q="asncon").exists()
    package = client.get(f"/pengawasan/asn/{person.pk}/paket.zip")
    assert package.status_code == 200 and package["Content-Type"] == "application/zip"


def test_other_roles_are_refused_and_not_audited(person: Any, make_officer: Any) -> None:
    for role in ("petugas", "pimpinan"):
        make_officer(role, f"{role}.w")
        client = _client(f"{role}.w")
        assert client.get(f"/pengawasan/asn/{person.pk}/").status_code == 403
        assert client.get("/pengawasan/").status_code == 403
    assert Client().get("/pengawasan/").status_code == 302  # to the login page
    assert not AuditEvent.objects.filter(verb="watchlist.person_view").exists()


def test_create_and_add_account_by_form(koordinator: Any) -> None:
    client = _client("koordinator.w")
    response = client.post(
        "/pengawasan/baru/", {"nip": "123", "name": "X", "institution": "", "position": ""}
    )
    assert "NIP harus 18 angka" in response.content.decode()
    response = client.post(
        "/pengawasan/baru/",
        {"nip": "199001012015032002", "name": "Siti Aminah", "region_code": "32.73"},
    )
    assert response.status_code == 302
    detail = response["Location"]
    client.post(detail + "akun/", {"platform": "tiktok", "handle": "@SitiA"})
    assert b"tiktok: sitia" in client.get(detail).content
