"""Early warning: a day's reports per kab/kota × category against its own recent baseline.

Rule (numbers in data/index_method.yaml, `spikes`): with λ = max(mean reports per day over the
`baseline_days` days before `on`, `min_baseline_mean`), a cell is a spike when its count X on
`on` has Poisson upper-tail probability P(X ≥ observed | λ) < `p_value` and observed ≥
`min_count`. The threshold stored on the alert is the smallest count that would have fired.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from posko.core import audit
from posko.mapping.catalogue import method
from posko.mapping.models import DailyCount, SpikeAlert

__all__ = [
    "SpikeAlert",
    "acknowledge_alert",
    "active_alerts",
    "detect_spikes",
    "poisson_tail",
    "spike_threshold",
]


class AlertError(PermissionError):
    """The actor may not acknowledge alerts."""


def poisson_tail(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam), summed upward so tiny tails keep their precision."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    log_term = -lam + k * math.log(lam) - math.lgamma(k + 1)
    total, i = 0.0, k
    while True:
        term = math.exp(log_term)
        total += term
        i += 1
        log_term += math.log(lam) - math.log(i)
        # Stop once past the mode and the terms no longer matter, or underflow to zero
        # (a count far above the mean: the tail is below 1e-300 and reported as 0.0).
        if i > lam and (term < total * 1e-15 or term == 0.0):
            break
    return min(total, 1.0)


def spike_threshold(lam: float, *, p_value: float, min_count: int) -> int:
    """The smallest count k ≥ min_count with P(X ≥ k | lam) < p_value."""
    k = max(min_count, math.floor(lam))
    while poisson_tail(k, lam) >= p_value:
        k += 1
    return k


def detect_spikes(*, on: date) -> list[SpikeAlert]:
    """Raise (or refresh) alerts for every cell spiking on `on`; idempotent per cell and day."""
    rule = method().spikes
    days, p_max = int(rule["baseline_days"]), rule["p_value"]
    min_count, floor = int(rule["min_count"]), rule["min_baseline_mean"]
    today = {
        (r["region_code"], r["category"]): r["reports"]
        for r in DailyCount.objects.filter(day=on, reports__gte=min_count)
        .exclude(region_code="")
        .values("region_code", "category", "reports")
    }
    if not today:
        return []
    baseline = {
        (r["region_code"], r["category"]): r["n"]
        for r in DailyCount.objects.filter(
            day__gte=on - timedelta(days=days),
            day__lt=on,
            region_code__in={c[0] for c in today},
            category__in={c[1] for c in today},
        )
        .values("region_code", "category")
        .annotate(n=Sum("reports"))
        .order_by()
    }
    raised: list[SpikeAlert] = []
    with transaction.atomic():
        for (region, category), observed in sorted(today.items()):
            mean = baseline.get((region, category), 0) / days
            lam = max(mean, floor)
            threshold = spike_threshold(lam, p_value=p_max, min_count=min_count)
            if observed < threshold:
                continue
            alert, _ = SpikeAlert.objects.update_or_create(
                region_code=region,
                category=category,
                day=on,
                defaults={
                    "observed": observed,
                    "expected": round(mean, 4),
                    "baseline_days": days,
                    "threshold": threshold,
                    "p_value": poisson_tail(observed, lam),
                },
            )
            raised.append(alert)
    return raised


def acknowledge_alert(alert: SpikeAlert, *, actor: Any, note: str = "") -> SpikeAlert:
    """An officer confirms they have seen the alert (and says what follows); audited."""
    from posko.accounts.permissions import can

    if not can(actor, "dashboard"):
        raise AlertError("only officers may acknowledge alerts")
    with transaction.atomic():
        locked = SpikeAlert.objects.select_for_update().get(pk=alert.pk)
        locked.acknowledged_by = actor
        locked.acknowledged_at = timezone.now()
        locked.note = note.strip()
        locked.save(update_fields=["acknowledged_by", "acknowledged_at", "note", "updated_at"])
        audit.record(actor, "alert.acknowledge", locked, note=locked.note)
    return locked


def active_alerts(*, on: date, days: int = 7, region: str | None = None) -> list[SpikeAlert]:
    """Unacknowledged alerts of the `days` days up to `on`, optionally within a region."""
    qs = SpikeAlert.objects.filter(
        day__gt=on - timedelta(days=days), day__lte=on, acknowledged_at__isnull=True
    )
    if region:
        qs = qs.filter(region_code__startswith=region)
    return list(qs.order_by("p_value", "-day", "region_code"))
