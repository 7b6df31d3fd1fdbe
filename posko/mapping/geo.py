"""Shipped, simplified boundary polygons (cahyadsn/wilayah_boundaries, MIT) and their building."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
GEO_FILES = {
    "provinsi": "provinsi_simplified.geojson.gz",
    "kabkota": "kabkota_simplified.geojson.gz",
}
# Douglas-Peucker tolerance in degrees (≈ 1.1 km per 0.01°) and rounding per level.
TOLERANCE = {"provinsi": 0.02, "kabkota": 0.006}
DECIMALS = 3

Ring = list[tuple[float, float]]


@cache
def features(level: str) -> dict[str, dict[str, Any]]:
    """code -> {"name", "polygons": [[ring, ...], ...]} for provinsi or kabkota."""
    path = DATA_DIR / GEO_FILES[level]
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    out: dict[str, dict[str, Any]] = {}
    for f in data["features"]:
        out[f["properties"]["kode"]] = {
            "name": f["properties"]["nama"],
            "polygons": f["geometry"]["coordinates"],
        }
    return out


def _perpendicular(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification of one closed ring (iterative, keeps the endpoints)."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(ring[i], ring[first], ring[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _area(ring: Ring) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2
    )


def build_simplified(source: Path, level: str) -> Path:
    """Write data/<level>_simplified.geojson.gz from a cahyadsn GeoJSON file; returns the path."""
    data = json.loads(source.read_text(encoding="utf-8"))
    tol = TOLERANCE[level]
    out_features = []
    for f in data["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        kept = []
        for poly in polys:
            rings = []
            for ring in poly:
                small = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simplify(ring, tol)]
                small = [p for i, p in enumerate(small) if i == 0 or p != small[i - 1]]
                if len(small) >= 4 and _area(small) >= tol * tol:
                    rings.append(small)
            if rings:
                kept.append(rings)
        if not kept:  # a tiny island region: keep its largest polygon's outline unsimplified
            outer = max((poly[0] for poly in polys), key=_area)
            kept = [[[(round(x, 4), round(y, 4)) for x, y in outer]]]
        props = {"kode": f["properties"]["kode"], "nama": f["properties"]["nama"]}
        out_features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    target = DATA_DIR / GEO_FILES[level]
    payload = json.dumps(
        {"type": "FeatureCollection", "features": out_features}, separators=(",", ":")
    )
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(payload)
    return target
