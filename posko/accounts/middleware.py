"""One place that holds officers to the second factor, for pages and session-auth API alike."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from posko.accounts.two_factor import requires_two_factor, session_is_verified


class TwoFactorMiddleware:
    """An officer whose session has not passed TOTP counts as signed out, except on 2FA pages.

    Replacing request.user (rather than guarding each view) means login_required pages, the
    officer checks in views, django-ninja's session auth and the admin all refuse the session
    without knowing about 2FA. Bearer-token API calls set their own user and are unaffected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._exempt: frozenset[str] | None = None

    def exempt_paths(self) -> frozenset[str]:
        """The 2FA step itself and sign-out need the half-signed-in user."""
        if self._exempt is None:
            self._exempt = frozenset({reverse("accounts:two_factor"), reverse("accounts:logout")})
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Swap an unverified officer for AnonymousUser; remember them for the login page."""
        user = request.user
        if (
            requires_two_factor(user)
            and request.path not in self.exempt_paths()
            and not session_is_verified(request, user)
        ):
            request.pending_two_factor_user = user  # type: ignore[attr-defined]
            request.user = AnonymousUser()
            if request.path.startswith(reverse("admin:index")):
                # The admin's own login page knows nothing of 2FA: send staff to the step.
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)
