"""Build a situation report (laporan situasi) for a region and a day from aggregate queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.regions.models import Region
from posko.sitrep import queries
from posko.sitrep.method import method_note
from posko.sitrep.svgthin import thin_svg
from posko.sitrep.types import (
    AlertRow,
    CountRow,
    DayCount,
    DeadlineRow,
    Deadlines,
    NeutralityFindings,
    RuleCount,
    Scope,
    ScoreChange,
    SitRep,
)

WINDOW_DAYS = 7
DEADLINE_HORIZON = timedelta(hours=48)
MAX_DEADLINE_ROWS = 25
MAX_ALERT_ROWS = 50
MAX_RISERS = 10
MAX_CONTRIBUTORS = 3
MAP_WIDTH = 800
# Vertices closer than this (of 800 px) are merged: invisible in print, 4x less SVG to render.
MAP_MIN_PX = 1.5
SUPPORTED_LEVELS = ("provinsi", "kabkota")


class SitrepError(ValueError):
    """Bad input to a situation report, with a machine-readable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def resolve_scope(region_code: str | None) -> Scope:
    """The Scope for a code from the regions table (None = national); SitrepError if unknown."""
    if not region_code:
        return Scope(code=None, name=_("Nasional"), level="nasional", sub_level="provinsi")
    code = canonical_code(region_code)
    region = Region.objects.filter(code=code).values_list("code", "name", "level").first()
    if region is None:
        if not Region.objects.exists():
            raise SitrepError(
                "regions_not_loaded",
                _("Tabel wilayah kosong; jalankan `posko regions load` terlebih dahulu."),
            )
        raise SitrepError(
            "unknown_region", _("Kode wilayah %(code)s tidak dikenal.") % {"code": code}
        )
    code, name, level = region
    if level not in SUPPORTED_LEVELS:
        raise SitrepError(
            "unsupported_level",
            _(
                "Laporan situasi tersedia untuk nasional, provinsi dan kabupaten/kota, "
                "bukan %(level)s."
            )
            % {"level": level},
        )
    return Scope(code=code, name=name, level=level, sub_level=queries.SUB_LEVEL[level])


def canonical_code(text: str) -> str:
    """'3273' -> '32.73'; dotted codes pass through unchanged."""
    text = text.strip()
    if text.isdigit() and len(text) in (2, 4, 6, 10):
        return ".".join(part for part in (text[:2], text[2:4], text[4:6], text[6:]) if part)
    return text


def as_of_moment(day: date, now: datetime | None = None) -> datetime:
    """The moment the report describes: the end of a past day, or now for today."""
    now = now or timezone.now()
    _, end = queries.day_bounds(day)
    return min(end, now)


def build_sitrep(region_code: str | None, day: date, *, language: str = "id") -> SitRep:
    """The situation report for a region (None = national) on `day`, labels in `language`."""
    with translation.override(language):
        scope = resolve_scope(region_code)
        return _build(scope, day, language)


def _build(scope: Scope, day: date, language: str) -> SitRep:
    start = day - timedelta(days=WINDOW_DAYS - 1)
    as_of = as_of_moment(day)
    cat_counts, sub_counts, daily = queries.report_counts(scope.code, scope.sub_level, day, start)
    open_by_cat, open_by_sub = queries.open_report_counts(scope.code, scope.sub_level, day)
    children = queries.child_regions(scope.code, scope.sub_level)
    labels = category_labels()
    by_category = _rows(cat_counts, open_by_cat, labels, order=list(labels))
    by_sub = _rows(sub_counts, open_by_sub, children, order=list(children))
    changes, svg = _vulnerability(scope, day, start)
    window_lo, _ = queries.day_bounds(start)
    _, window_hi = queries.day_bounds(day)
    latest_report, latest_day = queries.freshness()
    alerts, alerts_total = _alerts(scope, day, labels)
    return SitRep(
        scope=scope,
        day=day,
        window_start=start,
        generated_at=timezone.now(),
        language=language,
        new_today=sum(r.new_today for r in by_category),
        new_week=sum(r.new_week for r in by_category),
        open_reports=sum(open_by_cat.values()),
        by_category=by_category,
        by_subregion=by_sub,
        daily=tuple(
            DayCount(d, *daily.get(d, (0, 0)))
            for d in (start + timedelta(days=i) for i in range(WINDOW_DAYS))
        ),
        score_changes=changes,
        risers=tuple(
            sorted((c for c in changes if c.delta > 0), key=lambda c: (-c.delta, c.code))[
                :MAX_RISERS
            ]
        ),
        alerts=alerts,
        alerts_total=alerts_total,
        deadlines=_deadlines(scope, as_of, labels),
        neutrality=_neutrality(scope, window_lo, window_hi),
        map_svg=svg,
        method=method_note(latest_report, latest_day),
    )


def category_labels() -> dict[str, str]:
    """Category id -> label in the active language, in the taxonomy's order."""
    from posko.reports.taxonomy import load_taxonomy

    return {c.id: c.label for c in load_taxonomy().categories.values()}


def _rows(
    counts: dict[str, queries.Tally],
    open_counts: dict[str, int],
    labels: dict[str, str],
    order: Sequence[str],
) -> tuple[CountRow, ...]:
    """One row per known key (in order, zeros included), then any unknown keys seen in the data."""
    keys = list(order) + sorted((set(counts) | set(open_counts)) - set(order))
    rows = []
    for key in keys:
        tally = counts.get(key, queries.Tally())
        label = labels.get(key) or (key if key else _("Tanpa wilayah"))
        rows.append(
            CountRow(
                key=key,
                label=label,
                new_today=tally.new_today,
                new_week=tally.new_week,
                verified_week=tally.verified_week,
                open_reports=open_counts.get(key, 0),
            )
        )
    return tuple(rows)


def _vulnerability(scope: Scope, day: date, start: date) -> tuple[tuple[ScoreChange, ...], str]:
    """Sub-region scores on `day` against seven days earlier, and the choropleth map."""
    from posko.mapping.index import region_scores
    from posko.mapping.svgmap import choropleth_svg

    level = scope.sub_level or "kabkota"
    now = region_scores(level, parent=scope.code, on=day)
    before = {s.code: s for s in region_scores(level, parent=scope.code, on=start - timedelta(1))}
    changes = tuple(
        ScoreChange(
            code=s.code,
            name=s.name,
            score=round(s.score, 1),
            score_before=round(before[s.code].score, 1) if s.code in before else 0.0,
            band=s.band,
            band_before=before[s.code].band if s.code in before else "",
            contributors=tuple(c.label for c in s.contributors[:MAX_CONTRIBUTORS]),
        )
        for s in now
    )
    if scope.code is None:
        # The national map shows all kab/kota; the tables stay at province level.
        scores = region_scores("kabkota", on=day)
        svg = choropleth_svg("kabkota", scores, width=MAP_WIDTH, title=scope.name)
    elif level == "kecamatan":
        # Kecamatan have no polygons: show the province's kab/kota, kecamatan as a table.
        province = scope.code[:2]
        scores = region_scores("kabkota", parent=province, on=day)
        svg = choropleth_svg("kabkota", scores, parent=province, width=MAP_WIDTH, title=scope.name)
    else:
        svg = choropleth_svg(level, now, parent=scope.code, width=MAP_WIDTH, title=scope.name)
    return changes, thin_svg(svg, min_px=MAP_MIN_PX)


def _alerts(scope: Scope, day: date, labels: dict[str, str]) -> tuple[tuple[AlertRow, ...], int]:
    """Unacknowledged spike alerts up to the day, newest and strongest first, and their count."""
    from posko.mapping.models import SpikeAlert

    active = SpikeAlert.objects.filter(
        queries.in_scope(scope.code), acknowledged_at__isnull=True, day__lte=day
    )
    alerts = list(active.order_by("-day", "p_value", "region_code")[:MAX_ALERT_ROWS])
    total = len(alerts) if len(alerts) < MAX_ALERT_ROWS else active.count()
    names = queries.region_names({a.region_code for a in alerts})
    rows = tuple(
        AlertRow(
            region_code=a.region_code,
            region_name=names.get(a.region_code, a.region_code),
            category=a.category,
            category_label=labels.get(a.category, a.category),
            day=a.day,
            observed=a.observed,
            baseline=round(a.expected, 2),
            explanation=_(
                "%(observed)s laporan, rata-rata %(days)s hari sebelumnya %(expected).2f per "
                "hari; P(X ≥ %(observed)s) = %(p).2g; batas lonjakan ≥ %(threshold)s."
            )
            % {
                "observed": a.observed,
                "days": a.baseline_days,
                "expected": a.expected,
                "p": a.p_value,
                "threshold": a.threshold,
            },
        )
        for a in alerts
    )
    return rows, total


def _deadlines(scope: Scope, as_of: datetime, labels: dict[str, str]) -> Deadlines:
    due, overdue = queries.deadline_counts(scope.code, as_of, DEADLINE_HORIZON)
    due_cases, overdue_cases = queries.deadline_cases(
        scope.code, as_of, DEADLINE_HORIZON, MAX_DEADLINE_ROWS
    )
    codes = {c.region_code[:5] for c in due_cases + overdue_cases}
    names = queries.region_names(codes)
    stages = dict(Stage.choices)

    def row(case: Case) -> DeadlineRow:
        assert case.deadline_at is not None
        kab = case.region_code[:5]
        return DeadlineRow(
            case_id=case.pk,
            category_label=labels.get(case.category, case.category),
            region_code=case.region_code,
            region_name=names.get(kab, case.region_code or "—"),
            stage_label=str(stages.get(case.stage, case.stage)),
            deadline_at=timezone.localtime(case.deadline_at),
            hours_left=round((case.deadline_at - as_of).total_seconds() / 3600, 1),
        )

    return Deadlines(
        as_of=timezone.localtime(as_of),
        horizon_hours=int(DEADLINE_HORIZON.total_seconds() // 3600),
        due_soon=due,
        overdue=overdue,
        due_rows=tuple(row(c) for c in due_cases),
        overdue_rows=tuple(row(c) for c in overdue_cases),
    )


def _neutrality(scope: Scope, start: datetime, end: datetime) -> NeutralityFindings:
    totals, by_rule = queries.neutrality_counts(scope.code, start, end)
    return NeutralityFindings(
        reports=totals["reports"],
        with_verdict=totals["with_verdict"],
        violations=totals["violations"],
        no_violation=totals["no_violation"],
        by_rule=tuple(RuleCount(rule, citation, n) for rule, citation, n in by_rule),
    )
