"""Django-side access to the neutrality engine: one Engine over the database registry."""

from __future__ import annotations

import threading

from posko.neutrality.engine.checker import Engine

_lock = threading.Lock()
_cached: tuple[object, Engine] | None = None


def get_engine() -> Engine:
    """The engine over the current registry; rebuilt only when the registry changes.

    With no pair in the database (a fresh install before `posko setup` loads the demo data,
    or an emptied registry) it uses the shipped registry, as `posko check` does: the same post
    gets the same verdict on the page, over the API and on the command line."""
    global _cached
    from posko.candidates.registry import shipped_registry
    from posko.candidates.services import load_registry, registry_signature

    signature = registry_signature()
    cached = _cached
    if cached is not None and cached[0] == signature:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == signature:
            return _cached[1]
        registry = load_registry()
        engine = Engine(registry if registry.pairs else shipped_registry())
        _cached = (signature, engine)
        return engine
