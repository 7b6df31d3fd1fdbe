"""Django-side access to the neutrality engine: one Engine over the database registry."""

from __future__ import annotations

import threading

from posko.neutrality.engine.checker import Engine

_lock = threading.Lock()
_cached: tuple[object, Engine] | None = None


def get_engine() -> Engine:
    """The engine over the current registry; rebuilt only when the registry changes.

    With no pair in the database it uses the shipped registry (registry_for_checks)."""
    global _cached
    from posko.candidates.services import registry_for_checks, registry_signature

    signature = registry_signature()
    cached = _cached
    if cached is not None and cached[0] == signature:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == signature:
            return _cached[1]
        engine = Engine(registry_for_checks())
        _cached = (signature, engine)
        return engine
