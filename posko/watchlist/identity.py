"""NIP validation and social-media handle normalisation: plain functions, no database."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from posko.core.errors import InputError

# Platforms whose exports the imports app reads; "other" keeps a handle we cannot classify.
PLATFORMS = ("instagram", "facebook", "x", "tiktok", "whatsapp", "youtube", "other")
PLATFORM_ALIASES = {"twitter": "x", "ig": "instagram", "fb": "facebook", "wa": "whatsapp"}
_HOSTS = {
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "x.com": "x",
    "twitter.com": "x",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
}
_HANDLE = re.compile(r"^[\w.\-+]{1,100}$")


class WatchlistInputError(InputError):
    """A watchlist value was refused (bad NIP, platform or handle)."""


def validate_nip(raw: str) -> str:
    """The NIP as 18 digits; spaces and dots are tolerated, the structure is checked.

    A NIP (PP 17/2020 and BKN practice) is birth date YYYYMMDD, appointment YYYYMM, a sex digit
    (1 male, 2 female) and a 3-digit serial, so a typo usually breaks the dates.
    """
    nip = re.sub(r"[\s.]", "", raw or "")
    if not re.fullmatch(r"\d{18}", nip):
        raise WatchlistInputError("nip", "invalid_nip", "NIP harus 18 angka.")
    try:
        date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise WatchlistInputError(
            "nip", "invalid_nip", "NIP tidak sah: tanggal lahir atau TMT di dalamnya salah."
        ) from None
    if nip[14] not in "12":
        raise WatchlistInputError(
            "nip", "invalid_nip", "NIP tidak sah: digit ke-15 harus 1 atau 2."
        )
    return nip


def normalise_platform(raw: str) -> str:
    """A platform code from PLATFORMS ("Twitter" -> "x")."""
    value = (raw or "").strip().lower()
    value = PLATFORM_ALIASES.get(value, value)
    if value not in PLATFORMS:
        raise WatchlistInputError(
            "platform", "unknown_platform", f"Platform tidak dikenal: {raw!r}."
        )
    return value


def normalise_handle(platform: str, raw: str) -> str:
    """A handle compared case-insensitively: no '@', no profile URL, lower case.

    WhatsApp "handles" are phone numbers, kept as digits in the 62... form.
    """
    value = (raw or "").strip()
    if "://" in value or value.lower().startswith(("www.", *_HOSTS)):
        parsed = urlparse(value if "://" in value else f"https://{value}")
        parts = [p for p in parsed.path.split("/") if p]
        value = parts[0] if parts else ""
    value = value.lstrip("@").strip().lower()
    if platform == "whatsapp":
        digits = re.sub(r"\D", "", value)
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        value = digits
    if not value or not _HANDLE.fullmatch(value):
        raise WatchlistInputError("handle", "invalid_handle", f"Akun tidak sah: {raw!r}.")
    return value


def parse_accounts(raw: str) -> list[tuple[str, str]]:
    """`instagram:@asn.c;x:asn_c` -> [(platform, handle), ...] normalised; raises on a bad item."""
    accounts = []
    for item in (raw or "").split(";"):
        if not item.strip():
            continue
        platform, sep, handle = item.partition(":")
        if not sep:
            raise WatchlistInputError(
                "accounts",
                "invalid_account",
                f"Akun {item.strip()!r} harus berbentuk platform:akun.",
            )
        code = normalise_platform(platform)
        accounts.append((code, normalise_handle(code, handle)))
    return accounts
