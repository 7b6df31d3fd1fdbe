"""Demo data shared by `make run` and the integration tests."""

from __future__ import annotations

from collections.abc import Iterator


def load_demo_data() -> Iterator[str]:
    """Load regions and the demo candidate registry; yields progress lines for the console."""
    from posko.candidates.demo import load_demo_registry
    from posko.regions.loader import ensure_regions_loaded

    yield ensure_regions_loaded()
    yield load_demo_registry()
