"""Indicators, isu strategis and the index method, loaded from data/*.yaml and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from posko.core.labels import pick_label

DATA_DIR = Path(__file__).resolve().parent / "data"
INDICATORS_YAML = DATA_DIR / "indicators.yaml"
METHOD_YAML = DATA_DIR / "index_method.yaml"
BAND_NAMES = ("rendah", "sedang", "tinggi")


class CatalogueError(ValueError):
    """A data file is malformed; raised at load time, never at request time."""


@dataclass(frozen=True, slots=True)
class Dimension:
    """One tahapan dimension of the 2024 mapping."""

    id: str
    label_id: str
    label_en: str
    citation: str

    @property
    def label(self) -> str:
        """The label in the active language."""
        return pick_label(self.label_id, self.label_en)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One vulnerability indicator; status V (wording from a source) or U (project-defined)."""

    id: str
    dimension: str
    text_id: str
    text_en: str
    status: str
    isu: tuple[int, ...]
    categories: tuple[str, ...]
    citation: str

    @property
    def text(self) -> str:
        """The wording in the active language."""
        return pick_label(self.text_id, self.text_en)


@dataclass(frozen=True, slots=True)
class Isu:
    """One of the 12 isu strategis."""

    no: int
    text_id: str
    text_en: str
    description: str
    citation: str

    @property
    def text(self) -> str:
        """The wording in the active language."""
        return pick_label(self.text_id, self.text_en)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole indicator file."""

    version: str
    dimensions: dict[str, Dimension]
    indicators: dict[str, Indicator]
    isu: dict[int, Isu]

    def in_dimension(self, dimension: str) -> list[Indicator]:
        """Indicators of one dimension, in file order."""
        return [i for i in self.indicators.values() if i.dimension == dimension]


def parse_catalogue(raw: Any) -> Catalogue:
    """Validate indicators.yaml: known dimensions, unique ids, status V or U, 12 isu."""
    if not isinstance(raw, dict):
        raise CatalogueError("indicators.yaml must be a mapping")
    dims = {
        key: Dimension(key, str(v["label"]), str(v["label_en"]), str(v["citation"]))
        for key, v in (raw.get("dimensions") or {}).items()
    }
    indicators: dict[str, Indicator] = {}
    for entry in raw.get("indicators") or []:
        ind = Indicator(
            id=str(entry["id"]),
            dimension=str(entry["dimension"]),
            text_id=str(entry["text"]),
            text_en=str(entry["text_en"]),
            status=str(entry["status"]),
            isu=tuple(int(n) for n in entry.get("isu", [])),
            categories=tuple(str(c) for c in entry.get("categories", [])),
            citation=str(entry["citation"]),
        )
        if ind.dimension not in dims:
            raise CatalogueError(f"{ind.id}: unknown dimension {ind.dimension!r}")
        if ind.status not in ("V", "U"):
            raise CatalogueError(f"{ind.id}: status must be V or U")
        if ind.id in indicators:
            raise CatalogueError(f"duplicate indicator id {ind.id}")
        indicators[ind.id] = ind
    isu = {
        int(e["number"]): Isu(
            int(e["number"]),
            str(e["text"]),
            str(e["text_en"]),
            str(e["description"]),
            str(e["citation"]),
        )
        for e in raw.get("isu_strategis") or []
    }
    if sorted(isu) != list(range(1, 13)):
        raise CatalogueError("isu_strategis must number 1..12")
    for ind in indicators.values():
        if any(n not in isu for n in ind.isu):
            raise CatalogueError(f"{ind.id}: unknown isu strategis")
    return Catalogue(str(raw.get("version", "")), dims, indicators, isu)


@cache
def catalogue() -> Catalogue:
    """The shipped indicator catalogue."""
    return parse_catalogue(yaml.safe_load(INDICATORS_YAML.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class Method:
    """Weights, windows and thresholds of the index (see index_method.yaml)."""

    version: str
    weight_indicators: float
    weight_reports: float
    indicator_window_days: int
    report_window_days: int
    half_rate_per_100k: float
    half_count: float
    stage_weights: dict[str, float]
    severity: dict[str, float]
    default_severity: float
    bands: dict[str, float]
    legacy_bands: dict[str, dict[str, float]]
    spikes: dict[str, float]
    band_labels: dict[str, tuple[str, str]]  # band -> (Indonesian, English)

    def severity_of(self, category: str) -> float:
        """The severity weight of a report category."""
        return self.severity.get(category, self.default_severity)

    def band(self, score: float, *, level: str = "", legacy: bool = False) -> str:
        """rendah / sedang / tinggi under the project bands, or the IKP 2022 ones for `level`."""
        cut = self.legacy_bands.get(level, self.bands) if legacy else self.bands
        if score >= cut["tinggi"]:
            return "tinggi"
        return "sedang" if score >= cut["sedang"] else "rendah"

    def band_label(self, band: str) -> str:
        """A band's name in the active language ("Tinggi" / "High"); unknown bands unchanged."""
        labels = self.band_labels.get(band)
        return pick_label(*labels) if labels else band


def parse_method(raw: Any) -> Method:
    """Validate index_method.yaml; weights must add up to 1."""
    try:
        weights, reports, bands = raw["weights"], raw["reports"], raw["bands"]
        method = Method(
            version=str(raw.get("version", "")),
            weight_indicators=float(weights["indicators"]),
            weight_reports=float(weights["reports"]),
            indicator_window_days=int(raw["indicators"]["window_days"]),
            report_window_days=int(reports["window_days"]),
            half_rate_per_100k=float(reports["half_rate_per_100k"]),
            half_count=float(reports["half_count"]),
            stage_weights={k: float(v) for k, v in reports["stage_weights"].items()},
            severity={k: float(v) for k, v in reports["category_severity"].items()},
            default_severity=float(reports["default_severity"]),
            bands={k: float(bands["project"][k]) for k in ("tinggi", "sedang")},
            legacy_bands={
                level: {k: float(v) for k, v in cuts.items()}
                for level, cuts in bands["ikp2022"].items()
                if level in ("provinsi", "kabkota", "kecamatan")
            },
            spikes={k: float(v) for k, v in raw["spikes"].items()},
            band_labels={
                k: (str(bands["labels"][k]["label"]), str(bands["labels"][k]["label_en"]))
                for k in BAND_NAMES
            },
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(f"index_method.yaml: {exc}") from exc
    if abs(method.weight_indicators + method.weight_reports - 1.0) > 1e-9:
        raise CatalogueError("index_method.yaml: weights must add up to 1")
    return method


@cache
def method() -> Method:
    """The shipped index method."""
    return parse_method(yaml.safe_load(METHOD_YAML.read_text(encoding="utf-8")))
