"""Officer pages (read side): triage queue, case detail, dashboard and evidence download."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from posko.accounts.permissions import can, role_of
from posko.accounts.roles import Role
from posko.cases import forms
from posko.cases.access import (
    allowed_next_stages,
    may_message,
    officer_required,
)
from posko.cases.choices import CLOSED_STAGES, STAGE_COLOURS, Stage
from posko.cases.deadlines import DUE_SOON, case_deadline_info, deadline_state
from posko.cases.models import Case, CaseEvent
from posko.regions.lookup import get_region
from posko.reports.models import Evidence, Report

QUEUE_PAGE_SIZE = 50
# Received reports older than this while still unfiled mean the worker is not running.
INTAKE_STALLED_MINUTES = 2


@dataclass(frozen=True)
class QueueRow:
    """One case as the queue shows it."""

    case: Case
    reports: list[Report]
    category: str
    region: str
    state: str

    @property
    def summary(self) -> str:
        """The first report's description, shortened for the list."""
        text = self.reports[0].description if self.reports else ""
        return text if len(text) <= 140 else text[:139] + "…"


EVENT_KINDS = {
    "open": _("Kasus dibuka"),
    "transition": _("Perpindahan tahap"),
    "assign": _("Penugasan"),
    "route": _("Rute"),
    "merge": _("Penggabungan"),
    "info_request": _("Permintaan keterangan ke pelapor"),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One CaseEvent with readable labels: who, when, what and why."""

    at: datetime
    actor: str
    kind: str
    from_stage: str
    to_stage: str
    reason: str

    @classmethod
    def of(cls, event: CaseEvent) -> TimelineEntry:
        """Labels for an event in the active language."""
        labels = dict(Stage.choices)
        return cls(
            at=event.at,
            actor=event.actor.get_username() if event.actor else "",
            kind=str(EVENT_KINDS.get(event.kind, event.kind)),
            from_stage=str(labels.get(event.from_stage, event.from_stage)),
            to_stage=str(labels.get(event.to_stage, event.to_stage)),
            reason=event.reason,
        )


def region_name(code: str) -> str:
    """'Name (code)' of a Kemendagri region, or the bare code when unknown."""
    if not code:
        return ""
    record = get_region(code)
    return f"{record.name} ({code})" if record else code


def filter_cases(cases: QuerySet[Case], data: dict[str, Any], now: datetime) -> QuerySet[Case]:
    """Apply the queue filters; without a stage filter only open cases are listed."""
    if data.get("stage"):
        cases = cases.filter(stage=data["stage"])
    else:
        cases = cases.exclude(stage__in=CLOSED_STAGES)
    if data.get("category"):
        cases = cases.filter(category=data["category"])
    if data.get("region"):
        cases = cases.filter(region_code__startswith=data["region"].strip())
    if data.get("deadline") == "overdue":
        cases = cases.exclude(stage__in=CLOSED_STAGES).filter(deadline_at__lt=now)
    elif data.get("deadline") == "due_soon":
        cases = cases.exclude(stage__in=CLOSED_STAGES).filter(
            deadline_at__gte=now, deadline_at__lte=now + DUE_SOON
        )
    if data.get("assignee") == "none":
        cases = cases.filter(assignee__isnull=True)
    elif data.get("assignee"):
        cases = cases.filter(assignee_id=data["assignee"])
    query = (data.get("q") or "").strip()
    if query:
        # A subquery instead of a join keeps one row per case without DISTINCT.
        matching = Report.objects.filter(
            Q(description__icontains=query)
            | Q(tracking_code__icontains=query.replace(" ", ""))
            | Q(terlapor__icontains=query)
            | Q(place_detail__icontains=query)
        ).values("case_id")
        cases = cases.filter(pk__in=matching)
    return cases


@require_GET
@officer_required("view_queue", "view_own_cases")
def queue(request: HttpRequest) -> HttpResponse:
    """The triage queue: filters, search, highlighted deadlines and bulk actions."""
    now = timezone.now()
    filter_form = forms.QueueFilterForm(request.GET or None)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    cases = filter_cases(Case.objects.visible_to(request.user), data, now)
    cases = (
        cases.select_related("assignee")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.only(
                    "id", "case_id", "tracking_code", "description", "submitted_at"
                ).order_by("submitted_at"),
            )
        )
        .order_by(F("deadline_at").asc(nulls_last=True), "-opened_at", "pk")
    )
    page = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        QueueRow(
            case=case,
            reports=list(case.reports.all()),
            category=forms.category_label(case.category),
            region=region_name(case.region_code),
            state=deadline_state(case, now),
        )
        for case in page
    ]
    bulk_allowed = any(can(request.user, c) for c in ("assign", "route", "close", "advance_any"))
    bulk_form = forms.BulkActionForm(case_ids=[]) if bulk_allowed else None
    if bulk_form is not None:
        # Reuse the filter form's officer list instead of querying it twice.
        bulk_form.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *filter_form.fields["assignee"].choices[2:],  # type: ignore[attr-defined]
        ]
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "cases/queue.html",
        {
            "filter_form": filter_form,
            "bulk_form": bulk_form,
            "rows": rows,
            "page": page,
            "query_without_page": query_without_page.urlencode(),
            "own_only": not can(request.user, "view_queue"),
            "stage_colours": STAGE_COLOURS,
            "intake": _intake_notice(now) if can(request.user, "view_queue") else None,
        },
    )


def _intake_notice(now: datetime) -> dict[str, int] | None:
    """Reports acknowledged to citizens but not yet filed as cases (the worker files them)."""
    from posko.reports.intake import backlog

    waiting, oldest = backlog()
    if not waiting or oldest is None:
        return None
    minutes = int((now - oldest).total_seconds() // 60)
    return {"waiting": waiting, "minutes": minutes, "stalled": minutes >= INTAKE_STALLED_MINUTES}


@require_GET
@officer_required("view_queue", "view_own_cases")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case: its reports, evidence, timeline, deadline and the actions this user may take."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("assignee", "merged_into"), pk=pk
    )
    return render(request, "cases/detail.html", detail_context(request, case))


def detail_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    """Everything the detail page shows; also used to re-render it after a failed action."""
    from posko.cases import services as case_services

    user = request.user
    now = timezone.now()
    reports = list(
        case.reports.prefetch_related(
            "witnesses",
            "evidence",
            Prefetch("messages", queryset=_messages_queryset()),
        ).order_by("submitted_at")
    )
    events = [
        TimelineEntry.of(event)
        for event in CaseEvent.objects.filter(case=case)
        .select_related("actor")
        .order_by("at", "id")
    ]
    similar: list[tuple[Case, float]] = []
    if case.stage not in CLOSED_STAGES:
        # Only cases this user may open are suggested.
        similar = case_services.similar_cases(case, user=user)
    can_assign = can(user, "assign")
    context: dict[str, Any] = {
        "case": case,
        "reports": reports,
        "category": forms.category_label(case.category),
        "region": region_name(case.region_code),
        "events": events,
        "deadline": case_deadline_info(case, now),
        "next_stages": allowed_next_stages(user, case),
        "transition_form": forms.TransitionForm(),
        "assign_form": forms.AssignForm(initial={"assignee": case.assignee_id})
        if can_assign
        else None,
        "route_form": forms.RouteForm(initial={"route": case.route})
        if can(user, "route")
        else None,
        "can_merge": can(user, "merge") and case.stage not in CLOSED_STAGES,
        "can_message": may_message(user, case) and case.stage != Stage.MERGED,
        "can_view_identity": can(user, "view_identity"),
        "similar": similar,
        "message_form": forms.MessageForm(),
        "stage_colours": STAGE_COLOURS,
        "revealed_report_id": None,
        "revealed_identity": None,
    }
    context.update(extra)
    return context


def _messages_queryset() -> QuerySet[Any]:
    from posko.reports.models import Message

    return Message.objects.select_related("author").order_by("created_at", "id")


@require_GET
@officer_required("dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    """Read-only counts for pimpinan: by stage, by category, and the deadline picture."""
    now = timezone.now()
    cases = Case.objects.visible_to(request.user)
    open_cases = cases.exclude(stage__in=CLOSED_STAGES)
    stage_labels = dict(Stage.choices)
    by_stage = [
        (stage_labels.get(row["stage"], row["stage"]), row["n"])
        for row in cases.values("stage").annotate(n=Count("id")).order_by("stage")
    ]
    by_category = [
        (forms.category_label(row["category"]), row["n"])
        for row in cases.values("category").annotate(n=Count("id")).order_by("-n", "category")
    ]
    return render(
        request,
        "cases/dashboard.html",
        {
            "total": cases.count(),
            "open_total": open_cases.count(),
            "overdue": open_cases.filter(deadline_at__lt=now).count(),
            "due_soon": open_cases.filter(
                deadline_at__gte=now, deadline_at__lte=now + DUE_SOON
            ).count(),
            "unassigned": open_cases.filter(assignee__isnull=True).count(),
            "by_stage": by_stage,
            "by_category": by_category,
            "since": now - timedelta(days=7),
            "new_this_week": cases.filter(opened_at__gte=now - timedelta(days=7)).count(),
            "is_pimpinan": role_of(request.user) == Role.PIMPINAN,
        },
    )


@require_GET
@officer_required("view_queue", "view_own_cases")
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Stream an evidence file to an officer who may see its case; never from a public URL."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("report"),
        pk=pk,
        report__case__in=Case.objects.visible_to(request.user),
    )
    root = Path(settings.EVIDENCE_DIR).resolve()
    path = (root / evidence.storage_name).resolve()
    if root not in path.parents or not path.is_file():
        raise Http404("evidence file missing")
    extension = mimetypes.guess_extension(evidence.content_type) or ""
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{evidence.report.tracking_code}-{evidence.pk}{extension}",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
