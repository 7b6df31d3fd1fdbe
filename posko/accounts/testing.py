"""Test fixture: officers signed in by other apps' tests count as having passed 2FA.

Tests of cases, maps or sitreps sign officers in with a password (or force_login) and are not
about the second factor; this completes that step for them with a real confirmed device, the
same way `force_login` stands in for the password. Tests that exercise 2FA itself request the
`enforce_two_factor` fixture, which turns this off (see posko/accounts/tests/test_2fa*.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.signals import user_logged_in


def _complete_second_factor(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from posko.accounts.two_factor import DEVICE_NAME, confirmed_device, requires_two_factor

    if not requires_two_factor(user) or getattr(request, "session", None) is None:
        return
    device = confirmed_device(user) or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=True
    )
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture(autouse=True)
def officers_pass_two_factor(request: pytest.FixtureRequest) -> Iterator[None]:
    """Mark officer sessions verified on login, unless the test enforces 2FA itself."""
    if "enforce_two_factor" in request.fixturenames:
        yield
        return
    user_logged_in.connect(_complete_second_factor, dispatch_uid="posko-test-2fa")
    try:
        yield
    finally:
        user_logged_in.disconnect(dispatch_uid="posko-test-2fa")
