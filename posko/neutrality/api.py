"""JSON API of the neutrality engine: check acts and classify texts, one item or a batch."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Body, Router, Schema
from ninja.errors import ValidationError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Discriminator,
    Field,
    PlainValidator,
    StrictBool,
    Tag,
)
from pydantic_core import PydanticCustomError

from posko.core.ratelimit import PublicApiThrottle
from posko.neutrality.engine.parse import MAX_TEXT_CHARS, InputError, parse_act, region_code
from posko.neutrality.engine.render import classification_to_dict, verdict_to_dict
from posko.neutrality.engine.types import Act, Action, ContentClass, canonical_action
from posko.neutrality.services import get_engine

# Public endpoints share the per-client limit POSKO_PUBLIC_RATE_LIMIT.
router = Router(tags=["neutrality"], throttle=[PublicApiThrottle("neutrality")])

MAX_BATCH = 1000
MAX_SHORT_CHARS = 500


def _item_id(value: Any) -> str | int:
    # Exports often number their items, so ids may be integers as in the CLI; booleans are
    # not ids. One check gives one error code, where a pydantic union would give one per branch.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError("id_type", "Input should be a string or an integer")
    return value


ItemId = Annotated[
    str | int,
    PlainValidator(_item_id, json_schema_input_type=str | int),
    Field(description="Echoed back in the answer"),
]


class ActorIn(BaseModel):
    """Who performs the act; only an ASN can breach the neutrality rules."""

    asn: StrictBool
    name: str | None = Field(None, max_length=MAX_SHORT_CHARS)
    nip: str | None = Field(None, max_length=32)


class ContentIn(BaseModel):
    """The post, comment or account the act is about."""

    text: str = Field(max_length=MAX_TEXT_CHARS)
    platform: str | None = Field(None, max_length=MAX_SHORT_CHARS)
    url: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=MAX_SHORT_CHARS)


def _action_name(value: Any) -> Any:
    """Other names of an action ("repost", "Join group") become its canonical name; anything
    else is left for the Literal check to reject with a field error."""
    if isinstance(value, str):
        return canonical_action(value) or value
    return value


class ActIn(BaseModel):
    """One social-media act, in the same format as the CLI's JSONL input."""

    id: ItemId
    actor: ActorIn
    action: Annotated[Action, BeforeValidator(_action_name)]
    region: str | None = Field(None, max_length=32, description="Kemendagri code, e.g. 31.71")
    timestamp: str | None = Field(None, max_length=64, description="ISO-8601")
    content: ContentIn


class TargetOut(Schema):
    """A candidate pair the content is for or against."""

    number: int
    candidate: str
    region_code: str


class RuleOut(Schema):
    """The rule that decided the verdict and where it is written."""

    id: str
    citation: str


class VerdictOut(Schema):
    """The engine's verdict for one act."""

    id: ItemId
    violation: bool
    content_class: ContentClass
    targets: list[TargetOut]
    rule: RuleOut
    sanction: str
    explanation: str = Field(description="Bahasa Indonesia")
    confidence: float = Field(ge=0, le=1)
    needs_human_review: bool = False
    readings: list[str] = Field(
        default_factory=list, description="Alternative legal readings when sources disagree"
    )
    evidence: list[str] = Field(default_factory=list, description="Matched words and entities")


def _region(value: str | None) -> str | None:
    """The dotted Kemendagri code, as `posko check` reads it; a field error otherwise."""
    try:
        return region_code(value)
    except InputError as exc:
        raise PydanticCustomError(exc.code, "{message}", {"message": exc.message}) from None


class ClassifyIn(BaseModel):
    """A text to classify, with an optional region to resolve candidate numbers."""

    id: ItemId
    text: str = Field(max_length=MAX_TEXT_CHARS)
    region: Annotated[
        str | None,
        Field(max_length=32, description="Kemendagri code, e.g. 31.71"),
        AfterValidator(_region),
    ] = None


class ClassificationOut(Schema):
    """What a text is: partisan, civic or not political."""

    id: ItemId
    political: bool
    content_class: ContentClass
    score: float = Field(ge=0, le=1)


class FieldErrorOut(Schema):
    """One problem with the input: where, a machine code, and a message."""

    field: str = Field(description='Path into the body, e.g. "content.text" or "3.action"')
    code: str
    message: str


class ErrorsOut(Schema):
    """The 422 body: every problem found, one entry per field."""

    detail: list[FieldErrorOut]


def _one_or_many(value: Any) -> str | None:
    # The tag names are the path segments core.api's 422 handler already strips, so a client
    # sees "action" or "0.action" rather than pydantic's union branch names.
    if isinstance(value, dict):
        return "body"
    if isinstance(value, list):
        return "payload"
    return None


ONE_OR_MANY = Discriminator(
    _one_or_many,
    custom_error_type="object_or_list",
    custom_error_message="Expected an object or a list of objects",
)
CheckBody = Annotated[
    Annotated[ActIn, Tag("body")]
    | Annotated[list[ActIn], Field(min_length=1, max_length=MAX_BATCH), Tag("payload")],
    ONE_OR_MANY,
]
ClassifyBody = Annotated[
    Annotated[ClassifyIn, Tag("body")]
    | Annotated[list[ClassifyIn], Field(min_length=1, max_length=MAX_BATCH), Tag("payload")],
    ONE_OR_MANY,
]


@router.post(
    "/neutrality/check",
    response={200: VerdictOut | list[VerdictOut], 422: ErrorsOut},
    summary="Check social-media acts against the ASN neutrality rules",
)
def check(request: HttpRequest, payload: Body[CheckBody]) -> Any:
    """One verdict per act, in the order given; a single act gives a single verdict."""
    items: list[ActIn] = payload if isinstance(payload, list) else [payload]
    acts: list[Act] = []
    errors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        try:
            acts.append(parse_act(item.model_dump(exclude_none=True)))
        except InputError as exc:
            # Same field paths as pydantic's errors, so both kinds read alike in the 422 body.
            prefix = [index] if isinstance(payload, list) else []
            errors.append(
                {"loc": [*prefix, *exc.field.split(".")], "type": exc.code, "msg": exc.message}
            )
    if errors:
        raise ValidationError(errors)
    engine = get_engine()
    verdicts = [verdict_to_dict(engine.check(act)) for act in acts]
    return verdicts if isinstance(payload, list) else verdicts[0]


@router.post(
    "/classify",
    response={200: ClassificationOut | list[ClassificationOut], 422: ErrorsOut},
    summary="Classify texts as partisan, civic or not political",
)
def classify(request: HttpRequest, payload: Body[ClassifyBody]) -> Any:
    """One classification per text, in the order given."""
    items: list[ClassifyIn] = payload if isinstance(payload, list) else [payload]
    engine = get_engine()
    results = [
        classification_to_dict(item.id, engine.classify(item.text, item.region)) for item in items
    ]
    return results if isinstance(payload, list) else results[0]
