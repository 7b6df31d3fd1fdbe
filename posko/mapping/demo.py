"""`posko demo --reports N`: realistic synthetic load (reports + cases) for the map and bench."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
BATCH = 5000
CAMPAIGN_START = date(2024, 9, 25)  # PKPU 2/2024: kampanye 25 Sep - 23 Nov 2024
VOTING_DAY = date(2024, 11, 27)
# A plausible mix (netralitas ASN and politik uang lead, as in Bawaslu's 2024 figures).
CATEGORY_MIX = {
    "politik_uang": 0.22,
    "netralitas_asn": 0.18,
    "pelanggaran_kampanye": 0.15,
    "hoaks": 0.10,
    "intimidasi_kekerasan": 0.06,
    "fasilitas_negara": 0.06,
    "sara_kebencian": 0.05,
    "administrasi_logistik": 0.06,
    "prosedur_tps": 0.06,
    "korupsi": 0.02,
    "lainnya": 0.04,
}
STAGE_MIX = {
    "received": 0.40,
    "study": 0.25,
    "gakkumdu": 0.08,
    "investigation": 0.04,
    "prosecution": 0.02,
    "trial": 0.02,
    "final": 0.03,
    "stopped": 0.10,
    "forwarded": 0.06,
}
# Planted bursts: (kab/kota, category, day) — Kota Jakarta Pusat, Kab. Malang, Kota Kupang.
BURSTS = (
    ("31.71", "politik_uang", date(2024, 11, 24)),
    ("35.07", "intimidasi_kekerasan", VOTING_DAY),
    ("53.71", "netralitas_asn", date(2024, 10, 15)),
)


DESCRIPTION = "Laporan sintetis untuk uji beban (posko demo)."


def _raw_insert(model: Any, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """executemany INSERT: ~10x faster than bulk_create; other columns get their defaults."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    given = [fields[n] for n in names]
    rest = [f for a, f in fields.items() if a not in names and not f.primary_key]
    consts = []
    for f in rest:
        auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        consts.append(f.get_db_prep_save(now if auto else f.get_default(), connection))
    q = connection.ops.quote_name
    columns = ", ".join(q(f.column) for f in [*given, *rest])
    marks = ", ".join(["%s"] * (len(given) + len(rest)))
    sql = f"INSERT INTO {q(model._meta.db_table)} ({columns}) VALUES ({marks})"
    params = [
        [f.get_db_prep_save(v, connection) for f, v in zip(given, row, strict=True)] + consts
        for row in rows
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _reset_sequences(*models: Any) -> None:
    """After explicit ids, move PostgreSQL sequences past them (a no-op on SQLite)."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _demo_indicators(rng: random.Random, kab_codes: list[str]) -> int:
    """Synthetic indicator occurrences: each kab/kota gets 0-14 of the 27 indicators."""
    from posko.mapping.catalogue import catalogue
    from posko.mapping.models import IndicatorOccurrence

    ids = list(catalogue().indicators)
    span = (VOTING_DAY - CAMPAIGN_START).days
    rows = [
        IndicatorOccurrence(
            region_code=code,
            indicator=ind,
            date=CAMPAIGN_START + timedelta(days=rng.randrange(span)),
            source="posko demo (sintetis)",
            recorded_label="demo",
        )
        for code in kab_codes
        for ind in rng.sample(ids, rng.choice([0, 0, 2, 4, 6, 8, 10, 14]))
    ]
    IndicatorOccurrence.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


class _Picker:
    """Weighted choice by cumulative weights and bisection (fast for many draws)."""

    def __init__(self, weights: dict[Any, float]) -> None:
        self.keys = list(weights)
        self.cum = list(accumulate(weights.values()))

    def __call__(self, rng: random.Random) -> Any:
        return self.keys[min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.keys) - 1)]


def _centres() -> dict[str, tuple[float, float]]:
    from posko.mapping.geo import features

    out = {}
    for code, f in features("kabkota").items():
        ring = max((p[0] for p in f["polygons"]), key=len)
        out[code] = (sum(y for _, y in ring) / len(ring), sum(x for x, _ in ring) / len(ring))
    return out


def _days() -> _Picker:
    # Reports grow towards voting day; the quiet period and voting day peak.
    total = (VOTING_DAY - CAMPAIGN_START).days + 3
    weights = {}
    for i in range(total):
        day = CAMPAIGN_START + timedelta(days=i)
        weights[day] = 1.0 + 2.0 * i / total + (4.0 if day == VOTING_DAY else 0.0)
    return _Picker(weights)


def generate(n: int, *, seed: int = 2024) -> Iterator[str]:
    """Insert n reports with their cases in batches, then rebuild the daily counts."""
    from django.db.models import Max

    from posko.cases.models import Case
    from posko.mapping.aggregates import rebuild_aggregates
    from posko.mapping.alerts import detect_spikes
    from posko.regions.loader import ensure_regions_loaded
    from posko.regions.models import Region
    from posko.reports.models import Report

    yield ensure_regions_loaded()
    rng = random.Random(seed)
    kab_pop = dict(Region.objects.filter(level="kabkota").values_list("code", "population"))
    kecs: dict[str, list[str]] = {}
    for code in Region.objects.filter(level="kecamatan").values_list("code", flat=True):
        kecs.setdefault(code[:5], []).append(code)
    kab = _Picker({c: float(p or 50_000) for c, p in kab_pop.items()})
    category, stage, day = _Picker(CATEGORY_MIX), _Picker(STAGE_MIX), _days()
    centres = _centres()
    burst_size = max(20, n // 2000) if n >= 1000 else 0
    plan = [(c, cat, d) for c, cat, d in BURSTS for _ in range(burst_size)]
    regular = max(n - len(plan), 0)
    offset = Report.objects.filter(tracking_code__startswith="DM").count()
    next_case_id = (Case.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    made = 0
    while made < n:
        size = min(BATCH, n - made)
        rows = []
        for i in range(size):
            k = made + i
            if k >= regular:
                kab_code, cat, d = plan[k - regular]
            else:
                kab_code, cat, d = kab(rng), category(rng), day(rng)
            region = rng.choice(kecs.get(kab_code) or [kab_code])
            when = datetime.combine(d, time(rng.randrange(6, 23), rng.randrange(60)), tzinfo=WIB)
            lat, lng = centres.get(kab_code, (-2.5, 118.0))
            rows.append(
                (region, cat, stage(rng), when, lat + rng.gauss(0, 0.05), lng + rng.gauss(0, 0.05))
            )
        first_id = next_case_id + made
        _raw_insert(
            Case,
            ["id", "stage", "category", "region_code", "opened_at", "stage_entered_at"],
            [(first_id + i, s, c, r, w, w) for i, (r, c, s, w, _, _) in enumerate(rows)],
        )
        _raw_insert(
            Report,
            [
                "tracking_code",
                "case_id",
                "category",
                "description",
                "discovered_at",
                "submitted_at",
                "region_code",
                "latitude",
                "longitude",
                "is_demo",
            ],
            [
                (
                    f"DM{offset + made + i:012d}",
                    first_id + i,
                    c,
                    DESCRIPTION,
                    w,
                    w,
                    r,
                    Decimal(f"{la:.6f}"),
                    Decimal(f"{lo:.6f}"),
                    True,
                )
                for i, (r, c, _, w, la, lo) in enumerate(rows)
            ],
        )
        made += size
        if made % 100_000 == 0 or made == n:
            yield f"{made} reports"
    _reset_sequences(Case, Report)
    yield f"{_demo_indicators(rng, list(kab_pop))} indicator occurrences"
    yield f"{rebuild_aggregates()} daily count rows"
    alerts = sum(len(detect_spikes(on=d)) for d in sorted({b[2] for b in BURSTS}))
    yield f"{alerts} spike alerts on the planted burst days"


DEMO_MAP_LABEL = "demo-peta"
DEMO_MAP_PROVINCES = ("31", "32", "33", "35")


def load_demo_map(*, today: date | None = None, seed: int = 27) -> str:
    """Synthetic indicator occurrences in the demo provinces, so the demo map has contrast.

    Marked as demo (source and recorded_label); idempotent. Real occurrences come from analysts
    through the form or `posko indicators import`.
    """
    from django.utils import timezone

    from posko.mapping.catalogue import catalogue
    from posko.mapping.models import IndicatorOccurrence
    from posko.regions.models import Region

    if IndicatorOccurrence.objects.filter(recorded_label=DEMO_MAP_LABEL).exists():
        return "demo map: indicator occurrences already loaded"
    today = today or timezone.localdate()
    rng = random.Random(seed)
    ids = sorted(catalogue().indicators)
    codes = sorted(
        Region.objects.filter(level="kabkota", parent_id__in=DEMO_MAP_PROVINCES).values_list(
            "code", flat=True
        )
    )
    rows = [
        IndicatorOccurrence(
            region_code=code,
            indicator=indicator,
            date=today - timedelta(days=rng.randrange(1, 45)),
            source="DEMO: data sintetis untuk peragaan, bukan temuan nyata",
            recorded_label=DEMO_MAP_LABEL,
        )
        for code in codes
        for indicator in rng.sample(ids, rng.choice([0, 0, 0, 0, 1, 1, 2, 3, 5, 9]))
    ]
    IndicatorOccurrence.objects.bulk_create(rows, batch_size=BATCH)
    return f"demo map: {len(rows)} synthetic indicator occurrences in {len(codes)} kab/kota"
