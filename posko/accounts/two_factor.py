"""TOTP second factor for officers: enrolment, verification, reset and the demo codes."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from posko.accounts.permissions import role_of
from posko.core import audit
from posko.core.audit import Actor
from posko.core.errors import InputError

DEVICE_NAME = "authenticator"


def requires_two_factor(user: object) -> bool:
    """Every officer role, and anyone who may use the Django admin, signs in with a 2nd factor."""
    if role_of(user) is not None:
        return True
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


def session_is_verified(request: HttpRequest, user: Any) -> bool:
    """True when this session passed a TOTP check with one of the user's confirmed devices."""
    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
    if not persistent_id:
        return False
    device = TOTPDevice.from_persistent_id(str(persistent_id))
    return bool(device is not None and device.user_id == user.pk and device.confirmed)


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The officer's confirmed authenticator, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device shown on the enrolment page (one, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps want it typed in (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI as a QR code, an SVG inside a data: URI (CSP allows img data:)."""
    import segno

    issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "Posko Pilkada"))
    label = quote(f"{issuer}:{device.user.get_username()}")
    uri = (
        f"otpauth://totp/{label}?secret={base32_secret(device)}"
        f"&issuer={quote(issuer)}&digits={device.digits}&period={device.step}"
    )
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm a pending device with a first code; marks this session verified; audited."""
    with transaction.atomic():
        if not device.verify_token(_clean(token)):
            return False
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(request.user, "2fa.enrol", device.user)
    otp_login(request, device)
    return True


def verify_session(request: HttpRequest, user: Any, token: str) -> bool:
    """Check a code against the officer's device; on success this session is verified."""
    device = confirmed_device(user)
    if device is None:
        return False
    with transaction.atomic():
        # verify_token applies django-otp's throttling and refuses a code used before.
        ok = device.verify_token(_clean(token))
    if ok:
        otp_login(request, device)
    return bool(ok)


def reset_device(user: Any, *, actor: Actor) -> int:
    """Remove an officer's authenticators (lost phone); they enrol again at next login."""
    with transaction.atomic():
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        audit.record(actor, "2fa.reset", user, devices=removed)
    return int(removed)


def ensure_demo_device(user: Any) -> str:
    """A confirmed device for a demo officer; returns its base32 secret (printed for demos)."""
    if not getattr(getattr(user, "officer", None), "is_demo", False):
        raise InputError("username", "not_demo", "Hanya untuk pengguna demo.")
    device = confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return base32_secret(device)


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows right now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def demo_code(user: Any) -> str:
    """The current code of a DEMO officer; refuses anyone else (their secret stays secret)."""
    if not getattr(getattr(user, "officer", None), "is_demo", False):
        raise InputError("username", "not_demo", "Kode hanya dapat dicetak untuk pengguna demo.")
    device = confirmed_device(user)
    if device is None:
        ensure_demo_device(user)
        device = confirmed_device(user)
    assert device is not None
    return current_code(device)


def _clean(token: str) -> str:
    return "".join(str(token).split())
