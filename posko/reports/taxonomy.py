"""Report categories and routes, loaded from data/categories.yaml and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from posko.core.labels import pick_label

CATEGORIES_YAML = Path(__file__).resolve().parent / "data" / "categories.yaml"


class TaxonomyError(ValueError):
    """The categories file is malformed; raised at load time, never at request time."""


@dataclass(frozen=True, slots=True)
class RouteInfo:
    """Where the Posko sends a case, with the rule that says so."""

    id: str
    label_id: str
    label_en: str
    citation: str

    @property
    def label(self) -> str:
        """The label in the active language (Bahasa Indonesia unless English is chosen)."""
        return pick_label(self.label_id, self.label_en)


@dataclass(frozen=True, slots=True)
class Category:
    """One report category: labels, Bawaslu isu strategis, default route and legal references."""

    id: str
    label_id: str
    label_en: str
    isu_strategis: int | None
    default_route: str
    legal_refs: tuple[str, ...]

    @property
    def label(self) -> str:
        """The label in the active language."""
        return pick_label(self.label_id, self.label_en)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """All categories (in file order) and routes."""

    version: str
    categories: dict[str, Category]
    routes: dict[str, RouteInfo]

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) pairs for a select, in the active language."""
        return [(c.id, c.label) for c in self.categories.values()]


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def parse_taxonomy(raw: Any) -> Taxonomy:
    """Validate the YAML structure: every category names a known route, labels in both languages."""
    if not isinstance(raw, dict):
        raise TaxonomyError("categories.yaml must be a mapping")
    routes_raw, categories_raw = raw.get("routes"), raw.get("categories")
    if not isinstance(routes_raw, dict) or not routes_raw:
        raise TaxonomyError("routes must be a non-empty mapping")
    if not isinstance(categories_raw, dict) or not categories_raw:
        raise TaxonomyError("categories must be a non-empty mapping")
    routes: dict[str, RouteInfo] = {}
    for route_id, entry in routes_raw.items():
        where = f"routes.{route_id}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where} must be a mapping")
        routes[route_id] = RouteInfo(
            id=route_id,
            label_id=_text(entry, "label", where),
            label_en=_text(entry, "label_en", where),
            citation=_text(entry, "citation", where),
        )
    categories: dict[str, Category] = {}
    for category_id, entry in categories_raw.items():
        where = f"categories.{category_id}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where} must be a mapping")
        route = _text(entry, "default_route", where)
        if route not in routes:
            raise TaxonomyError(f"{where}: unknown default_route {route!r}")
        isu = entry.get("isu_strategis")
        if isu is not None and (not isinstance(isu, int) or not 1 <= isu <= 12):
            raise TaxonomyError(f"{where}: isu_strategis must be 1..12 or null")
        refs = entry.get("legal_refs") or []
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            raise TaxonomyError(f"{where}: legal_refs must be a list of strings")
        categories[category_id] = Category(
            id=category_id,
            label_id=_text(entry, "label", where),
            label_en=_text(entry, "label_en", where),
            isu_strategis=isu,
            default_route=route,
            legal_refs=tuple(refs),
        )
    return Taxonomy(version=str(raw.get("version", "")), categories=categories, routes=routes)


@cache
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, parsed and validated once per process."""
    with CATEGORIES_YAML.open(encoding="utf-8") as handle:
        return parse_taxonomy(yaml.safe_load(handle))


def get_category(category_id: str) -> Category | None:
    """The category with this id, or None."""
    return load_taxonomy().categories.get(category_id)
