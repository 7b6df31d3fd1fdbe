"""TOTP second factor through HTTP: enrolment, verification, refusal of half-signed-in sessions."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from posko.accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforce_two_factor() -> None:
    """Opt out of the test shortcut in posko/accounts/testing.py: 2FA is the subject here."""


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _password_login(client: Client, username: str, next_url: str = "") -> Any:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return str(TOTP(key).token()).zfill(6)


def test_first_login_enrols_with_qr_then_reaches_the_queue(
    enforce_two_factor: None, make_officer: Any
) -> None:
    make_officer("koordinator")
    client = Client()
    response = _password_login(client, "koordinator.uji")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    # Password alone opens nothing: officer pages and the session API refuse.
    assert client.get(reverse("cases:queue")).status_code == 302
    assert client.get("/api/v1/alerts").status_code == 401

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)  # type: ignore[union-attr]
    qr = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert qr and b"<svg" in base64.b64decode(qr.group(1))
    assert "<script" not in html and "style=" not in html  # nothing the strict CSP would block
    csp = page["Content-Security-Policy"]
    assert "img-src 'self' data:" in csp and "script-src 'self'" in csp

    wrong = client.post(reverse("accounts:two_factor"), {"token": "000000"})
    assert wrong.status_code == 400 and "Kode salah" in wrong.content.decode()
    # django-otp backs off for a moment after a wrong code; wait that out.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        done = client.post(
            reverse("accounts:two_factor"), {"token": _code(secret), "next": "/petugas/"}
        )
    assert done.status_code == 302 and done["Location"] == "/petugas/"
    assert client.get(reverse("cases:queue")).status_code == 200
    assert client.get("/api/v1/alerts").status_code == 200

    from posko.core.models import AuditEvent

    assert AuditEvent.objects.filter(verb="2fa.enrol", actor__username="koordinator.uji").exists()


def test_every_later_login_asks_for_the_code(enforce_two_factor: None, make_officer: Any) -> None:
    from posko.accounts.two_factor import current_code, pending_device

    officer = make_officer("petugas")
    device = pending_device(officer)
    device.confirmed = True
    device.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        assert _password_login(client, "petugas.uji")["Location"].startswith("/akun/verifikasi/")
        page = client.get(reverse("accounts:two_factor")).content.decode()
        assert "totp-secret" not in page  # the secret is shown only while enrolling
        code = current_code(device)
        assert client.post(reverse("accounts:two_factor"), {"token": code}).status_code == 302
        assert client.get(reverse("cases:queue")).status_code == 200
        # The same code cannot open a second session (replay) in the same time step.
        other = Client()
        _password_login(other, "petugas.uji")
        assert other.post(reverse("accounts:two_factor"), {"token": code}).status_code == 400
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        device.refresh_from_db()
        assert (
            other.post(reverse("accounts:two_factor"), {"token": current_code(device)}).status_code
            == 302
        )


def test_code_guessing_is_rate_limited(enforce_two_factor: None, make_officer: Any) -> None:
    make_officer("admin")
    client = Client()
    _password_login(client, "admin.uji")
    statuses = [
        client.post(reverse("accounts:two_factor"), {"token": f"{n:06d}"}).status_code
        for n in range(12)
    ]
    assert statuses[-1] == 429 and set(statuses[:10]) == {400}


def test_admin_site_needs_the_second_factor_too(enforce_two_factor: None) -> None:
    from posko.accounts.two_factor import current_code, pending_device

    admin = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    assert client.login(username="root", password=PASSWORD)
    first = client.get("/admin/")
    assert first.status_code == 302 and first["Location"].startswith("/akun/verifikasi/")
    page = client.get(first["Location"]).content.decode()
    assert "totp-secret" in page  # enrols like an officer
    device = pending_device(admin)
    done = client.post(first["Location"], {"token": current_code(device)})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_token_api_needs_no_second_factor(enforce_two_factor: None, make_officer: Any) -> None:
    from posko.accounts.services import issue_token

    raw = issue_token(make_officer("koordinator"), actor="test", name="integrasi")
    response = Client().get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_passwords_are_argon2_and_old_pbkdf2_hashes_upgrade_on_login(
    enforce_two_factor: None, make_officer: Any
) -> None:
    officer = make_officer("pimpinan")
    assert officer.password.startswith("argon2$")
    User.objects.filter(pk=officer.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    _password_login(Client(), "pimpinan.uji")
    officer.refresh_from_db()
    assert officer.password.startswith("argon2$")
