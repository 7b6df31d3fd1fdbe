"""Bearer-token authentication for the officer API (django-ninja)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from posko.accounts.permissions import role_of
from posko.accounts.services import user_for_token


class OfficerTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; sets request.user to the token's officer."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """Return the officer for a valid token (ninja then answers 401 for None)."""
        user = user_for_token(token)
        if user is None or role_of(user) is None:
            return None
        request.user = user  # so views and visibility filters see the officer
        return user
