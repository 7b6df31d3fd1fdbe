"""Turn what an officer typed (a code or a name) into the region a report is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from posko.regions.lookup import RegionMatch, lookup_region
from posko.sitrep.builder import SUPPORTED_LEVELS, canonical_code

_CODE = re.compile(r"^\d{2}(\.?\d{2})?$")
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class RegionChoice:
    """One region (code None = national), or candidates to pick from, or an error message."""

    code: str | None = None
    candidates: list[RegionMatch] = field(default_factory=list)
    error: str = ""


def choose_region(query: str) -> RegionChoice:
    """A code is taken as is; a name is looked up among provinces and kab/kota."""
    query = query.strip()
    if not query:
        return RegionChoice()
    if _CODE.match(query):
        return RegionChoice(code=canonical_code(query))
    matches = [m for m in lookup_region(query, limit=20) if m.level in SUPPORTED_LEVELS][
        :MAX_CANDIDATES
    ]
    if not matches:
        return RegionChoice(
            error=_("Tidak ada provinsi atau kabupaten/kota bernama %(q)s.") % {"q": query}
        )
    best = matches[0]
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    if best.score >= 100 and runner_up < best.score:
        return RegionChoice(code=best.code)
    if len(matches) == 1:
        return RegionChoice(code=best.code)
    return RegionChoice(candidates=matches)
