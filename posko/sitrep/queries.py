"""Aggregate queries behind a situation report: DailyCount sums and COUNT/GROUP BY on Case.

Nothing here loads reports one by one: national scope reads at most a few thousand grouped
rows whatever the number of reports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models import Value as V
from django.db.models.functions import Substr

from posko.cases.choices import CLOSED_STAGES
from posko.cases.models import Case
from posko.mapping.models import STAGE_COLUMNS, DailyCount
from posko.regions.models import Region
from posko.reports.models import Report

NEUTRALITY_CATEGORY = "netralitas_asn"
# Length of a code prefix per level: 32 / 32.73 / 32.73.01 / 32.73.01.1001.
CODE_LENGTH = {"provinsi": 2, "kabkota": 5, "kecamatan": 8, "desa": 13}
SUB_LEVEL = {"nasional": "provinsi", "provinsi": "kabkota", "kabkota": "kecamatan"}


def in_scope(code: str | None, field: str = "region_code") -> Q:
    """Rows whose region code lies in the region `code` (everything when None)."""
    if code is None:
        return Q()
    # A range rather than LIKE: it uses the index on every database ("/" sorts after ".").
    return Q(**{field: code}) | Q(**{f"{field}__gte": code + ".", f"{field}__lt": code + "/"})


@dataclass
class Tally:
    """Mutable counters while folding grouped rows."""

    new_today: int = 0
    new_week: int = 0
    verified_week: int = 0


def _daily_counts() -> QuerySet[DailyCount]:
    return DailyCount.objects.all()


def report_counts(
    code: str | None, sub_level: str | None, day: date, start: date
) -> tuple[dict[str, Tally], dict[str, Tally], dict[date, tuple[int, int]]]:
    """New reports per category and per sub-region (day and window) from DailyCount."""
    by_category: dict[str, Tally] = defaultdict(Tally)
    by_sub: dict[str, Tally] = defaultdict(Tally)
    daily: dict[date, tuple[int, int]] = {}
    window = _daily_counts().filter(in_scope(code), day__gte=start, day__lte=day)
    # DailyCount is kept per kab/kota: below that level the breakdown comes from Report.
    sub_from_daily = sub_level is not None and sub_level in ("provinsi", "kabkota")
    length = CODE_LENGTH[sub_level] if sub_level is not None and sub_from_daily else 0
    sub_expr = Substr("region_code", 1, length) if length else V("")
    rows = (
        window.annotate(sub=sub_expr)
        .values("category", "sub", "day")
        .annotate(n=Sum("reports"), v=Sum("verified"))
        .values_list("category", "sub", "day", "n", "v")
    )
    for category, sub, row_day, n, v in rows:
        n, v = int(n or 0), int(v or 0)
        tallies = (
            (by_category[category], by_sub[sub]) if sub_from_daily else (by_category[category],)
        )
        for tally in tallies:
            tally.new_week += n
            tally.verified_week += v
            if row_day == day:
                tally.new_today += n
        total, verified = daily.get(row_day, (0, 0))
        daily[row_day] = (total + n, verified + v)
    if sub_level and not sub_from_daily:
        _fold_report_breakdown(by_sub, code, sub_level, day, start)
    return by_category, by_sub, daily


def _fold_report_breakdown(
    by_sub: dict[str, Tally], code: str | None, sub_level: str, day: date, start: date
) -> None:
    """Kecamatan breakdown of one kab/kota's week: a bounded GROUP BY on Report."""
    lo, _ = day_bounds(start)
    day_lo, hi = day_bounds(day)
    rows = (
        Report.objects.filter(in_scope(code), submitted_at__gte=lo, submitted_at__lt=hi)
        .annotate(sub=Substr("region_code", 1, CODE_LENGTH[sub_level]))
        .values("sub")
        .annotate(week=Count("id"), today=Count("id", filter=Q(submitted_at__gte=day_lo)))
        .values_list("sub", "week", "today")
    )
    for sub, week, today in rows:
        by_sub[sub].new_week += week
        by_sub[sub].new_today += today


def open_report_counts(
    code: str | None, sub_level: str | None, day: date
) -> tuple[dict[str, int], dict[str, int]]:
    """Reports received by `day` whose case is in an open stage, per category and sub-region.

    Read from DailyCount's per-stage columns (their current stage), not from the Case table:
    national scope then sums a few hundred thousand narrow rows instead of scanning every case.
    """
    open_columns = [col for stage, col in STAGE_COLUMNS.items() if stage not in CLOSED_STAGES]
    open_sum = sum((F(col) for col in open_columns[1:]), F(open_columns[0]))
    # DailyCount is per kab/kota; a kab/kota report's kecamatan rows come from Report instead.
    length = CODE_LENGTH[sub_level] if sub_level in ("provinsi", "kabkota") else 0
    rows = (
        _daily_counts()
        .filter(in_scope(code), day__lte=day)
        .annotate(sub=Substr("region_code", 1, length) if length else V(""))
        .values("category", "sub")
        .annotate(n=Sum(open_sum))
        .values_list("category", "sub", "n")
    )
    by_category: dict[str, int] = defaultdict(int)
    by_sub: dict[str, int] = defaultdict(int)
    for category, sub, n in rows:
        by_category[category] += int(n or 0)
        if length:
            by_sub[sub] += int(n or 0)
    if sub_level == "kecamatan":
        by_sub.update(_open_reports_below_kabkota(code, day))
    return by_category, by_sub


def _open_reports_below_kabkota(code: str | None, day: date) -> dict[str, int]:
    """Open reports of one kab/kota per kecamatan: a bounded GROUP BY on Report."""
    _, end = day_bounds(day)
    rows = (
        Report.objects.filter(in_scope(code), submitted_at__lt=end)
        .exclude(case__stage__in=CLOSED_STAGES)
        .annotate(sub=Substr("region_code", 1, CODE_LENGTH["kecamatan"]))
        .values("sub")
        .annotate(n=Count("id"))
        .values_list("sub", "n")
    )
    return {sub: n for sub, n in rows}


def deadline_counts(code: str | None, as_of: datetime, horizon: timedelta) -> tuple[int, int]:
    """(due within the horizon, overdue) among cases not in a closing stage."""
    totals = (
        Case.objects.open()
        .filter(in_scope(code), deadline_at__isnull=False, deadline_at__lte=as_of + horizon)
        .aggregate(
            overdue=Count("id", filter=Q(deadline_at__lte=as_of)),
            due=Count("id", filter=Q(deadline_at__gt=as_of)),
        )
    )
    return int(totals["due"]), int(totals["overdue"])


def deadline_cases(
    code: str | None, as_of: datetime, horizon: timedelta, limit: int
) -> tuple[list[Case], list[Case]]:
    """The first `limit` due-soon cases and the `limit` longest-overdue ones."""
    base = Case.objects.open().filter(in_scope(code), deadline_at__isnull=False)
    fields = ("id", "category", "region_code", "stage", "deadline_at")
    due = base.filter(deadline_at__gt=as_of, deadline_at__lte=as_of + horizon)
    overdue = base.filter(deadline_at__lte=as_of)
    return (
        list(due.order_by("deadline_at", "id").only(*fields)[:limit]),
        list(overdue.order_by("deadline_at", "id").only(*fields)[:limit]),
    )


def neutrality_counts(
    code: str | None, start: datetime, end: datetime
) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    """ASN-neutrality reports in [start, end): totals, and violations by the engine's rule."""
    groups = (
        Report.objects.filter(
            in_scope(code),
            category=NEUTRALITY_CATEGORY,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .values(
            "neutrality_verdict__violation",
            "neutrality_verdict__rule__id",
            "neutrality_verdict__rule__citation",
        )
        .annotate(n=Count("id"))
        .order_by()
        .values_list(
            "neutrality_verdict__violation",
            "neutrality_verdict__rule__id",
            "neutrality_verdict__rule__citation",
            "n",
        )
    )
    totals = {"reports": 0, "with_verdict": 0, "violations": 0, "no_violation": 0}
    rules: dict[tuple[str, str], int] = defaultdict(int)
    for violation, rule, citation, n in groups:
        totals["reports"] += n
        if violation is None:
            continue
        totals["with_verdict"] += n
        if violation is True:
            totals["violations"] += n
            rules[(str(rule or "?"), str(citation or ""))] += n
        else:
            totals["no_violation"] += n
    ranked = sorted(rules.items(), key=lambda item: (-item[1], item[0]))
    return totals, [(rule, citation, n) for (rule, citation), n in ranked]


def freshness() -> tuple[datetime | None, date | None]:
    """Latest report submission and latest aggregated day: how current the figures are."""
    latest = Report.objects.order_by("-submitted_at").values_list("submitted_at", flat=True)
    latest_day = _daily_counts().aggregate(day=Max("day"))["day"]
    return latest.first(), latest_day


def region_names(codes: set[str]) -> dict[str, str]:
    """Names for a set of codes, in one query."""
    codes.discard("")
    if not codes:
        return {}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def child_regions(code: str | None, sub_level: str | None) -> dict[str, str]:
    """The regions one level down (provinces for the nation), code -> name."""
    if sub_level is None:
        return {}
    rows = Region.objects.filter(level=sub_level)
    rows = rows.filter(parent_id=code) if code else rows.filter(parent__isnull=True)
    return dict(rows.order_by("code").values_list("code", "name"))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of a calendar day in the Posko's time zone."""
    from django.utils import timezone

    tz = timezone.get_default_timezone()
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
