"""The /sitrep page: login required, form, HTML view, downloads, CSP-safe markup."""

from __future__ import annotations

import pytest
from django.test import Client

from posko.sitrep.tests.conftest import PASSWORD, World

URL = "/sitrep/"


@pytest.fixture
def client_in(officer) -> Client:
    client = Client()
    assert client.login(username=officer.username, password=PASSWORD)
    return client


def test_requires_login(world: World, client: Client) -> None:
    response = client.get(URL, {"region": "32", "date": "2024-11-27", "language": "id"})
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_non_officer_is_forbidden(world: World, django_user_model) -> None:
    django_user_model.objects.create_user("warga", password=PASSWORD)
    client = Client()
    client.login(username="warga", password=PASSWORD)
    assert client.get(URL).status_code == 403


def test_form_then_html_report(world: World, client_in: Client) -> None:
    form = client_in.get(URL)
    assert form.status_code == 200 and b'name="region"' in form.content
    page = client_in.get(URL, {"region": "Jawa Barat", "date": "2024-11-27", "language": "id"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Jawa Barat" in body and "Laporan per kategori" in body
    assert "sitrep/sitrep.css" in body
    assert "style=" not in body and "<style" not in body  # the CSP forbids inline styles
    assert 'src="data:image/svg+xml;base64,' in body


def test_downloads(world: World, client_in: Client) -> None:
    query = {"region": "32.73", "date": "2024-11-27", "language": "en"}
    pdf = client_in.get(URL, query | {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == 'attachment; filename="sitrep-3273-2024-11-27.pdf"'
    xlsx = client_in.get(URL, query | {"format": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('filename="sitrep-3273-2024-11-27.xlsx"')
    assert xlsx.content.startswith(b"PK")


def test_ambiguous_name_and_bad_input(world: World, client_in: Client) -> None:
    choices = client_in.get(URL, {"region": "Bandung", "date": "2024-11-27", "language": "id"})
    assert choices.status_code == 200 and "32.73" in choices.content.decode()
    future = client_in.get(URL, {"region": "32", "date": "2999-01-01", "language": "id"})
    assert future.status_code == 400
    unknown = client_in.get(URL, {"region": "99.99", "date": "2024-11-27", "language": "id"})
    assert unknown.status_code == 400 and "99.99" in unknown.content.decode()
