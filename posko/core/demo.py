"""Demo data shared by `make run` and the integration tests."""

from __future__ import annotations

from collections.abc import Iterator


def load_demo_data() -> Iterator[str]:
    """Load regions, the demo registry, demo officers and reports; yields lines for the console."""
    from posko.candidates.demo import load_demo_registry
    from posko.core.demo_cases import load_demo_cases
    from posko.regions.loader import ensure_regions_loaded

    yield ensure_regions_loaded()
    # The registry comes first: the ASN-neutrality demo report is checked against it.
    yield load_demo_registry()
    yield from load_demo_cases()
    from posko.mapping.demo import load_demo_map

    yield load_demo_map()
