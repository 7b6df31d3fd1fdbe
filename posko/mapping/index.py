"""The composite vulnerability score (0-100) per provinsi, kab/kota and kecamatan, explained."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext, ngettext

from posko.mapping.aggregates import code_range, day_bounds
from posko.mapping.catalogue import Method, catalogue, method
from posko.mapping.models import (
    COVERING_INDEX,
    STAGE_COLUMNS,
    VERIFIED_STAGES,
    DailyCount,
    IndicatorOccurrence,
)
from posko.reports.taxonomy import load_taxonomy

LEVELS = ("provinsi", "kabkota", "kecamatan")
CODE_LENGTH = {"provinsi": 2, "kabkota": 5, "kecamatan": 8}
# region -> category -> [reports, verified, stage-weighted reports (before severity)]
Counts = dict[str, dict[str, list[float]]]


def _tally() -> Counts:
    return defaultdict(lambda: defaultdict(lambda: [0, 0, 0.0]))


class IndexError_(ValueError):
    """Bad arguments to the index functions (unknown level, region or stage)."""


@dataclass(slots=True)
class Contributor:
    """One reason a score is what it is: an indicator that occurred, or a category of reports."""

    kind: str  # "indicator" | "reports"
    key: str  # indicator id or category id
    label: str
    detail: str
    points: float
    source: str = ""


@dataclass(slots=True)
class RegionScore:
    """A region's score, band and the contributors that add up to it."""

    code: str
    name: str
    level: str
    score: float
    band: str
    contributors: list[Contributor] = field(default_factory=list)
    reports: int = 0
    indicators: int = 0
    verified: int = 0
    weighted_reports: float = 0.0
    population: int | None = None
    indicator_score: float = 0.0
    report_score: float = 0.0
    legacy_band: str = ""
    by_dimension: dict[str, int] = field(default_factory=dict)

    @property
    def band_label(self) -> str:
        """The band's name in the active language."""
        return method().band_label(self.band)

    @property
    def legacy_band_label(self) -> str:
        """The IKP 2022 band's name in the active language."""
        return method().band_label(self.legacy_band)


def level_of(code: str) -> str:
    """The level implied by a code's length ("31" provinsi, "31.71" kabkota, ...)."""
    for level, length in CODE_LENGTH.items():
        if len(code) == length:
            return level
    raise IndexError_(f"no scored level for region code {code!r}")


def window(on: date, date_from: date | None, m: Method | None = None) -> tuple[date, date]:
    """The report window: [date_from or on - window + 1, on]."""
    m = m or method()
    return (date_from or on - timedelta(days=m.report_window_days - 1)), on


def _regions(level: str, parent: str | None, only: str | None) -> list[tuple[str, str, int | None]]:
    from posko.regions.models import Region

    qs = Region.objects.filter(level=level)
    if only:
        qs = qs.filter(code=only)
    elif parent:
        qs = qs.filter(parent_id=parent)
    return list(qs.order_by("code").values_list("code", "name", "population"))


def _daily_counts(
    level: str, parent: str | None, first: date, last: date, category: str | None, stage: str | None
) -> Counts:
    """Sums per (kab/kota, category) over the window."""
    m = method()
    qs = DailyCount.objects.filter(day__gte=first, day__lte=last)
    if category:
        qs = qs.filter(category=category)
    if parent:
        qs = qs.filter(code_range(parent))
    if stage:  # one stage column: its reports, verified or not by the stage itself
        sums: dict[str, Any] = {"n": Sum(STAGE_COLUMNS[stage])}
    else:  # all in the covering index (region_code, category, day, reports, verified, weighted)
        sums = {"n": Sum("reports"), "v": Sum("verified"), "w": Sum("weighted")}
    query = qs.values_list("region_code", "category").annotate(**sums).order_by()
    # Plain cursor rows: the ORM's per-value converters cost more than the scan at 5,000+ rows.
    sql, params = query.query.sql_with_params()
    if not stage and connection.vendor == "sqlite" and _wide_window(first, last):
        sql = _on_covering_index(sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = _tally()
    length = CODE_LENGTH[level]
    stage_weight = m.stage_weights.get(stage or "", 0.0)
    stage_verified = stage in VERIFIED_STAGES
    for row in rows:
        code, n = row[0][:length], row[2]
        if len(code) < length or not n:
            continue
        cell = counts[code][row[1]]
        cell[0] += n
        if stage:
            cell[1] += n if stage_verified else 0
            cell[2] += n * stage_weight
        else:
            cell[1] += row[3]
            cell[2] += row[4]
    return counts


# SQLite takes the (day, region_code) index for any day range, then reads every row in it and
# sorts for GROUP BY. When the window holds much of the table, one pass over the covering index
# (region_code, category, day, sums) reads no row and needs no sort: at 1M reports and a 28-day
# window of 66 days, 75-85 ms instead of 120-190 ms. A short window keeps the day index.
WIDE_WINDOW_SHARE = 0.25


def _wide_window(first: date, last: date) -> bool:
    """Whether [first, last] spans at least WIDE_WINDOW_SHARE of the days DailyCount holds
    (SQLite only). MIN and MAX as two subqueries are one index look-up each; together in one
    SELECT they would read the whole day index."""
    table = connection.ops.quote_name(DailyCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MIN(day) FROM {table}), (SELECT MAX(day) FROM {table})")
        lo_text, hi_text = cursor.fetchone()
    if lo_text is None or hi_text is None:
        return False
    lo, hi = date.fromisoformat(str(lo_text)), date.fromisoformat(str(hi_text))
    inside = (min(last, hi) - max(first, lo)).days + 1
    return inside >= WIDE_WINDOW_SHARE * ((hi - lo).days + 1)


def _on_covering_index(sql: str) -> str:
    """The daily-count query told to scan the covering index (SQLite's INDEXED BY)."""
    table = connection.ops.quote_name(DailyCount._meta.db_table)
    return sql.replace(
        f"FROM {table}", f"FROM {table} INDEXED BY {connection.ops.quote_name(COVERING_INDEX)}", 1
    )


def _kecamatan_counts(
    parent: str | None, first: date, last: date, category: str | None, stage: str | None
) -> Counts:
    """Kecamatan have no DailyCount rows: count the reports of the window directly."""
    from posko.reports.models import Report

    m = method()
    start, end = day_bounds(first, last)
    qs = Report.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if category:
        qs = qs.filter(category=category)
    if stage:
        qs = qs.filter(case__stage=stage)
    if parent:
        qs = qs.filter(code_range(parent))
    rows = (
        qs.annotate(kec=Substr("region_code", 1, 8))
        .values_list("kec", "category", "case__stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = _tally()
    for kec, cat, st, n in rows:
        if kec and len(kec) == 8:
            cell = counts[kec][cat]
            cell[0] += n
            cell[1] += n if st in VERIFIED_STAGES else 0
            cell[2] += n * m.stage_weights.get(st, 0.0)
    return counts


def _occurrences(level: str, parent: str | None, on: date, days: int) -> dict[str, dict[str, Any]]:
    """region -> indicator -> the latest occurrence (date, source) within the window."""
    qs = IndicatorOccurrence.objects.filter(date__gt=on - timedelta(days=days), date__lte=on)
    if parent:
        qs = qs.filter(code_range(parent))
    length = CODE_LENGTH[level]
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for code, ind, when, source in qs.order_by("date").values_list(
        "region_code", "indicator", "date", "source"
    ):
        if len(code) >= length:
            found[code[:length]][ind] = {"date": when, "source": source}
    return found


@dataclass(slots=True)
class _Context:
    """What every region's score needs, looked up once per call (labels in the active language)."""

    m: Method
    dimensions: list[tuple[str, str, list[tuple[str, str, str]]]]  # id, label, [(id, text, status)]
    category_labels: dict[str, str]
    # Translated once per call, not per region: gettext was half the time of a national map.
    occurred_note: str
    reports_source: str
    report_notes: dict[int, str]  # report count -> its translated, still unformatted note

    @classmethod
    def build(cls) -> _Context:
        cat = catalogue()
        dims = [
            (d_id, d.label, [(i.id, i.text, i.status) for i in cat.in_dimension(d_id)])
            for d_id, d in cat.dimensions.items()
        ]
        labels = {c.id: c.label for c in load_taxonomy().categories.values()}
        return cls(
            method(),
            dims,
            labels,
            gettext("%(dimension)s; terjadi %(date)s [%(status)s]"),
            gettext("laporan masuk Posko"),
            {},
        )

    def report_note(self, n: int) -> str:
        """The "n laporan, bobot w" template in the plural form of `n`."""
        note = self.report_notes.get(n)
        if note is None:
            note = self.report_notes[n] = ngettext(
                "%(n)d laporan, bobot %(w).2f", "%(n)d laporan, bobot %(w).2f", n
            )
        return note


def _score(
    code: str,
    name: str,
    level: str,
    population: int | None,
    counts: dict[str, list[float]],
    occurred: dict[str, Any],
    ctx: _Context,
) -> RegionScore:
    m = ctx.m
    contributors: list[Contributor] = []
    # Indicator part: mean over dimensions of the share of indicators that occurred.
    shares, by_dim = [], {}
    for dim_id, dim_label, members in ctx.dimensions:
        hit = [i for i in members if i[0] in occurred] if occurred else []
        by_dim[dim_id] = len(hit)
        shares.append(len(hit) / len(members))
        for ind_id, text, status in hit:
            occ = occurred[ind_id]
            contributors.append(
                Contributor(
                    "indicator",
                    ind_id,
                    f"{ind_id} {text}",
                    ctx.occurred_note
                    % {"dimension": dim_label, "date": f"{occ['date']:%d-%m-%Y}", "status": status},
                    m.weight_indicators * 100 / len(ctx.dimensions) / len(members),
                    occ["source"],
                )
            )
    indicator_score = 100 * sum(shares) / len(shares)
    # Report part: weighted count, per 100,000 where a population is known, saturating.
    weighted = {c: m.severity_of(c) * t[2] for c, t in counts.items() if t[0]}
    total = int(sum(t[0] for t in counts.values()))
    verified = int(sum(t[1] for t in counts.values()))
    w_total = sum(weighted.values())
    if population:
        x, half = w_total / population * 100_000, m.half_rate_per_100k
    else:
        x, half = w_total, m.half_count
    report_score = 100 * x / (x + half) if x > 0 else 0.0
    for category, w in weighted.items():
        n_reports = int(counts[category][0])
        contributors.append(
            Contributor(
                "reports",
                category,
                ctx.category_labels.get(category, category),
                ctx.report_note(n_reports) % {"n": n_reports, "w": w},
                m.weight_reports * report_score * w / w_total if w_total else 0.0,
                ctx.reports_source,
            )
        )
    contributors.sort(key=lambda c: (-c.points, c.key))
    score = round(m.weight_indicators * indicator_score + m.weight_reports * report_score, 2)
    return RegionScore(
        code=code,
        name=name,
        level=level,
        score=score,
        band=m.band(score),
        contributors=contributors,
        reports=total,
        indicators=len(occurred),
        verified=verified,
        weighted_reports=round(w_total, 4),
        population=population,
        indicator_score=round(indicator_score, 4),
        report_score=round(report_score, 4),
        legacy_band=m.band(score, level=level, legacy=True),
        by_dimension=by_dim,
    )


def region_scores(
    level: str,
    *,
    parent: str | None = None,
    on: date,
    date_from: date | None = None,
    category: str | None = None,
    stage: str | None = None,
    only: str | None = None,
) -> list[RegionScore]:
    """Scores of every region of `level` (under `parent`), highest first, then by code."""
    if level not in LEVELS:
        raise IndexError_(f"unknown level {level!r}")
    if stage and stage not in STAGE_COLUMNS:
        raise IndexError_(f"unknown stage {stage!r}")
    m = method()
    first, last = window(on, date_from, m)
    scope = only or parent
    if level == "kecamatan":
        counts = _kecamatan_counts(scope, first, last, category, stage)
    else:
        counts = _daily_counts(level, scope, first, last, category, stage)
    occurrences = _occurrences(level, scope, on, m.indicator_window_days)
    ctx = _Context.build()
    scores = [
        _score(code, name, level, pop, counts.get(code, {}), occurrences.get(code, {}), ctx)
        for code, name, pop in _regions(level, parent, only)
    ]
    scores.sort(key=lambda s: (-s.score, s.code))
    return scores


def explain_region(code: str, *, on: date, **filters: Any) -> RegionScore:
    """One region's score with all its contributors ("why is this region high?")."""
    found = region_scores(level_of(code), on=on, only=code, **filters)
    if not found:
        raise IndexError_(f"unknown region {code!r}")
    return found[0]


def region_filter(code: str) -> Q:
    """Reports in a region's subtree (for listing the reports behind a score)."""
    return code_range(code)


def method_note() -> str:
    """The method in two sentences, in the active language (for pages and the sitrep)."""
    m = method()
    return gettext(
        "Skor 0–100 = %(wi)s × bagian 27 indikator kerawanan (4 dimensi tahapan) yang terjadi "
        "+ %(wr)s × sinyal laporan %(days)s hari terakhir (berbobot tahap kasus dan keparahan, "
        "per 100.000 penduduk). Kategori: tinggi ≥ %(t)s, sedang ≥ %(s)s — ambang ditetapkan "
        "Posko [U], karena Bawaslu tidak mempublikasikan ambang Pemetaan Kerawanan 2024; "
        "ambang IKP 2022 [V] tersedia sebagai tampilan lama. Metode: docs/vulnerability-index.md."
    ) % {
        "wi": m.weight_indicators,
        "wr": m.weight_reports,
        "days": m.report_window_days,
        "t": m.bands["tinggi"],
        "s": m.bands["sedang"],
    }
