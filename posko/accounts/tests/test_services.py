"""Officer accounts and API tokens through the services and the officer API."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import path
from ninja import NinjaAPI

from posko.accounts.api_auth import OfficerTokenAuth
from posko.accounts.models import ApiToken
from posko.accounts.permissions import role_of
from posko.accounts.roles import Role
from posko.accounts.services import create_officer, issue_token, revoke_token, user_for_token
from posko.core.errors import InputError
from posko.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_officer_gives_the_role_and_audits(make_officer: Callable[..., Any]) -> None:
    user = make_officer("petugas", unit="Kejari Bandung")
    assert role_of(user) is Role.PETUGAS
    assert user.officer.unit == "Kejari Bandung"
    event = AuditEvent.objects.get(verb="officer.create")
    assert event.target_id == str(user.pk) and event.data["role"] == "petugas"


def test_create_officer_refuses_duplicates_and_unknown_roles(
    make_officer: Callable[..., Any],
) -> None:
    make_officer("petugas", username="budi")
    with pytest.raises(InputError) as exists:
        create_officer("budi", "x" * 12, Role.ADMIN, actor="test")
    assert exists.value.code == "exists"
    with pytest.raises(InputError) as bad_role:
        create_officer("ani", "x" * 12, "raja", actor="test")
    assert bad_role.value.code == "invalid_role"


def test_token_is_returned_once_and_only_its_hash_is_stored(
    make_officer: Callable[..., Any],
) -> None:
    user = make_officer("koordinator")
    raw = issue_token(user, actor=user, name="integrasi")
    token = ApiToken.objects.get()
    assert raw not in (token.key_hash, token.prefix)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(token.prefix)
    assert user_for_token(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(verb="token.issue").count() == 1


def test_wrong_revoked_or_inactive_tokens_give_no_user(
    make_officer: Callable[..., Any],
) -> None:
    user = make_officer("petugas")
    raw = issue_token(user, actor=user, name="a")
    assert user_for_token(raw + "x") is None
    assert user_for_token("") is None
    user.is_active = False
    user.save()
    assert user_for_token(raw) is None
    user.is_active = True
    user.save()
    revoke_token(ApiToken.objects.get(), actor=user)
    assert user_for_token(raw) is None


def test_tokens_only_for_officers(db: None) -> None:
    from django.contrib.auth.models import User

    citizen = User.objects.create_user("warga", password="x" * 12)
    with pytest.raises(InputError):
        issue_token(citizen, actor="test", name="a")


# A throwaway API so the auth class is tested over HTTP independently of other routers.
_api = NinjaAPI(urls_namespace="auth-test")


@_api.get("/whoami", auth=OfficerTokenAuth())
def _whoami(request: Any) -> dict[str, str]:
    return {"username": request.user.get_username()}


urlpatterns = [path("api/", _api.urls)]


@pytest.mark.urls(__name__)
def test_bearer_auth_over_http(make_officer: Callable[..., Any]) -> None:
    user = make_officer("koordinator")
    raw = issue_token(user, actor=user, name="a")
    client = Client()
    ok = client.get("/api/whoami", headers={"Authorization": f"Bearer {raw}"})
    assert ok.status_code == 200 and ok.json() == {"username": user.username}
    assert client.get("/api/whoami").status_code == 401
    bad = client.get("/api/whoami", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
