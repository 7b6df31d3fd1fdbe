"""Render a SitRep as HTML (page fragment or standalone document) and as PDF (WeasyPrint)."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from posko.sitrep.types import SitRep

STATIC_DIR = Path(__file__).resolve().parent / "static" / "sitrep"
CSS_PATH = STATIC_DIR / "sitrep.css"


@cache
def report_css() -> str:
    """The report stylesheet, read once from the app's static folder."""
    return CSS_PATH.read_text(encoding="utf-8")


def sub_level_label(level: str | None) -> str:
    """Column heading for the breakdown level, in the active language."""
    labels = {
        "provinsi": _("Provinsi"),
        "kabkota": _("Kabupaten/kota"),
        "kecamatan": _("Kecamatan"),
    }
    return labels.get(level or "", _("Wilayah"))


def map_data_uri(svg: str) -> str:
    """The SVG map as a data: URI: an image the CSP allows, not inline markup with styles."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def report_context(sitrep: SitRep) -> dict[str, Any]:
    """Template context shared by the page and the document (call inside the report language)."""
    return {
        "r": sitrep,
        "sub_level_label": sub_level_label(sitrep.scope.sub_level),
        "map_src": map_data_uri(sitrep.map_svg),
    }


def render_document(sitrep: SitRep) -> str:
    """A standalone HTML document with the stylesheet inlined (for files and for the PDF)."""
    with translation.override(sitrep.language):
        context = report_context(sitrep) | {"css": report_css()}
        return render_to_string("sitrep/document.html", context)


def render_pdf(sitrep: SitRep) -> bytes:
    """A real PDF: A4, running header with region and date, "Halaman X dari Y" footer."""
    from weasyprint import HTML

    html = render_document(sitrep)
    pdf = HTML(string=html, base_url=str(STATIC_DIR)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def file_name(sitrep: SitRep, extension: str) -> str:
    """'sitrep-3273-2024-11-27.pdf' (or 'sitrep-nasional-...')."""
    return f"sitrep-{sitrep.scope.slug}-{sitrep.day.isoformat()}.{extension}"
