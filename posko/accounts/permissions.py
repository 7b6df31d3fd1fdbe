"""Who may do what: one function every view and service asks."""

from __future__ import annotations

from posko.accounts.roles import CAPABILITIES, Role


def role_of(user: object) -> Role | None:
    """The officer role of a user, or None for the public and for users without a profile."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    profile = getattr(user, "officer", None)
    if profile is None:
        return None
    return Role(profile.role)


def can(user: object, capability: str) -> bool:
    """True when the user's role holds the capability (see roles.CAPABILITIES)."""
    role = role_of(user)
    if role is None:
        return False
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")
    return role in CAPABILITIES[capability]
