"""Officer sign-in and sign-out pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

from posko.accounts.forms import OfficerLoginForm
from posko.accounts.ratelimit import hit
from posko.core.ratelimit import client_address

# Per username (guessing one account's password) and, looser, per client address (an office
# behind one NAT address logs in together; a guesser trying many accounts still gets stopped).
LOGIN_ATTEMPTS_PER_USER = 10
LOGIN_ATTEMPTS_PER_CLIENT = 30
LOGIN_WINDOW_SECONDS = 300


def _client_key(request: HttpRequest) -> str:
    return client_address(request)


class OfficerLoginView(auth_views.LoginView):
    """Login page with a rate limit on attempts."""

    template_name = "accounts/login.html"
    authentication_form = OfficerLoginForm
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """A password-checked officer without the second factor goes on to the 2FA step."""
        if getattr(request, "pending_two_factor_user", None) is not None:
            return self._to_two_factor(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        """After the password, officers always pass the second step (TwoFactorMiddleware)."""
        from posko.accounts.two_factor import requires_two_factor, session_is_verified

        response = super().form_valid(form)
        user = form.get_user()
        if requires_two_factor(user) and not session_is_verified(self.request, user):
            return self._to_two_factor(self.request)
        return response

    def _to_two_factor(self, request: HttpRequest) -> HttpResponse:
        query = urlencode({"next": self.get_redirect_url() or reverse("cases:queue")})
        return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Refuse with 429 once a client or a username made too many attempts."""
        username = str(request.POST.get("username", "")).strip().lower()
        allowed = hit(
            "login-ip",
            _client_key(request),
            limit=LOGIN_ATTEMPTS_PER_CLIENT,
            window_seconds=LOGIN_WINDOW_SECONDS,
        ) and hit(
            "login-user",
            username,
            limit=LOGIN_ATTEMPTS_PER_USER,
            window_seconds=LOGIN_WINDOW_SECONDS,
        )
        if not allowed:
            form = self.get_form()
            form.add_error(None, _("Terlalu banyak percobaan masuk. Coba lagi dalam 5 menit."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            response["Retry-After"] = str(LOGIN_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)


class OfficerLogoutView(auth_views.LogoutView):
    """Sign out (POST only, as in Django 5), then back to the home page."""
