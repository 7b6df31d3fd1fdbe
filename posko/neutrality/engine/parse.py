"""Validation of the JSON objects that `posko classify`/`posko check` and the API accept.

Errors carry a field path and a machine-readable code, so the CLI, the API and the page report
bad input the same way.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from posko.core.errors import InputError
from posko.neutrality.engine.types import ACTIONS, Act, Actor, Content, canonical_action

__all__ = ["InputError", "parse_act", "parse_classify_item"]

MAX_TEXT_CHARS = 20_000
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def _dotted(code: str) -> str:
    """A Kemendagri code written without its dots ("3171", "317101") in the dotted form."""
    if code.isascii() and code.isdigit() and len(code) in (4, 6, 10):
        return ".".join(filter(None, (code[:2], code[2:4], code[4:6], code[6:])))
    return code


def region_code(value: str | None) -> str | None:
    """A Kemendagri region code in its dotted form ("3171" -> "31.71"); None for none or
    blank; InputError("region", "invalid_region") for anything else."""
    if value is None:
        return None
    region = _dotted(value.strip()) or None
    if region is not None and not REGION_CODE.match(region):
        raise InputError(
            "region", "invalid_region", f"must be a Kemendagri code like 31.71, got {region!r}"
        )
    return region


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(field, "type_error.object", f"must be a JSON object, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _item_id(obj: dict[str, Any]) -> str | int:
    if "id" not in obj:
        raise InputError("id", "missing", "is required")
    value = obj["id"]
    # Integer ids are common in exports; booleans are not ids.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError("id", "type_error.id", f"must be a string or integer, got {_kind(value)}")
    return value


def _text(obj: dict[str, Any], key: str, field: str) -> str:
    if key not in obj:
        raise InputError(field, "missing", "is required")
    value = obj[key]
    if not isinstance(value, str):
        raise InputError(field, "type_error.string", f"must be a string, got {_kind(value)}")
    if len(value) > MAX_TEXT_CHARS:
        raise InputError(field, "too_long", f"must be at most {MAX_TEXT_CHARS} characters")
    return value


def _optional_str(obj: dict[str, Any], key: str, field: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(field, "type_error.string", f"must be a string, got {_kind(value)}")
    return value


def parse_classify_item(value: Any) -> tuple[str | int, str]:
    """Validate `{"id", "text"}`; returns (id, text)."""
    if type(value) is dict:  # fast path for the common, valid line (batch runs)
        item_id, text = value.get("id"), value.get("text")
        if (
            type(text) is str
            and len(text) <= MAX_TEXT_CHARS
            and (type(item_id) is str or type(item_id) is int)
        ):
            return item_id, text
    obj = _object(value, "")
    return _item_id(obj), _text(obj, "text", "text")


def parse_act(value: Any) -> Act:
    """Validate one `posko check` input object and build an Act."""
    obj = _object(value, "")
    item_id = _item_id(obj)
    if "actor" not in obj:
        raise InputError("actor", "missing", "is required")
    actor_obj = _object(obj["actor"], "actor")
    if "asn" not in actor_obj:
        raise InputError("actor.asn", "missing", "is required")
    if not isinstance(actor_obj["asn"], bool):
        raise InputError(
            "actor.asn", "type_error.bool", f"must be true or false, got {_kind(actor_obj['asn'])}"
        )
    actor = Actor(
        asn=actor_obj["asn"],
        name=_optional_str(actor_obj, "name", "actor.name"),
        nip=_optional_str(actor_obj, "nip", "actor.nip"),
    )
    if "action" not in obj:
        raise InputError("action", "missing", "is required")
    action = obj["action"]
    if not isinstance(action, str):
        raise InputError("action", "type_error.string", f"must be a string, got {_kind(action)}")
    action = canonical_action(action)
    if action is None:
        raise InputError(
            "action",
            "unknown_action",
            f"unknown action {obj['action']!r}; expected one of {', '.join(ACTIONS)}",
        )
    region = region_code(_optional_str(obj, "region", "region"))
    timestamp = _optional_str(obj, "timestamp", "timestamp")
    if timestamp is not None:
        try:
            datetime.fromisoformat(timestamp)
        except ValueError:
            raise InputError(
                "timestamp", "invalid_timestamp", f"must be ISO-8601, got {timestamp!r}"
            ) from None
    if "content" not in obj:
        raise InputError("content", "missing", "is required")
    content_obj = _object(obj["content"], "content")
    content = Content(
        text=_text(content_obj, "text", "content.text"),
        platform=_optional_str(content_obj, "platform", "content.platform"),
        url=_optional_str(content_obj, "url", "content.url"),
        author=_optional_str(content_obj, "author", "content.author"),
    )
    return Act(
        id=item_id,
        actor=actor,
        action=action,
        content=content,
        region=region,
        timestamp=timestamp,
    )
