"""The second sign-in step: enrol an authenticator (first time) or type its current code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from posko.accounts import two_factor
from posko.accounts.ratelimit import hit

# Six digits are guessable at scale: few tries per officer per window (django-otp also backs
# off after each failure).
CODE_ATTEMPTS_PER_USER = 10
CODE_WINDOW_SECONDS = 300


def _next_url(request: HttpRequest) -> str:
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("cases:queue")


@never_cache
@login_required
def two_factor_step(request: HttpRequest) -> HttpResponse:
    """Enrol when the officer has no confirmed device yet, else verify the current code."""
    user = request.user
    if not two_factor.requires_two_factor(user):
        return redirect(_next_url(request))
    if two_factor.session_is_verified(request, user):
        return redirect(_next_url(request))
    device = two_factor.confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = two_factor.pending_device(user)
    assert device is not None
    error = ""
    status = 200
    if request.method == "POST":
        token = str(request.POST.get("token", ""))
        allowed = hit(
            "2fa-user",
            str(user.pk),
            limit=CODE_ATTEMPTS_PER_USER,
            window_seconds=CODE_WINDOW_SECONDS,
        )
        if not allowed:
            error, status = _("Terlalu banyak percobaan kode. Coba lagi dalam 5 menit."), 429
        elif (
            two_factor.confirm_enrolment(request, device, token)
            if enrolling
            else two_factor.verify_session(request, user, token)
        ):
            return redirect(_next_url(request))
        else:
            error, status = _("Kode salah atau sudah kedaluwarsa."), 400
    context = {
        "enrolling": enrolling,
        "secret": two_factor.base32_secret(device) if enrolling else "",
        "qr_data_uri": two_factor.qr_data_uri(device) if enrolling else "",
        "error": error,
        "next": _next_url(request),
    }
    response = render(request, "accounts/two_factor.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(CODE_WINDOW_SECONDS)
    return response
