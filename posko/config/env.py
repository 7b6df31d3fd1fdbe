"""Typed, validated settings read from the environment: the only module that reads os.environ."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    """A setting in the environment has a value the app cannot use."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise SettingsError(f"{name} must not be negative, got {value}")
    return value


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(name: str) -> tuple[Network, ...]:
    raw = os.environ.get(name, "")
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise SettingsError(
                f"{name} must list IP addresses or networks (127.0.0.1, 10.0.0.0/8), got {item!r}"
            ) from None
    return tuple(networks)


@dataclass(frozen=True)
class Environment:
    """Every deployment knob of Posko, parsed once at start-up."""

    data_dir: Path
    database_url: str | None
    debug: bool
    secret_key: str | None
    allowed_hosts: tuple[str, ...]
    public_rate_limit: str
    max_upload_bytes: int
    max_uploads_per_report: int
    https: bool = False
    session_hours: int = 12
    retention_days: int = 730
    shared_cache: bool = False
    trusted_proxies: tuple[Network, ...] = ()

    @classmethod
    def from_os(cls) -> Environment:
        """Read and validate the POSKO_* variables and DATABASE_URL."""
        data_dir = Path(os.environ.get("POSKO_DATA_DIR") or "var").resolve()
        hosts = os.environ.get("POSKO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
        return cls(
            data_dir=data_dir,
            database_url=os.environ.get("DATABASE_URL") or None,
            debug=_bool("POSKO_DEBUG", False),
            secret_key=os.environ.get("POSKO_SECRET_KEY") or None,
            allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
            public_rate_limit=os.environ.get("POSKO_PUBLIC_RATE_LIMIT", "30/m"),
            max_upload_bytes=_int("POSKO_MAX_UPLOAD_MB", 20) * 1024 * 1024,
            max_uploads_per_report=_int("POSKO_MAX_UPLOADS_PER_REPORT", 10),
            https=_bool("POSKO_HTTPS", False),
            session_hours=_int("POSKO_SESSION_HOURS", 12),
            retention_days=_int("POSKO_RETENTION_DAYS", 730),
            shared_cache=_bool("POSKO_SHARED_CACHE", False),
            trusted_proxies=_networks("POSKO_TRUSTED_PROXIES"),
        )


def data_dir() -> Path:
    """The data directory without importing Django (used by the fast CLI paths)."""
    return Path(os.environ.get("POSKO_DATA_DIR") or "var").resolve()


def fuzz_examples() -> int:
    """Examples per fuzz test (POSKO_FUZZ_EXAMPLES; `make soak` raises it to 10,000)."""
    return max(1, _int("POSKO_FUZZ_EXAMPLES", 200))
