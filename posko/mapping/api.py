"""JSON API: vulnerability scores (+ GeoJSON) and spike alerts, for officers (token or session)."""

from __future__ import annotations

import json
from datetime import date as Date
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from posko.accounts.api_auth import OfficerTokenAuth
from posko.accounts.permissions import can
from posko.mapping.geo import features
from posko.mapping.index import IndexError_, RegionScore, region_scores
from posko.mapping.models import SpikeAlert

router = Router(tags=["mapping"], auth=[OfficerTokenAuth(), django_auth])
TOP_CONTRIBUTORS = 5


class ContributorOut(Schema):
    """One contributor to a score."""

    kind: str
    key: str
    label: str
    detail: str
    points: float
    source: str


class ScoreOut(Schema):
    """A region's score, band and top contributors."""

    code: str
    name: str
    level: str
    score: float
    band: str
    legacy_band: str
    reports: int
    verified: int
    indicators: int
    indicator_score: float
    report_score: float
    population: int | None
    contributors: list[ContributorOut]


class ScoresOut(Schema):
    """Scores for one level on one date."""

    level: str
    parent: str | None
    date: Date
    method_version: str
    thresholds_status: str = "U"
    results: list[ScoreOut]


class VulnerabilityQuery(Schema):
    """Query parameters of the vulnerability endpoints."""

    level: Literal["provinsi", "kabkota", "kecamatan"] = "provinsi"
    parent: str | None = Field(default=None, max_length=13)
    date: Date | None = None
    date_from: Date | None = None
    category: str | None = Field(default=None, max_length=40)
    stage: str | None = Field(default=None, max_length=20)


class AlertOut(Schema):
    """A spike alert with the numbers behind it."""

    id: int
    region_code: str
    category: str
    day: Date
    observed: int
    expected: float
    baseline_days: int
    threshold: int
    p_value: float
    explanation: str
    acknowledged: bool
    acknowledged_by: str | None
    note: str


def _officer(request: HttpRequest) -> None:
    if not can(request.user, "dashboard"):
        raise HttpError(403, "officers only")


def _scores(q: VulnerabilityQuery) -> list[RegionScore]:
    try:
        return region_scores(
            q.level,
            parent=q.parent or None,
            on=q.date or timezone.localdate(),
            date_from=q.date_from,
            category=q.category or None,
            stage=q.stage or None,
        )
    except IndexError_ as exc:
        raise HttpError(422, str(exc)) from None


def _out(s: RegionScore) -> dict[str, Any]:
    return {
        **{k: getattr(s, k) for k in ScoreOut.model_fields if k != "contributors"},
        "contributors": [vars_of(c) for c in s.contributors[:TOP_CONTRIBUTORS]],
    }


def vars_of(obj: Any) -> dict[str, Any]:
    """A slotted dataclass as a dict."""
    return {name: getattr(obj, name) for name in obj.__slots__}


@router.get("/vulnerability", response=ScoresOut)
def vulnerability(request: HttpRequest, q: Query[VulnerabilityQuery]) -> dict[str, Any]:
    """Scores 0-100, bands (project thresholds [U]; IKP 2022 legacy [V]), top contributors."""
    from posko.mapping.catalogue import method

    _officer(request)
    return {
        "level": q.level,
        "parent": q.parent,
        "date": q.date or timezone.localdate(),
        "method_version": method().version,
        "results": [_out(s) for s in _scores(q)],
    }


@router.get("/vulnerability.geojson")
def vulnerability_geojson(request: HttpRequest, q: Query[VulnerabilityQuery]) -> HttpResponse:
    """Boundaries (simplified, cahyadsn/wilayah_boundaries, MIT) with score properties."""
    _officer(request)
    if q.level == "kecamatan":
        raise HttpError(422, "no kecamatan polygons are shipped; use /vulnerability")
    shapes = features(q.level)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "kode": s.code,
                    "nama": s.name,
                    "score": s.score,
                    "band": s.band,
                    "legacy_band": s.legacy_band,
                    "reports": s.reports,
                },
                "geometry": {"type": "MultiPolygon", "coordinates": shapes[s.code]["polygons"]},
            }
            for s in _scores(q)
            if s.code in shapes
        ],
    }
    return HttpResponse(
        json.dumps(collection, separators=(",", ":")), content_type="application/geo+json"
    )


@router.get("/alerts", response=list[AlertOut])
def alerts(
    request: HttpRequest, day: Date | None = None, include_acknowledged: bool = False
) -> list[dict[str, Any]]:
    """Spike alerts (default: the last 7 days, unacknowledged), most significant first."""
    from datetime import timedelta

    _officer(request)
    on = day or timezone.localdate()
    qs = SpikeAlert.objects.select_related("acknowledged_by").filter(
        day__gt=on - timedelta(days=7), day__lte=on
    )
    if not include_acknowledged:
        qs = qs.filter(acknowledged_at__isnull=True)
    return [
        {
            **{k: getattr(a, k) for k in AlertOut.model_fields if hasattr(a, k)},
            "explanation": a.explanation(),
            "acknowledged": a.is_acknowledged,
            "acknowledged_by": a.acknowledged_by.get_username() if a.acknowledged_by else None,
        }
        for a in qs.order_by("p_value", "-day")[:500]
    ]
