"""Server-rendered SVG choropleth (no tile server, no JavaScript); used by pages and the PDF."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from django.utils.translation import gettext, ngettext

from posko.mapping.catalogue import method
from posko.mapping.geo import features

BAND_COLOURS = {"tinggi": "#d7301f", "sedang": "#fc8d59", "rendah": "#fdd49e"}
NO_DATA = "#eeeeee"
LEGEND = ("tinggi", "sedang", "rendah")  # names from index_method.yaml, in the active language


def _shapes(level: str, parent: str | None) -> dict[str, dict[str, Any]]:
    if level == "provinsi":
        return features("provinsi")
    if level == "kabkota":
        shapes = features("kabkota")
        return {c: f for c, f in shapes.items() if not parent or c.startswith(parent + ".")}
    # Kecamatan have no shipped polygons: draw the parent kab/kota outline only.
    shapes = features("kabkota")
    return {c: f for c, f in shapes.items() if parent and c == parent[:5]}


def _bbox(shapes: dict[str, dict[str, Any]]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for f in shapes.values():
        for poly in f["polygons"]:
            for x, y in poly[0]:
                xs.append(x)
                ys.append(y)
    if not xs:
        return 95.0, -11.0, 141.0, 6.0  # Indonesia
    return min(xs), min(ys), max(xs), max(ys)


def choropleth_svg(
    level: str,
    scores: Sequence[Any],
    *,
    parent: str | None = None,
    width: int = 800,
    points: Sequence[tuple[float, float, int]] = (),
    href: Callable[[str], str] | None = None,
    title: str = "",
    legend: bool = True,
) -> str:
    """An SVG map: regions coloured by band, <title> tooltips, optional links and point clusters.
    legend=False leaves the band legend to the page (legend_items): text inside an SVG shrinks
    with it, to a few pixels on a phone.

    `scores` are RegionScore-like objects (code, name, score, band); `points` are
    (latitude, longitude, count) clusters, drawn as circles sized by count (officers only).
    """
    shapes = _shapes(level, parent)
    m = method()
    title = title or gettext("Peta kerawanan")
    by_code = {s.code: s for s in scores}
    minx, miny, maxx, maxy = _bbox(shapes)
    # Equirectangular with the cosine of the mid-latitude (Indonesia straddles the equator).
    kx = math.cos(math.radians((miny + maxy) / 2))
    span_x = max((maxx - minx) * kx, 1e-6)
    pad = 6
    scale = (width - 2 * pad) / span_x
    height = int((maxy - miny) * scale + 2 * pad + 30)

    def xy(lng: float, lat: float) -> str:
        return f"{(lng - minx) * kx * scale + pad:.1f},{(maxy - lat) * scale + pad:.1f}"

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="posko-map" '
        f'aria-label="{escape(title)}">'
    ]
    for code, shape in sorted(shapes.items()):
        s = by_code.get(code) if level != "kecamatan" else None
        fill = BAND_COLOURS.get(s.band, NO_DATA) if s else NO_DATA
        d = " ".join(
            "M" + " L".join(xy(x, y) for x, y in ring) + " Z"
            for poly in shape["polygons"]
            for ring in poly
        )
        label = shape["name"] + (f": {s.score:.1f} ({m.band_label(s.band)})" if s else "")
        path = (
            f'<path d="{d}" fill="{fill}" stroke="#555" stroke-width="0.4" '
            f'fill-rule="evenodd" data-code="{escape(code)}"><title>{escape(label)}</title></path>'
        )
        link = href(code) if href and s else ""
        if link:
            path = f'<a href="{escape(link)}">{path}</a>'
        out.append(path)
    biggest = max((n for _, _, n in points), default=1)
    for lat, lng, n in points:
        if not (minx <= lng <= maxx and miny <= lat <= maxy):
            continue
        cx, cy = xy(lng, lat).split(",")
        r = 3 + 9 * math.sqrt(n / biggest)
        reports = ngettext("%(n)d laporan", "%(n)d laporan", n) % {"n": n}
        out.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r:.1f}" fill="#08519c" fill-opacity="0.55" '
            f'stroke="#fff" stroke-width="0.6"><title>{escape(reports)}</title></circle>'
        )
    y = height - 12
    for i, band in enumerate(LEGEND if legend else ()):
        x = pad + i * 90
        out.append(
            f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{BAND_COLOURS[band]}" '
            f'stroke="#555" stroke-width="0.4"/><text x="{x + 16}" y="{y + 1}" font-size="11" '
            f'font-family="sans-serif">{escape(m.band_label(band))}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def legend_items() -> list[tuple[str, str]]:
    """(band, label in the active language) for an HTML legend next to the map."""
    m = method()
    return [(band, m.band_label(band)) for band in LEGEND]


def bar_chart_svg(series: Sequence[tuple[str, int]], *, width: int = 640, height: int = 140) -> str:
    """A small bar chart of (label, count) per day, with <title> tooltips."""
    n = max(len(series), 1)
    top = max((v for _, v in series), default=0) or 1
    bar = (width - 40) / n
    aria = gettext("Laporan per hari")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" class="posko-chart" '
        f'aria-label="{escape(aria)}">',
        f'<text x="2" y="12" font-size="10" font-family="sans-serif">{top}</text>',
    ]
    for i, (label, value) in enumerate(series):
        h = (height - 30) * value / top
        x = 30 + i * bar
        parts.append(
            f'<rect x="{x:.1f}" y="{height - 20 - h:.1f}" width="{max(bar - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="#3182bd"><title>{escape(label)}: {value}</title></rect>'
        )
    if series:
        parts.append(
            f'<text x="30" y="{height - 5}" font-size="10" font-family="sans-serif">'
            f"{escape(series[0][0])}</text>"
            f'<text x="{width - 2}" y="{height - 5}" font-size="10" text-anchor="end" '
            f'font-family="sans-serif">{escape(series[-1][0])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
