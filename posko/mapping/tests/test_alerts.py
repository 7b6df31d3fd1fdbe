"""Spike detection: a planted burst raises an alert; Poisson noise of the same mean does not."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from posko.mapping.alerts import acknowledge_alert, detect_spikes, poisson_tail, spike_threshold
from posko.mapping.models import DailyCount

ON = date(2024, 11, 20)


def _series(region: str, counts: list[int], last: date) -> None:
    start = last - timedelta(days=len(counts) - 1)
    DailyCount.objects.bulk_create(
        DailyCount(
            region_code=region,
            category="politik_uang",
            day=start + timedelta(days=i),
            reports=n,
            n_received=n,
        )
        for i, n in enumerate(counts)
        if n
    )


def test_poisson_tail_matches_closed_form() -> None:
    # P(X >= 1 | 2) = 1 - e^-2; P(X >= 3 | 2) = 1 - e^-2 (1 + 2 + 2)
    assert poisson_tail(1, 2.0) == pytest.approx(0.8646647, abs=1e-7)
    assert poisson_tail(3, 2.0) == pytest.approx(0.3233236, abs=1e-7)
    assert poisson_tail(0, 5.0) == 1.0
    # Mean 2/day: 9 reports have tail 0.000237 < 0.001, 8 have 0.001097 -> threshold 9.
    assert poisson_tail(8, 2.0) == pytest.approx(0.0010967, abs=1e-7)
    assert poisson_tail(9, 2.0) == pytest.approx(0.0002374, abs=1e-7)
    assert spike_threshold(2.0, p_value=0.001, min_count=5) == 9
    # An empty baseline uses the floor 0.25/day: the minimum count decides.
    assert spike_threshold(0.25, p_value=0.001, min_count=5) == 5


@pytest.mark.django_db
def test_planted_burst_raises_alert_with_numbers() -> None:
    _series("91.01", [2] * 28 + [14], ON)  # baseline mean exactly 2.0
    (alert,) = detect_spikes(on=ON)
    assert (alert.region_code, alert.category, alert.day) == ("91.01", "politik_uang", ON)
    assert alert.observed == 14
    assert alert.expected == 2.0
    assert alert.threshold == 9
    assert alert.p_value == pytest.approx(poisson_tail(14, 2.0))
    assert alert.p_value < 1e-6
    assert "14 laporan" in alert.explanation() and "2.00 per hari" in alert.explanation()
    # Idempotent: a second run keeps one row.
    detect_spikes(on=ON)
    assert alert.__class__.objects.count() == 1


@pytest.mark.django_db
def test_poisson_noise_of_same_mean_raises_nothing() -> None:
    rng = random.Random(7)

    def poisson(lam: float) -> int:  # Knuth's method
        limit, k, p = 2.718281828459045**-lam, 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1

    noise = [poisson(2.0) for _ in range(120)]
    _series("91.02", noise, ON)
    fired = [d for d in range(28, 120) if detect_spikes(on=ON - timedelta(days=119 - d))]
    assert max(noise) < 9  # this seed's noise never reaches the threshold of 9
    assert fired == []


@pytest.mark.django_db
def test_small_counts_never_alert() -> None:
    _series("91.03", [0] * 28 + [4], ON)  # 4 from nothing: p tiny, but below min_count 5
    assert detect_spikes(on=ON) == []


@pytest.mark.django_db
def test_acknowledge_is_audited(make_officer: Any) -> None:
    from posko.core.models import AuditEvent

    _series("91.01", [1] * 28 + [10], ON)
    (alert,) = detect_spikes(on=ON)
    officer = make_officer("petugas")
    done = acknowledge_alert(alert, actor=officer, note="Sudah dicek ke Panwascam")
    assert done.acknowledged_by == officer and done.acknowledged_at is not None
    assert AuditEvent.objects.filter(verb="alert.acknowledge", target_id=str(alert.pk)).count() == 1
    with pytest.raises(PermissionError):
        acknowledge_alert(alert, actor="public")


def test_poisson_tail_far_above_the_mean_terminates() -> None:
    # exp() underflows for 500 reports against a mean of 3; the tail is reported as 0.0.
    assert poisson_tail(500, 3.0) == 0.0
    assert 0.0 < poisson_tail(60, 3.0) < 1e-40
