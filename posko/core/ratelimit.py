"""Per-client rate limits for the public endpoints, counted in Django's cache.

The client is identified by a keyed hash of its address; the address itself is never stored,
and the hash lives only in the cache for one window.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import BaseThrottle

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")

View = TypeVar("View", bound=Callable[..., HttpResponse])


@dataclass(frozen=True)
class Rate:
    """At most `count` requests per `seconds`."""

    count: int
    seconds: int


def parse_rate(value: str) -> Rate | None:
    """'30/m' -> Rate(30, 60); 'off' -> None; anything else is a configuration error."""
    if value.strip().lower() in {"off", "none", "0", ""}:
        return None
    match = _RATE.match(value.lower())
    if not match or int(match.group(1)) < 1:
        raise ImproperlyConfigured(
            f"POSKO_PUBLIC_RATE_LIMIT must look like 30/m, 5/s, 100/h or off, got {value!r}"
        )
    return Rate(int(match.group(1)), PERIODS[match.group(2)])


def configured_rate() -> Rate | None:
    """The current setting, read on each request so tests and operators can change it."""
    return parse_rate(str(getattr(settings, "POSKO_PUBLIC_RATE_LIMIT", "off")))


def client_address(request: HttpRequest) -> str:
    """The client's IP address, also behind the reverse proxies in POSKO_TRUSTED_PROXIES.

    Behind nginx every request comes from 127.0.0.1; nginx appends the address it saw to
    X-Forwarded-For. Walking that list from the right, the first address that is not a
    trusted proxy is the client: addresses further left are the client's own claim.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "POSKO_TRUSTED_PROXIES", ())
    if not proxies or not _within(remote, proxies):
        return remote
    hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    for hop in reversed([h.strip() for h in hops if h.strip()]):
        if not _within(hop, proxies):
            return hop if _is_ip(hop) else remote
    return remote


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _within(address: str, networks: Any) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_key(request: HttpRequest) -> str:
    """A salted hash of the client address: counts a client without remembering who it is."""
    address = client_address(request) or "unknown"
    salt = hashlib.sha256(f"posko-ratelimit:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]


def hit(request: HttpRequest, scope: str, *, now: float | None = None) -> int | None:
    """Count one request; None when allowed, else the seconds until the window resets."""
    rate = configured_rate()
    if rate is None:
        return None
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"posko:rl:{scope}:{client_key(request)}:{window}"
    # add() is atomic; incr() is atomic in every shared cache backend Django ships.
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def too_many_requests_page(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The friendly 429 page, with Retry-After."""
    response = render(
        request, "reports/rate_limited.html", {"retry_after": retry_after}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit_post(scope: str) -> Callable[[View], View]:
    """Limit POSTs to a page view (GETs are cheap and stay free)."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                retry_after = hit(request, scope)
                if retry_after is not None:
                    return too_many_requests_page(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


class PublicApiThrottle(BaseThrottle):
    """django-ninja throttle over the same counters; ninja turns a refusal into 429."""

    def __init__(self, scope: str = "api") -> None:
        self.scope = scope
        # One throttle object serves every server thread; ninja asks wait() right after.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        """Count the request and refuse it once the client is over the limit."""
        self._local.wait = hit(request, self.scope)
        return self._local.wait is None

    def wait(self) -> float | None:
        """Seconds until the client may try again."""
        wait = getattr(self._local, "wait", None)
        return float(wait) if wait is not None else None
