"""Forms of the accounts app."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class OfficerLoginForm(AuthenticationForm):
    """Django's login form; only officers with a role may sign in."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
        "not_officer": _("Akun ini tidak memiliki peran petugas."),
    }

    def confirm_login_allowed(self, user: object) -> None:
        """Refuse users without an officer role: the pages are for officers only."""
        from django.core.exceptions import ValidationError

        from posko.accounts.permissions import role_of

        super().confirm_login_allowed(user)  # type: ignore[arg-type]
        if role_of(user) is None:
            raise ValidationError(self.error_messages["not_officer"], code="not_officer")
