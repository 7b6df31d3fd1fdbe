"""Public JSON API of reports: submit (JSON or multipart with files), follow and reply by code."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from posko.cases.choices import Stage
from posko.core.errors import InputError
from posko.core.ratelimit import PublicApiThrottle
from posko.neutrality.engine.parse import MAX_TEXT_CHARS
from posko.reports.intake import receive_report
from posko.reports.services import (
    ReportError,
    find_report,
    post_message,
    public_stage,
    public_status,
)
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.taxonomy import load_taxonomy
from posko.reports.tracking import InvalidTrackingCode, normalise_code
from posko.reports.validation import MAX_DESCRIPTION, MAX_MESSAGE

router = Router(tags=["reports"], throttle=[PublicApiThrottle("api")])


class WitnessIn(BaseModel):
    """A witness: a name, optionally how to reach them and what they saw."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    contact: str = Field("", max_length=200)
    statement: str = Field("", max_length=5000)


class ReportIn(BaseModel):
    """A public report. Times without a zone are Jakarta time (WIB)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    category: str = Field(description="A category id: " + ", ".join(load_taxonomy().categories))
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION)
    discovered_at: datetime = Field(description="When the reporter learnt of it (7-day clock)")
    occurred_at: datetime | None = None
    region_code: str = Field("", max_length=13, description="Kemendagri code, e.g. 31.71.01.1001")
    place_detail: str = Field("", max_length=300)
    tps_number: str = Field("", max_length=4, pattern=r"^\d{0,4}$")
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    keep_location: bool = Field(False, description="Keep GPS in uploaded photos (default: removed)")
    terlapor: str = Field("", max_length=2000, description="Who is reported")
    post_text: str = Field("", max_length=MAX_TEXT_CHARS, description="For netralitas_asn")
    reporter_name: str = Field("", max_length=200, description="Leave empty to stay anonymous")
    reporter_address: str = Field("", max_length=300)
    reporter_contact: str = Field("", max_length=200)
    witnesses: list[WitnessIn] = Field(default_factory=list, max_length=20)


class ReportErrorItem(Schema):
    """One problem: which field, a machine code and a message."""

    field: str
    code: str
    message: str


class ReportErrorOut(Schema):
    """Every error answer of this API."""

    detail: list[ReportErrorItem]


class RequirementCheckOut(Schema):
    """One formal or material requirement."""

    id: str
    group: str
    met: bool
    label: str
    explanation: str
    citation: str


class RequirementsOut(Schema):
    """The requirement check at submission (DOMAIN.md §5)."""

    outcome: str = Field(description="laporan (complete) or informasi_awal")
    outcome_label: str
    outcome_explanation: str
    anonymous: bool
    late: bool
    late_warning: str
    days_since_discovery: int | None
    report_days: int
    completion_days: int
    citation: str
    checks: list[RequirementCheckOut]
    missing: list[str]


class ReportCreatedOut(Schema):
    """The answer to a stored report: keep the tracking code, it is the only key."""

    tracking_code: str
    status: str
    status_label: str
    requirements: RequirementsOut


class TimelineOut(Schema):
    """A public status change."""

    at: str
    status: str
    label: str


class MessageOut(Schema):
    """A message between reporter and officers."""

    at: str
    author: str = Field(description="reporter or officer")
    body: str


class StatusOut(Schema):
    """What the holder of the code may see: never officer-only data."""

    tracking_code: str
    status: str
    status_label: str
    category: str
    category_label: str
    submitted_at: str
    filed_late: bool
    outcome: str
    evidence_count: int
    timeline: list[TimelineOut]
    messages: list[MessageOut]


class MessageIn(BaseModel):
    """A reply from the reporter."""

    model_config = ConfigDict(extra="forbid")
    body: str = Field(min_length=1, max_length=MAX_MESSAGE)


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace local $refs by their definitions, so the schema stands alone in openapi_extra."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")])
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return dict(walk(schema))


REPORT_SCHEMA = _inline(ReportIn.model_json_schema())
MULTIPART_SCHEMA = {
    "type": "object",
    "description": (
        "Evidence files in `files` (repeat the part for several). The report itself either as "
        "one `report` part holding the JSON object of application/json, or as flat parts with "
        "the same names (`witnesses` then holds a JSON array)."
    ),
    "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "report": {"type": "string", "description": "The JSON report object, as text"},
        **{name: {"type": "string"} for name in REPORT_SCHEMA["properties"]},
    },
}
SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": REPORT_SCHEMA},
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
        },
    }
}
TRUE_WORDS = {"1", "true", "on", "yes"}


def _errors(errors: list[InputError]) -> dict[str, Any]:
    return {"detail": [{"field": e.field, "code": e.code, "message": e.message} for e in errors]}


def _payload(request: HttpRequest) -> Any:
    """The report object from a JSON body or a multipart form; raises InputError on bad JSON."""
    if (request.content_type or "").startswith("multipart/form-data"):
        if "report" in request.POST:
            return _json(request.POST["report"], "report")
        payload: dict[str, Any] = {
            name: request.POST[name]
            for name in REPORT_SCHEMA["properties"]
            if request.POST.get(name, "") != ""
        }
        if "witnesses" in payload:
            payload["witnesses"] = _json(payload["witnesses"], "witnesses")
        if "keep_location" in payload:
            payload["keep_location"] = str(payload["keep_location"]).lower() in TRUE_WORDS
        return payload
    return _json(request.body.decode("utf-8", errors="replace"), "")


def _json(text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise InputError(field, "invalid_json", "not valid JSON") from None


def _aware(value: datetime | None) -> datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, timezone.get_default_timezone())


def _micro(value: Decimal | None) -> Decimal | None:
    # Stored with 6 decimals (about 11 cm); GPS apps give more digits than that.
    return value.quantize(Decimal("0.000001")) if value is not None else None


def _submission(data: ReportIn) -> ReportSubmission:
    return ReportSubmission(
        category=data.category,
        description=data.description,
        discovered_at=_aware(data.discovered_at),
        occurred_at=_aware(data.occurred_at),
        region_code=data.region_code,
        place_detail=data.place_detail,
        tps_number=data.tps_number,
        latitude=_micro(data.latitude),
        longitude=_micro(data.longitude),
        keep_location=data.keep_location,
        terlapor=data.terlapor,
        post_text=data.post_text,
        reporter_name=data.reporter_name,
        reporter_address=data.reporter_address,
        reporter_contact=data.reporter_contact,
        witnesses=[WitnessData(w.name, w.contact, w.statement) for w in data.witnesses],
    )


@router.post(
    "/reports",
    response={201: ReportCreatedOut, 400: ReportErrorOut, 422: ReportErrorOut, 429: ReportErrorOut},
    openapi_extra=SUBMIT_BODY,
    summary="Submit a public report",
)
def create_report(request: HttpRequest) -> Any:
    """Store a report with its evidence; 201 means it is committed to disk (durable).

    Anonymous unless reporter_name/address/contact are given. Files are checked by content,
    photos are re-encoded without EXIF/GPS unless keep_location is true.
    """
    try:
        payload = _payload(request)
    except InputError as exc:
        return Status(400, _errors([exc]))
    if not isinstance(payload, dict):
        return Status(
            422, _errors([InputError("", "object_expected", "the report must be an object")])
        )
    try:
        data = ReportIn.model_validate(payload)
    except PydanticValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None
    try:
        received = receive_report(_submission(data), request.FILES.getlist("files"))
    except ReportError as exc:
        return Status(422, _errors(exc.errors))
    code, label = public_stage(Stage.RECEIVED)
    return Status(
        201,
        {
            "tracking_code": received.tracking_code,
            "status": code,
            "status_label": label,
            "requirements": received.requirements,
        },
    )


def _report_or_error(tracking_code: str) -> tuple[Any, int, dict[str, Any]]:
    try:
        code = normalise_code(tracking_code)
    except InvalidTrackingCode as exc:
        return None, 422, _errors([InputError("tracking_code", exc.code, exc.message)])
    report = find_report(code)
    if report is None:
        return None, 404, _errors([InputError("tracking_code", "not_found", "no such report")])
    return report, 200, {}


@router.get(
    "/reports/{tracking_code}",
    response={200: StatusOut, 404: ReportErrorOut, 422: ReportErrorOut, 429: ReportErrorOut},
    summary="Status, public timeline and messages of a report",
)
def get_report(request: HttpRequest, tracking_code: str) -> Any:
    """Case, spaces and dashes in the code do not matter; a mistyped code gives 422."""
    report, status, error = _report_or_error(tracking_code)
    if report is None:
        return Status(status, error)
    return Status(200, public_status(report))


@router.post(
    "/reports/{tracking_code}/messages",
    response={201: MessageOut, 404: ReportErrorOut, 422: ReportErrorOut, 429: ReportErrorOut},
    summary="Reply as the reporter",
)
def reply(request: HttpRequest, tracking_code: str, payload: MessageIn) -> Any:
    """Post a message from the reporter (answering an officer's question, for example)."""
    report, status, error = _report_or_error(tracking_code)
    if report is None:
        return Status(status, error)
    try:
        message = post_message(report, payload.body, from_reporter=True)
    except ReportError as exc:
        return Status(422, _errors(exc.errors))
    return Status(
        201, {"at": message.created_at.isoformat(), "author": "reporter", "body": message.body}
    )
