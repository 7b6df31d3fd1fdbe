"""Factories for officers of each role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from posko.accounts.roles import Role

PASSWORD = "sandi-uji-Posko-2026"


@pytest.fixture
def make_officer(db: None) -> Callable[..., Any]:
    """make_officer("koordinator") -> a User with that role and PASSWORD."""
    from posko.accounts.services import create_officer

    def make(role: str, username: str | None = None, **kwargs: Any) -> Any:
        return create_officer(
            username or f"{role}.uji", PASSWORD, Role(role), actor="test", **kwargs
        )

    return make
