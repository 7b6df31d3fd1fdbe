"""A small fixed-window limiter on the cache, for the officer login form."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True while the key is within `limit` attempts per window."""
    # Keyed hash: no address or username sits in the cache in clear, nor can be guessed back.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
