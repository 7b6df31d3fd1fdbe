"""The demo candidate registry loaded by `posko setup`."""

from __future__ import annotations

from posko.candidates.models import CandidatePair
from posko.candidates.registry import SHIPPED_REGISTRY, read_registry_file
from posko.candidates.services import import_registry

DEMO_REGISTRY = SHIPPED_REGISTRY


def load_demo_registry() -> str:
    """Load the demo pairs (is_demo=True); safe to repeat. Returns a one-line summary."""
    pairs, errors = read_registry_file(DEMO_REGISTRY)
    if errors:
        raise ValueError(f"{DEMO_REGISTRY}:{errors[0].line}: {errors[0].message}")
    # A race that already holds real (imported) pairs is left alone: demo data never
    # replaces the official registry.
    real_races = set(
        CandidatePair.objects.filter(is_demo=False).values_list("region_code", "election")
    )
    demo_pairs = [p for p in pairs if p.race_key not in real_races]
    result = import_registry(demo_pairs, actor="demo", is_demo=True, source="demo_registry.csv")
    skipped = len({p.race_key for p in pairs} & real_races)
    note = f", {skipped} race(s) kept as imported" if skipped else ""
    return f"candidates (demo): {len(demo_pairs)} pairs in {result.summary()}{note}"
