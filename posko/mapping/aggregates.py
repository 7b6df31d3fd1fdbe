"""Daily report counts per kab/kota × category × day: kept by refresh, rebuilt on demand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Substr

from posko.mapping.models import STAGE_COLUMNS, VERIFIED_STAGES, DailyCount

__all__ = [
    "DailyCount",
    "cell_of",
    "day_bounds",
    "kabkota_code",
    "local_day",
    "rebuild_aggregates",
    "record_report",
    "refresh_cells",
]

WIB = ZoneInfo("Asia/Jakarta")
BATCH = 5000
Cell = tuple[str, str, date]


def kabkota_code(region_code: str) -> str:
    """The kab/kota part of a region code ("31.71.01.1001" -> "31.71"); shorter codes stay."""
    return (region_code or "")[:5]


def local_day(moment: datetime) -> date:
    """The Asia/Jakarta calendar day of an aware datetime."""
    return moment.astimezone(WIB).date()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in Jakarta time."""
    start = datetime.combine(first, time.min, tzinfo=WIB)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=WIB)
    return start, end


def code_range(prefix: str) -> Q:
    """Region codes equal to `prefix` or under it, as an index-friendly range."""
    return Q(region_code=prefix) | Q(region_code__gte=prefix + ".", region_code__lt=prefix + "/")


def _row(cell: Cell, by_stage: dict[str, int]) -> DailyCount:
    from posko.mapping.catalogue import method

    weights = method().stage_weights
    fields: dict[str, Any] = {
        STAGE_COLUMNS[s]: n for s, n in by_stage.items() if s in STAGE_COLUMNS
    }
    return DailyCount(
        region_code=cell[0],
        category=cell[1],
        day=cell[2],
        reports=sum(by_stage.values()),
        verified=sum(n for s, n in by_stage.items() if s in VERIFIED_STAGES),
        weighted=sum(weights.get(s, 0.0) * n for s, n in by_stage.items()),
        **fields,
    )


def _count_cells(cells: Iterable[Cell]) -> dict[Cell, dict[str, int]]:
    """Count reports by stage for each given cell straight from the Report table."""
    from posko.reports.models import Report

    counts: dict[Cell, dict[str, int]] = {}
    for region, category, day in set(cells):
        start, end = day_bounds(day, day)
        # A kab/kota cell holds its whole subtree; a province-only ("31") or blank cell holds
        # only reports coded exactly so.
        region_q = code_range(region) if len(region) == 5 else Q(region_code=region)
        rows = (
            Report.objects.filter(region_q, category=category)
            .filter(submitted_at__gte=start, submitted_at__lt=end)
            .values("case__stage")
            .annotate(n=Count("id"))
        )
        counts[(region, category, day)] = {r["case__stage"]: r["n"] for r in rows}
    return counts


def refresh_cells(cells: Iterable[Cell]) -> int:
    """Recompute the given (region, category, day) rows from the reports; idempotent.

    Safe with concurrent writers: each cell's row is locked before its reports are counted, so
    the count includes every report committed before the lock, and a later recount (which waits
    for the lock) can never be overwritten by an older count.
    """
    wanted = sorted(set(cells))  # one lock order for every writer: no deadlocks
    with transaction.atomic():
        DailyCount.objects.bulk_create(
            [DailyCount(region_code=r, category=c, day=d) for r, c, d in wanted],
            ignore_conflicts=True,
        )
        for cell in wanted:
            region, category, day = cell
            locked = DailyCount.objects.select_for_update().filter(
                region_code=region, category=category, day=day
            )
            row = locked.first()
            by_stage = _count_cells([cell])[cell]
            if not by_stage:
                locked.delete()
            elif row is None:  # deleted by a recount that locked it before our report existed
                _row(cell, by_stage).save()
            else:
                fresh = _row(cell, by_stage)
                fresh.pk = row.pk
                fresh.save(force_update=True)
    return len(wanted)


def cell_of(report: Any) -> Cell:
    """The (kab/kota, category, local day) cell a report is counted in."""
    return (kabkota_code(report.region_code), report.category, local_day(report.submitted_at))


def record_report(report: Any) -> None:
    """Bring the report's daily cell up to date (safe to call twice: it recounts, not adds)."""
    refresh_cells([cell_of(report)])


def on_case_changed(sender: Any = None, *, case_id: int, kind: str = "", **_: Any) -> None:
    """Signal receiver: a case moved stage or absorbed reports; recount their cells.

    A newly opened case is counted when its report is filed (`posko.reports.intake`).
    """
    from posko.reports.models import Report

    if kind not in ("transition", "merge", "close", "route"):
        return
    reports = Report.objects.filter(case_id=case_id).only("region_code", "category", "submitted_at")
    refresh_cells(cell_of(r) for r in reports)


def rebuild_aggregates(*, since: date | None = None) -> int:
    """Recompute DailyCount from the Report table (from `since` on, else all); returns rows."""
    from posko.reports.models import Report

    reports = Report.objects.all()
    existing = DailyCount.objects.all()
    if since is not None:
        reports = reports.filter(submitted_at__gte=day_bounds(since, since)[0])
        existing = existing.filter(day__gte=since)
    # The Jakarta-day step runs in Python: SQL timezone functions differ per database, and a
    # streamed pass over 1,000,000 rows takes seconds, which a nightly rebuild can afford.
    cells: dict[Cell, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        reports.annotate(kab=Substr("region_code", 1, 5))
        .values_list("kab", "category", "submitted_at", "case__stage")
        .order_by()
        .iterator(chunk_size=20000)
    )
    for kab, category, submitted_at, stage in rows:
        cells[(kab or "", category, local_day(submitted_at))][stage] += 1
    with transaction.atomic():
        existing.delete()
        batch: list[DailyCount] = []
        # Day-major insert order keeps a day's rows together on disk (spike queries by day).
        for cell, by_stage in sorted(cells.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
            batch.append(_row(cell, by_stage))
            if len(batch) >= BATCH:
                DailyCount.objects.bulk_create(batch)
                batch = []
        DailyCount.objects.bulk_create(batch)
    return len(cells)
