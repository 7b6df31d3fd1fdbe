"""Pydantic schemas of the officer case API; reporter identity never appears here."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field


class ErrorItem(Schema):
    """One problem: the field it concerns, a machine code, a message for people."""

    field: str
    code: str
    message: str


class ErrorOut(Schema):
    """Every error response: a list of coded problems."""

    detail: list[ErrorItem]


class DeadlineOut(Schema):
    """The running clock of a case and the rule behind it."""

    rule: str
    label: str
    label_en: str
    due_at: datetime | None
    unit: str
    unit_confirmed: bool
    citation: str
    status: str
    state: Literal["none", "ok", "due_soon", "overdue"]
    note: str


class CaseOut(Schema):
    """A case as the queue shows it."""

    id: int
    stage: str
    stage_label: str
    route: str
    route_label: str
    category: str
    region_code: str
    assignee: str | None
    opened_at: datetime
    stage_entered_at: datetime
    closed_at: datetime | None
    merged_into: int | None
    report_count: int
    deadline: DeadlineOut | None


class EventOut(Schema):
    """One step of the case history: who, when, why."""

    at: datetime
    actor: str | None
    kind: str
    from_stage: str
    to_stage: str
    reason: str


class ReportSummaryOut(Schema):
    """What officers handling a case read about one report (no reporter identity)."""

    id: int
    category: str
    description: str
    occurred_at: datetime | None
    discovered_at: datetime
    submitted_at: datetime
    region_code: str
    place_detail: str
    tps_number: str
    terlapor: str
    filed_late: bool
    requirements: dict[str, Any]
    neutrality_verdict: dict[str, Any] | None
    evidence_count: int
    message_count: int


class CaseDetailOut(CaseOut):
    """A case with its history and its reports."""

    allowed_transitions: list[str]
    events: list[EventOut]
    reports: list[ReportSummaryOut]


class CasePage(Schema):
    """One page of the case list."""

    count: int
    page: int
    page_size: int
    results: list[CaseOut]


class TransitionIn(Schema):
    """Move a case to another stage."""

    to_stage: str = Field(min_length=1, max_length=20)
    reason: str = Field(default="", max_length=5000)


class AssignIn(Schema):
    """Assign to an officer by username, or null to unassign."""

    assignee: str | None = Field(default=None, max_length=150)


class RouteIn(Schema):
    """Send a case to a route."""

    route: str = Field(min_length=1, max_length=20)
    reason: str = Field(default="", max_length=5000)
