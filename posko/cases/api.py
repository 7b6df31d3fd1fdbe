"""Officer JSON API for cases: list, detail, transition, assign, route (bearer-token auth)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from posko.accounts.api_auth import OfficerTokenAuth
from posko.cases import services
from posko.cases.choices import CLOSED_STAGES, Route, Stage
from posko.cases.deadlines import DUE_SOON, case_deadline_info
from posko.cases.models import Case, CaseQuerySet
from posko.cases.schemas import (
    AssignIn,
    CaseDetailOut,
    CaseOut,
    CasePage,
    ErrorOut,
    RouteIn,
    TransitionIn,
)
from posko.cases.workflow import ALLOWED_TRANSITIONS

router = Router(tags=["cases"], auth=OfficerTokenAuth())
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
ERRORS_PLUS = {400: ErrorOut, **ERRORS}


class CaseFilters(Schema):
    """Filters of the case list."""

    category: str | None = Field(default=None, max_length=40)
    region: str | None = Field(default=None, max_length=13, description="region code prefix")
    stage: Stage | None = None
    deadline: Literal["none", "ok", "due_soon", "overdue"] | None = None
    assignee: str | None = Field(default=None, max_length=150, description="username or 'none'")
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=50, ge=1, le=100)


def _error(status: int, code: str, message: str, field: str = "") -> Status[dict[str, Any]]:
    return Status(status, {"detail": [{"field": field, "code": code, "message": message}]})


def _workflow_error(exc: services.WorkflowError) -> Status[dict[str, Any]]:
    return _error(exc.status, exc.code, exc.message, exc.field)


def _deadline_filter(qs: CaseQuerySet, state: str, now: datetime) -> CaseQuerySet:
    open_ = ~Q(stage__in=CLOSED_STAGES)
    soon = now + DUE_SOON
    if state == "overdue":
        return qs.filter(open_, deadline_at__lt=now)
    if state == "due_soon":
        return qs.filter(open_, deadline_at__gte=now, deadline_at__lte=soon)
    if state == "ok":
        return qs.filter(open_, deadline_at__gt=soon)
    return qs.filter(Q(deadline_at__isnull=True) | Q(stage__in=CLOSED_STAGES))


def _actor(request: HttpRequest) -> Any:
    """The officer that OfficerTokenAuth authenticated."""
    return getattr(request, "auth", None)


def _visible(request: HttpRequest) -> CaseQuerySet:
    return (
        Case.objects.visible_to(_actor(request))
        .select_related("assignee")
        .annotate(report_count=Count("reports"))
    )


def case_out(case: Case, now: datetime) -> dict[str, Any]:
    """The CaseOut payload of a case (report_count comes from an annotation when present)."""
    info = case_deadline_info(case, now)
    count = getattr(case, "report_count", None)
    return {
        "id": case.pk,
        "stage": case.stage,
        "stage_label": str(case.get_stage_display()),
        "route": case.route,
        "route_label": str(Route(case.route).label) if case.route else "",
        "category": case.category,
        "region_code": case.region_code,
        "assignee": case.assignee.get_username() if case.assignee else None,
        "opened_at": case.opened_at,
        "stage_entered_at": case.stage_entered_at,
        "closed_at": case.closed_at,
        "merged_into": case.merged_into_id,
        "report_count": count if count is not None else case.reports.count(),
        "deadline": None
        if info is None
        else {
            "rule": info.rule_id,
            "label": info.label,
            "label_en": info.label_en,
            "due_at": info.due_at,
            "unit": info.unit,
            "unit_confirmed": info.unit_confirmed,
            "citation": info.citation,
            "status": info.status,
            "state": info.state,
            "note": info.note,
        },
    }


def case_detail(case: Case, now: datetime) -> dict[str, Any]:
    """The CaseDetailOut payload: history and report summaries, never reporter identity."""
    payload = case_out(case, now)
    payload["allowed_transitions"] = sorted(ALLOWED_TRANSITIONS[Stage(case.stage)] - {Stage.MERGED})
    payload["events"] = [
        {
            "at": e.at,
            "actor": e.actor.get_username() if e.actor else None,
            "kind": e.kind,
            "from_stage": e.from_stage,
            "to_stage": e.to_stage,
            "reason": e.reason,
        }
        for e in case.events.select_related("actor")
    ]
    reports = case.reports.annotate(
        evidence_count=Count("evidence", distinct=True),
        message_count=Count("messages", distinct=True),
    ).order_by("submitted_at", "pk")
    payload["reports"] = [
        {
            "id": r.pk,
            "category": r.category,
            "description": r.description,
            "occurred_at": r.occurred_at,
            "discovered_at": r.discovered_at,
            "submitted_at": r.submitted_at,
            "region_code": r.region_code,
            "place_detail": r.place_detail,
            "tps_number": r.tps_number,
            "terlapor": r.terlapor,
            "filed_late": r.filed_late,
            "requirements": r.requirements or {},
            "neutrality_verdict": r.neutrality_verdict,
            "evidence_count": r.evidence_count,
            "message_count": r.message_count,
        }
        for r in reports
    ]
    return payload


@router.get("/cases", response={200: CasePage, **ERRORS}, summary="List cases visible to you")
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    """Cases the officer may see, filtered and paginated, most urgent deadline first."""
    now = timezone.now()
    qs = _visible(request)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.region:
        qs = qs.filter(region_code__startswith=filters.region)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.deadline:
        qs = _deadline_filter(qs, filters.deadline, now)
    if filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee:
        qs = qs.filter(assignee__username=filters.assignee)
    qs = qs.order_by("deadline_at", "-opened_at", "pk")
    total = qs.count()
    start = (filters.page - 1) * filters.page_size
    page = list(qs[start : start + filters.page_size])
    return {
        "count": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [case_out(c, now) for c in page],
    }


def _get(request: HttpRequest, case_id: int) -> Case | None:
    return _visible(request).filter(pk=case_id).first()


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS}, summary="One case")
def get_case(request: HttpRequest, case_id: int) -> Any:
    """A case with its history and reports; 404 when it does not exist or is not yours."""
    case = _get(request, case_id)
    if case is None:
        return _error(404, "not_found", _("Kasus tidak ditemukan."))
    return case_detail(case, timezone.now())


@router.post(
    "/cases/{case_id}/transition", response={200: CaseOut, **ERRORS_PLUS}, summary="Change stage"
)
def transition(request: HttpRequest, case_id: int, body: TransitionIn) -> Any:
    """Move the case to `to_stage`; exits need a reason."""
    case = _get(request, case_id)
    if case is None:
        return _error(404, "not_found", _("Kasus tidak ditemukan."))
    try:
        services.transition_case(case, body.to_stage, actor=_actor(request), reason=body.reason)
    except services.WorkflowError as exc:
        return _workflow_error(exc)
    return case_out(_get(request, case_id) or case, timezone.now())


@router.post("/cases/{case_id}/assign", response={200: CaseOut, **ERRORS_PLUS}, summary="Assign")
def assign(request: HttpRequest, case_id: int, body: AssignIn) -> Any:
    """Assign the case to an officer by username, or unassign with null."""
    case = _get(request, case_id)
    if case is None:
        return _error(404, "not_found", _("Kasus tidak ditemukan."))
    assignee = None
    if body.assignee:
        assignee = get_user_model()._default_manager.filter(username=body.assignee).first()
        if assignee is None:
            return _error(422, "invalid_assignee", _("Petugas tidak ditemukan."), "assignee")
    try:
        services.assign_case(case, assignee, actor=_actor(request))
    except services.WorkflowError as exc:
        return _workflow_error(exc)
    return case_out(_get(request, case_id) or case, timezone.now())


@router.post("/cases/{case_id}/route", response={200: CaseOut, **ERRORS_PLUS}, summary="Route")
def route(request: HttpRequest, case_id: int, body: RouteIn) -> Any:
    """Send the case to Gakkumdu, AGHT, Datun, Pidsus or BKN."""
    case = _get(request, case_id)
    if case is None:
        return _error(404, "not_found", _("Kasus tidak ditemukan."))
    try:
        services.route_case(case, body.route, actor=_actor(request), reason=body.reason)
    except services.WorkflowError as exc:
        return _workflow_error(exc)
    return case_out(_get(request, case_id) or case, timezone.now())
