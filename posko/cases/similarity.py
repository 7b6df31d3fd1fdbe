"""Finding open cases that look like the same incident: text, place and time (pure Python).

Candidates must share the category and kab/kota and have an incident time within WINDOW; they
are then scored by TF-IDF cosine of their report descriptions, closeness of region code and of time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from posko.cases.models import Case

WINDOW = timedelta(days=3)
WEIGHTS = {"text": 0.6, "place": 0.2, "time": 0.2}
MIN_TEXT = 0.2  # below this the texts describe different things, whatever the place and time
MIN_SCORE = 0.45
# Frequent Indonesian function words and report boilerplate carry no signal about the incident.
_STOPWORDS_TEXT = """
    yang dan di ke dari ini itu dengan untuk pada dalam oleh akan ada tidak atau juga sudah
    saya kami kita mereka dia ia para sebagai karena bahwa agar saat ketika lalu kemudian telah
    sedang masih bisa dapat hari tanggal jam pukul sekitar tersebut seorang orang warga kepada
    the and of to in a is was"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without stopwords and one- or two-letter words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and len(t) > 2]


def _tfidf(docs: dict[int, list[str]]) -> dict[int, dict[str, float]]:
    df: Counter[str] = Counter()
    for toks in docs.values():
        df.update(set(toks))
    n = len(docs)
    vectors: dict[int, dict[str, float]] = {}
    for key, toks in docs.items():
        counts = Counter(toks)
        vec = {t: c * (math.log((1 + n) / (1 + df[t])) + 1.0) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {t: v / norm for t, v in vec.items()}
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def place_score(code_a: str, code_b: str) -> float:
    """1.0 same desa, 0.8 same kecamatan, 0.6 same kab/kota, else 0 (Kemendagri codes)."""
    if not code_a or not code_b:
        return 0.0
    if code_a == code_b:
        return 1.0
    parts_a, parts_b = code_a.split("."), code_b.split(".")
    shared = 0
    for x, y in zip(parts_a, parts_b, strict=False):
        if x != y:
            break
        shared += 1
    return {3: 0.8, 2: 0.6}.get(shared, 0.0) if shared < 4 else 1.0


def _kabkota_prefix(code: str) -> str:
    return ".".join(code.split(".")[:2]) if code else ""


def _anchors(case: Case, reports: Iterable[Any]) -> list[datetime]:
    times = [r.occurred_at or r.discovered_at for r in reports]
    return [t for t in times if t is not None] or [case.opened_at]


def _text(reports: Iterable[Any]) -> list[str]:
    return tokens(" ".join(r.description for r in reports))


def similar_cases(
    case: Case, *, limit: int = 5, user: object | None = None
) -> list[tuple[Case, float]]:
    """Open cases that probably describe the same incident, best first, with a 0..1 score."""
    own_reports = list(case.reports.all())
    anchors = _anchors(case, own_reports)
    candidates = Case.objects.open().filter(category=case.category).exclude(pk=case.pk)
    if user is not None:
        candidates = candidates.visible_to(user)
    prefix = _kabkota_prefix(case.region_code)
    if prefix:
        candidates = candidates.filter(region_code__startswith=prefix)
    # A case opened before the earliest incident time minus the window cannot be about it.
    candidates = candidates.filter(opened_at__gte=min(anchors) - WINDOW)
    pool = list(candidates.prefetch_related("reports")[:500])
    docs: dict[int, list[str]] = {case.pk: _text(own_reports)}
    gaps: dict[int, timedelta] = {}
    for other in pool:
        other_reports = list(other.reports.all())
        gap = min(abs(a - b) for a in anchors for b in _anchors(other, other_reports))
        if gap <= WINDOW:
            gaps[other.pk] = gap
            docs[other.pk] = _text(other_reports)
    vectors = _tfidf(docs)
    scored: list[tuple[Case, float]] = []
    for other in pool:
        if other.pk not in gaps:
            continue
        text = cosine(vectors[case.pk], vectors[other.pk])
        if text < MIN_TEXT:
            continue
        time = 1.0 - gaps[other.pk] / (WINDOW + timedelta(days=1))
        score = (
            WEIGHTS["text"] * text
            + WEIGHTS["place"] * place_score(case.region_code, other.region_code)
            + WEIGHTS["time"] * time
        )
        if score >= MIN_SCORE:
            scored.append((other, round(min(score, 1.0), 3)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
