"""Map pages: officers' choropleth with drill-down, region explanation, alerts, indicator form,
and the public aggregated map (no points, small counts suppressed)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from posko.cases.access import officer_required
from posko.mapping import alerts as alert_service
from posko.mapping.catalogue import catalogue, method
from posko.mapping.clusters import cluster_points, kecamatan_timeline, timeline
from posko.mapping.forms import AcknowledgeForm, MapFilterForm, OccurrenceForm
from posko.mapping.index import IndexError_, explain_region, region_scores, window
from posko.mapping.models import SpikeAlert
from posko.mapping.services import OccurrenceError, OccurrenceInput, record_occurrence
from posko.mapping.svgmap import bar_chart_svg, choropleth_svg, legend_items

SUPPRESS_BELOW = 3  # public page: counts 1-2 are shown as "< 3"
HOTSPOTS = 15


def _filters(request: HttpRequest, *, public: bool = False) -> tuple[MapFilterForm, dict[str, Any]]:
    form = MapFilterForm(request.GET or None, public=public)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    on = data.get("date") or timezone.localdate()
    return form, {
        "region": data.get("region") or "",
        "category": data.get("category") or None,
        "stage": None if public else (data.get("stage") or None),
        "date_from": data.get("date_from"),
        "on": on,
        "legacy": bool(data.get("legacy")),
    }


def _level_below(region: str) -> str:
    return {0: "provinsi", 2: "kabkota", 5: "kecamatan"}.get(len(region), "kecamatan")


def _query(request: HttpRequest, **changes: str) -> str:
    params = {k: v for k, v in request.GET.items() if v}
    params.update(changes)
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _breadcrumbs(region: str) -> list[tuple[str, str]]:
    from posko.regions.lookup import get_region

    crumbs = []
    for length in (2, 5, 8):
        if len(region) >= length:
            rec = get_region(region[:length])
            crumbs.append((region[:length], rec.name if rec else region[:length]))
    return crumbs


def _scores(f: dict[str, Any], level: str) -> list[Any]:
    parent = f["region"][:8] if f["region"] else None
    if level == "kecamatan" and f["region"] and len(f["region"]) == 8:
        parent = f["region"][:5]
    return region_scores(
        level,
        parent=parent,
        on=f["on"],
        date_from=f["date_from"],
        category=f["category"],
        stage=f["stage"],
    )


@officer_required("dashboard")
def officer_map(request: HttpRequest) -> HttpResponse:
    """Choropleth of provinces or of one province's kab/kota; kecamatan as a ranked table."""
    form, f = _filters(request)
    level = _level_below(f["region"])
    scores = _scores(f, level)
    if f["legacy"]:
        for s in scores:
            s.band = s.legacy_band
    first, last = window(f["on"], f["date_from"])
    points = cluster_points(f["region"], first, last, category=f["category"], stage=f["stage"])
    svg = choropleth_svg(
        level,
        scores,
        parent=f["region"] or None,
        points=points,
        href=lambda code: request.path + _query(request, region=code),
        title=_("Peta kerawanan"),
        legend=False,
    )
    return render(
        request,
        "mapping/officer_map.html",
        {
            "form": form,
            "filters": f,
            "level": level,
            "svg": mark_safe(svg),  # built by svgmap with every text escaped
            "legend": legend_items(),
            "hotspots": scores[:HOTSPOTS],
            "scores": scores,
            "crumbs": _breadcrumbs(f["region"]),
            "alerts": alert_service.active_alerts(on=f["on"], region=f["region"] or None),
            "first": first,
            "method": method(),
            "query": _query(request),
        },
    )


@officer_required("dashboard")
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """ "Why is this region high?": contributors, timeline and the method in brief."""
    form, f = _filters(request)
    try:
        score = explain_region(
            code,
            on=f["on"],
            date_from=f["date_from"],
            category=f["category"],
            stage=f["stage"],
        )
    except IndexError_:
        raise Http404 from None
    first, last = window(f["on"], f["date_from"])
    if len(code) == 8:
        series = kecamatan_timeline(code, first, last, category=f["category"])
    else:
        series = timeline(code, first, last, category=f["category"], stage=f["stage"])
    chart = bar_chart_svg([(d.strftime("%d-%m"), n) for d, n in series])
    return render(
        request,
        "mapping/region_detail.html",
        {
            "form": form,
            "score": score,
            "crumbs": _breadcrumbs(code),
            "chart": mark_safe(chart),  # built by svgmap with every text escaped
            "series": series,
            "first": first,
            "last": last,
            "method": method(),
            "catalogue": catalogue(),
        },
    )


@officer_required("dashboard")
def alert_list(request: HttpRequest) -> HttpResponse:
    """Spike alerts of the last 14 days, newest first, with their numbers."""
    today = timezone.localdate()
    alerts = SpikeAlert.objects.select_related("acknowledged_by").filter(
        day__gte=date.fromordinal(today.toordinal() - 14)
    )
    return render(
        request, "mapping/alerts.html", {"alerts": alerts[:200], "form": AcknowledgeForm()}
    )


@require_POST
@officer_required("dashboard")
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge one alert (POST)."""
    alert = get_object_or_404(SpikeAlert, pk=pk)
    form = AcknowledgeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    alert_service.acknowledge_alert(alert, actor=request.user, note=note)
    messages.success(request, _("Peringatan ditandai sudah ditindaklanjuti."))
    return redirect("mapping:alerts")


@require_http_methods(["GET", "POST"])
@officer_required("dashboard")
def indicator_new(request: HttpRequest) -> HttpResponse:
    """Record an indicator occurrence."""
    form = OccurrenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item = OccurrenceInput(
            d["region_code"].strip(), d["indicator"], d["date"], d["source"], d["note"]
        )
        try:
            record_occurrence(item, actor=request.user, today=timezone.localdate())
        except OccurrenceError as exc:
            form.add_error(exc.field or None, exc.message)
        else:
            messages.success(request, _("Kejadian indikator tercatat."))
            return redirect("mapping:indicator_new")
    return render(request, "mapping/indicator_form.html", {"form": form, "catalogue": catalogue()})


def _public_count(n: int) -> str:
    return "0" if n == 0 else (f"< {SUPPRESS_BELOW}" if n < SUPPRESS_BELOW else str(n))


def public_map(request: HttpRequest) -> HttpResponse:
    """The public, aggregated map: bands and suppressed counts, never a point or a report."""
    form, f = _filters(request, public=True)
    region = f["region"][:2]  # the public drills down to kab/kota at most
    f["region"] = region
    level = _level_below(region)
    scores = _scores(f, level)
    svg = choropleth_svg(
        level,
        scores,
        parent=region or None,
        href=lambda code: request.path + _query(request, region=code) if len(code) == 2 else "",
        title=_("Peta kerawanan (publik)"),
        legend=False,
    )
    rows = [
        {
            "code": s.code,
            "name": s.name,
            "band": s.band,
            "band_label": s.band_label,
            "score": round(s.score),
            "reports": _public_count(s.reports),
        }
        for s in scores
    ]
    return render(
        request,
        "mapping/public_map.html",
        {
            "form": form,
            "svg": mark_safe(svg),
            "legend": legend_items(),
            "rows": rows,
            "filters": f,
            "level": level,
            "crumbs": _breadcrumbs(region),
            "method": method(),
        },
    )
