"""Thin an SVG map's paths to what a printed page can show, so WeasyPrint renders it quickly.

The national map draws 514 kab/kota polygons simplified for screen zooming; at 17 cm wide most
vertices are closer together than a printed dot. Dropping vertices within `min_px` of the last
kept one (and rings that shrink below a triangle) cuts the SVG several-fold without a visible
change. Paths in any other format than "M x,y L x,y ... Z" are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

_D_ATTR = re.compile(r' d="([^"]*)"')
_RING = re.compile(r"M([^Z]*)Z")


def _thin_ring(body: str, min_px: float) -> str | None:
    points: list[tuple[float, float]] = []
    try:
        for token in body.replace("L", " ").split():
            x_text, y_text = token.split(",")
            points.append((float(x_text), float(y_text)))
    except ValueError:
        return "M" + body + "Z"  # not our format: keep untouched
    if not points:
        return None
    kept = [points[0]]
    for x, y in points[1:]:
        lx, ly = kept[-1]
        if abs(x - lx) >= min_px or abs(y - ly) >= min_px:
            kept.append((x, y))
    if len(kept) < 3:
        return None
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + " Z"


@lru_cache(maxsize=4096)
def _thin_path(d: str, min_px: float) -> str:
    """Cached: boundaries do not change between reports, only their fill colours do."""
    rings = (_thin_ring(m.group(1), min_px) for m in _RING.finditer(d))
    kept = [r for r in rings if r]
    return " ".join(kept) if kept else d


def _thin_d(match: re.Match[str], min_px: float) -> str:
    return f' d="{_thin_path(match.group(1), min_px)}"'


def thin_svg(svg: str, *, min_px: float = 1.0) -> str:
    """The same SVG with path vertices closer than `min_px` (in viewBox units) merged."""
    return _D_ATTR.sub(lambda m: _thin_d(m, min_px), svg)
