"""import_registry, load_registry, the snapshot and the demo registry (database tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from posko.candidates.demo import load_demo_registry
from posko.candidates.models import CandidatePair
from posko.candidates.registry import Pair, load_registry_file, shipped_registry
from posko.candidates.services import import_registry, load_registry, registry_for_checks

pytestmark = pytest.mark.django_db


def make_pair(**overrides: Any) -> Pair:
    """A valid bupati pair; override any field."""
    values: dict[str, Any] = {
        "region_code": "19.06",
        "region_name": "Kabupaten Belitung Timur",
        "election": "bupati",
        "number": 1,
        "candidate": "Calon Satu",
        "running_mate": "Wakil Satu",
    }
    values.update(overrides)
    return Pair(**values)


@pytest.fixture
def data_dir(tmp_path: Path) -> Any:
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path


def test_import_then_reimport_replaces_the_race(
    data_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = import_registry(
            [make_pair(), make_pair(number=2, candidate="Calon Dua")], actor="test"
        )
    assert (first.created, first.deleted) == (2, 0)
    other = make_pair(region_code="19.01", region_name="Kabupaten Bangka")
    with django_capture_on_commit_callbacks(execute=True):
        import_registry([other], actor="test")
    with django_capture_on_commit_callbacks(execute=True):
        second = import_registry([make_pair(candidate="Calon Satu Baru")], actor="test")
    assert (second.created, second.updated, second.deleted) == (0, 1, 1)
    assert CandidatePair.objects.filter(region_code="19.06").count() == 1
    assert CandidatePair.objects.filter(region_code="19.01").count() == 1  # other race untouched

    registry, errors = load_registry_file(data_dir / "registry.csv")
    assert errors == []
    assert sorted(p.candidate for p in registry.pairs) == ["Calon Satu", "Calon Satu Baru"]
    assert set(load_registry().pairs) == set(registry.pairs)


def test_keep_missing_and_duplicates(data_dir: Path) -> None:
    import_registry([make_pair(), make_pair(number=2)], actor="test")
    result = import_registry([make_pair(number=3)], actor="test", replace_race=False)
    assert result.deleted == 0
    assert CandidatePair.objects.count() == 3
    with pytest.raises(ValueError, match="duplicate"):
        import_registry([make_pair(), make_pair()], actor="test")


def test_to_pair_round_trip(data_dir: Path) -> None:
    pair = make_pair(aliases=("A", "B"), parties=("PDIP",))
    import_registry([pair], actor="test")
    assert CandidatePair.objects.get().to_pair() == pair


def test_demo_registry_is_idempotent_and_never_replaces_real_pairs(data_dir: Path) -> None:
    import_registry(
        [make_pair(region_code="31", region_name="DKI", election="gubernur", candidate="Resmi")],
        actor="test",
    )
    first = load_demo_registry()
    assert "1 race(s) kept as imported" in first
    assert CandidatePair.objects.filter(region_code="31").get().candidate == "Resmi"
    assert CandidatePair.objects.filter(is_demo=True).count() == 12
    second = load_demo_registry()
    assert "0 added, 0 updated, 12 unchanged" in second
    assert CandidatePair.objects.filter(is_demo=True).count() == 12


def test_checks_use_the_shipped_registry_until_one_is_imported(
    data_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # page, API, imports, scans and `posko check` all check against this registry
    assert registry_for_checks().pairs == shipped_registry().pairs != ()
    with django_capture_on_commit_callbacks(execute=True):
        import_registry([make_pair()], actor="test")
    assert [p.candidate for p in registry_for_checks().pairs] == ["Calon Satu"]
