"""Map thinning keeps shapes and drops sub-pixel vertices; number formatting per language."""

from __future__ import annotations

from django.utils import translation

from posko.sitrep.svgthin import thin_svg
from posko.sitrep.templatetags.sitrep_tags import css_string, num, signed


def test_thin_svg_merges_close_vertices_and_drops_specks() -> None:
    svg = (
        '<svg><path d="M0.0,0.0 L0.4,0.1 L10.0,0.0 L10.0,10.0 L0.0,10.0 Z '
        'M50.0,50.0 L50.2,50.1 L50.1,50.3 Z" fill="#fff"/></svg>'
    )
    thinned = thin_svg(svg, min_px=1.0)
    assert thinned == (
        '<svg><path d="M0.0,0.0 L10.0,0.0 L10.0,10.0 L0.0,10.0 Z" fill="#fff"/></svg>'
    )
    assert thin_svg('<path d="M1 2 C 3 4"/>') == '<path d="M1 2 C 3 4"/>'  # unknown: untouched


def test_numbers_follow_the_language() -> None:
    with translation.override("id"):
        assert (num(1234567), num(0.25, 2), signed(3.5), signed(-1)) == (
            "1.234.567",
            "0,25",
            "+3,5",
            "-1,0",
        )
    with translation.override("en"):
        assert (num(1234567), signed(0)) == ("1,234,567", "0.0")
    assert css_string('Nuapu\'u "x" </style>') == 'Nuapu\'u \\"x\\" \\3c /style>'
