"""Server-side grid clustering of report points and per-day timelines (officer views)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Avg, Count, FloatField, Q, Sum
from django.db.models.functions import Cast, Floor

from posko.mapping.aggregates import code_range, day_bounds
from posko.mapping.models import STAGE_COLUMNS, DailyCount

# Grid cell size in degrees by the scope shown (≈ 110 km per degree).
CELL_DEG = {0: 1.0, 2: 0.25, 5: 0.05, 8: 0.02}


def cluster_points(
    region: str, first: date, last: date, *, category: str | None = None, stage: str | None = None
) -> list[tuple[float, float, int]]:
    """(latitude, longitude, count) per grid cell of the reports with a location."""
    from posko.reports.models import Report

    start, end = day_bounds(first, last)
    qs = Report.objects.filter(
        submitted_at__gte=start, submitted_at__lt=end, latitude__isnull=False
    )
    if region:
        qs = qs.filter(code_range(region))
    if category:
        qs = qs.filter(category=category)
    if stage:
        qs = qs.filter(case__stage=stage)
    cell = CELL_DEG.get(len(region), 0.02)
    rows = (
        qs.annotate(
            gx=Floor(Cast("longitude", FloatField()) / cell),
            gy=Floor(Cast("latitude", FloatField()) / cell),
        )
        .values("gx", "gy")
        .annotate(n=Count("id"), lat=Avg("latitude"), lng=Avg("longitude"))
        .order_by()
    )
    return [(float(r["lat"]), float(r["lng"]), int(r["n"])) for r in rows]


def timeline(
    region: str, first: date, last: date, *, category: str | None = None, stage: str | None = None
) -> list[tuple[date, int]]:
    """Reports per day in [first, last] for a provinsi/kab/kota (from DailyCount), zeros kept."""
    qs = DailyCount.objects.filter(day__gte=first, day__lte=last)
    if region:
        qs = qs.filter(Q(region_code=region) | Q(region_code__startswith=region + "."))
    if category:
        qs = qs.filter(category=category)
    column = STAGE_COLUMNS[stage] if stage else "reports"
    counts = dict(qs.values("day").annotate(n=Sum(column)).order_by().values_list("day", "n"))
    days = (last - first).days + 1
    return [
        (first + timedelta(days=i), int(counts.get(first + timedelta(days=i)) or 0))
        for i in range(days)
    ]


def kecamatan_timeline(
    region: str, first: date, last: date, *, category: str | None = None
) -> list[tuple[date, int]]:
    """Reports per day for a kecamatan, straight from the Report table."""
    from posko.mapping.aggregates import local_day
    from posko.reports.models import Report

    start, end = day_bounds(first, last)
    qs = Report.objects.filter(code_range(region), submitted_at__gte=start, submitted_at__lt=end)
    if category:
        qs = qs.filter(category=category)
    counts: dict[date, int] = {}
    for moment in qs.values_list("submitted_at", flat=True):
        counts[local_day(moment)] = counts.get(local_day(moment), 0) + 1
    days = (last - first).days + 1
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)
    ]
