"""Writes of the accounts app: officers and their API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from posko.accounts.models import ApiToken, OfficerProfile
from posko.accounts.roles import Role
from posko.core import audit
from posko.core.audit import Actor
from posko.core.errors import InputError

TOKEN_PREFIX_LENGTH = 8


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_officer(
    username: str,
    password: str,
    role: Role | str,
    *,
    actor: Actor,
    unit: str = "",
    is_demo: bool = False,
) -> User:
    """Create a user with an officer profile holding `role`; audited."""
    username = username.strip()
    if not username:
        raise InputError("username", "required", "Nama pengguna wajib diisi.")
    try:
        role = Role(role)
    except ValueError:
        raise InputError("role", "invalid_role", f"Peran tidak dikenal: {role}") from None
    user_model = get_user_model()
    with transaction.atomic():
        if user_model._default_manager.filter(username=username).exists():
            raise InputError("username", "exists", f"Pengguna {username} sudah ada.")
        user = user_model._default_manager.create_user(username=username, password=password)
        OfficerProfile.objects.create(user=user, role=role, unit=unit, is_demo=is_demo)
        audit.record(actor, "officer.create", user, role=str(role), unit=unit)
    return user


def issue_token(user: User, *, actor: Actor, name: str) -> str:
    """Create an API token for an officer; the raw token is returned once, only its hash kept."""
    if getattr(user, "officer", None) is None:
        raise InputError("username", "not_officer", "Pengguna ini bukan petugas.")
    name = name.strip()
    if not name:
        raise InputError("name", "required", "Nama token wajib diisi.")
    # 32 random bytes: not guessable; the prefix lets officers recognise a token in lists.
    raw = "pk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            key_hash=_hash_token(raw),
            prefix=raw[:TOKEN_PREFIX_LENGTH],
        )
        audit.record(actor, "token.issue", token, user=user.get_username(), name=token.name)
    return raw


def revoke_token(token: ApiToken, *, actor: Actor) -> ApiToken:
    """Revoke an API token; it stops working at once."""
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "token.revoke", token)
    return token


def user_for_token(raw: str) -> User | None:
    """The active officer owning a valid, unrevoked token, or None; records last use."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__officer")
        .filter(key_hash=_hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # One UPDATE, no read-modify-write race; last use is informative, not audited.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
