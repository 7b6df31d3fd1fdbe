"""The act an importer produces: the `posko check` input object plus where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# What a complete act tells about its content; anything absent is listed as missing.
CONTENT_FIELDS = ("text", "url", "author", "timestamp")


@dataclass(frozen=True)
class ActorInfo:
    """Who the export belongs to: the ASN (or not) the acts are attributed to."""

    nip: str
    asn: bool = True
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `actor` object of the check input."""
        out: dict[str, Any] = {"asn": self.asn, "nip": self.nip}
        if self.name:
            out["name"] = self.name
        return out


@dataclass
class RawAct:
    """One exported item as a parser read it, before it becomes a check input line."""

    action: str
    platform: str
    position: str  # e.g. "item 12 of likes_media_likes" or "line 40"
    text: str | None = None
    url: str | None = None
    author: str | None = None
    timestamp: str | None = None
    extra_missing: list[str] = field(default_factory=list)


def unix_to_iso(value: Any) -> str | None:
    """Seconds since the epoch (int or numeric string) -> ISO-8601 UTC; None when absent."""
    if value is None or value == "":
        return None
    seconds = int(value)
    if seconds > 10**11:  # some exports use milliseconds
        seconds //= 1000
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def to_check_line(
    raw: RawAct, *, actor: ActorInfo, source_file: str, act_id: str
) -> dict[str, Any]:
    """The `posko check` input object; `import` is a side field the checker ignores."""
    content: dict[str, Any] = {"text": raw.text or "", "platform": raw.platform}
    if raw.url:
        content["url"] = raw.url
    if raw.author:
        content["author"] = raw.author
    # One's own post has no other author: the actor wrote it.
    expected = [f for f in CONTENT_FIELDS if not (f == "author" and raw.action == "post")]
    missing = [name for name in expected if not getattr(raw, name)]
    missing += [m for m in raw.extra_missing if m not in missing]
    line: dict[str, Any] = {
        "id": act_id,
        "actor": actor.to_dict(),
        "action": raw.action,
    }
    if raw.timestamp:
        line["timestamp"] = raw.timestamp
    line["content"] = content
    line["import"] = {"source_file": source_file, "position": raw.position, "missing": missing}
    return line
