"""Officer roles and what each may do: least privilege, as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The Posko's officer roles."""

    PETUGAS = "petugas", _("Petugas")  # handles the reports assigned to them
    KOORDINATOR = "koordinator", _("Koordinator")  # triages, assigns, routes, closes
    PIMPINAN = "pimpinan", _("Pimpinan")  # reads dashboards and reports, changes nothing
    ADMIN = "admin", _("Admin")


# capability -> roles that hold it. "own" capabilities of a petugas apply only to cases
# assigned to them; see posko.accounts.permissions.can().
CAPABILITIES: dict[str, frozenset[Role]] = {
    "view_queue": frozenset({Role.KOORDINATOR, Role.PIMPINAN, Role.ADMIN}),
    "view_own_cases": frozenset({Role.PETUGAS, Role.KOORDINATOR, Role.ADMIN}),
    "view_identity": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "assign": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "route": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "merge": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "close": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "advance_own": frozenset({Role.PETUGAS, Role.KOORDINATOR, Role.ADMIN}),
    "advance_any": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "message_own": frozenset({Role.PETUGAS, Role.KOORDINATOR, Role.ADMIN}),
    "message_any": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "export": frozenset({Role.KOORDINATOR, Role.ADMIN}),
    "dashboard": frozenset({Role.PETUGAS, Role.KOORDINATOR, Role.PIMPINAN, Role.ADMIN}),
}
