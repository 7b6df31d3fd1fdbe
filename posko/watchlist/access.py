"""Who may use the watchlist: least privilege, as data.

The watchlist holds personal data (NIP, accounts) of civil servants who have not been reported
by anyone, so only the roles that triage and route cases see it: koordinator and admin read and
manage it. A petugas meets a finding only once it has become a case assigned to them; pimpinan
reads dashboards, not named individuals. A string actor is the command line, run by someone who
already holds shell access to the database.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from posko.accounts.permissions import role_of
from posko.accounts.roles import Role
from posko.core.audit import Actor

WATCHLIST_CAPABILITIES: dict[str, frozenset[Role]] = {
    "watchlist_view": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "watchlist_manage": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "finding_to_case": frozenset({Role.KOORDINATOR, Role.ADMIN}),
}


def may(actor: Actor, capability: str) -> bool:
    """True when the actor holds the watchlist capability (the CLI always does)."""
    if isinstance(actor, str) and actor:
        return True
    role = role_of(actor)
    return role is not None and role in WATCHLIST_CAPABILITIES[capability]


def require(actor: Actor, capability: str) -> None:
    """Raise PermissionDenied unless the actor holds the capability."""
    if not may(actor, capability):
        raise PermissionDenied(f"{capability} is not allowed for this user")


def actor_label(actor: Actor) -> str:
    """A short name for an actor, stored on evidence rows."""
    if isinstance(actor, str):
        return actor
    return str(getattr(actor, "get_username", lambda: "anonymous")())
