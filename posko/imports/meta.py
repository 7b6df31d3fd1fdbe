"""Instagram and Facebook "Download your information" JSON (Meta's export formats)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from posko.imports.acts import RawAct, unix_to_iso
from posko.imports.errors import ExportFormatError
from posko.imports.jsonstream import walk

INSTAGRAM_KEYS = {
    "likes_media_likes": "like",
    "likes_comment_likes": "like",
    "comments_media_comments": "comment",
    "comments_reels_comments": "comment",
    "relationships_following": "follow",
}
INSTAGRAM_FILES = re.compile(
    r"(liked_posts|liked_comments|post_comments(_\d+)?|reels_comments|following)\.json$"
)
FACEBOOK_KEYS = {
    "reactions_v2": "like",
    "reactions": "like",
    "page_likes_v2": "like",
    "comments_v2": "comment",
    "comments": "comment",
    "groups_joined_v2": "join_group",
    "groups_joined": "join_group",
}
FACEBOOK_FILES = re.compile(
    r"(likes_and_reactions(_\d+)?|posts_and_comments|pages|comments|"
    r"your_group_membership_activity|group_membership_activity)\.json$"
)
# "Pelapor Contoh liked Pramono Anung's post." / "Pelapor Contoh menyukai kiriman Pramono Anung."
FB_OWNER = re.compile(
    r"(?:liked|reacted to|commented on|menyukai|menanggapi|mengomentari)\s+"
    r"(?:kiriman\s+|postingan\s+)?(?P<owner>.+?)(?:'s|’s)\s",
    re.IGNORECASE,
)
FB_GROUP = re.compile(r"(?:became a member of|bergabung dengan|menjadi anggota)\s+(?P<g>.+?)\.?$")


def meta_text(value: Any) -> str | None:
    """Repair Meta's mojibake: exports escape UTF-8 bytes as Latin-1 code points."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _dict(value: Any, source: str, position: str, what: str = "an object") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ExportFormatError(source, position, f"expected {what}, found {type(value).__name__}")
    return value


def _time(value: Any, source: str, position: str) -> str | None:
    try:
        return unix_to_iso(value)
    except (TypeError, ValueError, OverflowError, OSError):
        raise ExportFormatError(source, position, f"bad timestamp {value!r}") from None


def parse_instagram(stream: IO[str], source: str) -> Iterator[RawAct]:
    """Likes, comments and follows from an Instagram export file."""
    recognised = False
    for path, index, line, item in walk(stream, source):
        key = path[0] if path else ""
        if len(path) > 1:
            continue
        obj = item if isinstance(item, dict) else None
        action = INSTAGRAM_KEYS.get(key)
        if action is None and key == "" and obj is not None and "string_map_data" in obj:
            action = "comment"  # post_comments_1.json is a bare array
        if action is None:
            continue
        recognised = True
        position = f"line {line}, item {index} of {key or 'top-level array'}"
        obj = _dict(item, source, position)
        if "string_map_data" in obj:
            yield _instagram_comment(obj, source, position)
        elif "string_list_data" in obj:
            yield from _instagram_list(obj, action, source, position)
        else:
            raise ExportFormatError(
                source, position, "expected string_list_data or string_map_data in the item"
            )
    if not recognised:
        raise ExportFormatError(
            source, "whole file", "no Instagram likes, comments or following found (wrong file?)"
        )


def _instagram_list(
    obj: dict[str, Any], action: str, source: str, position: str
) -> Iterator[RawAct]:
    entries = obj["string_list_data"]
    if not isinstance(entries, list):
        raise ExportFormatError(source, position, "string_list_data must be a list")
    title = meta_text(obj.get("title"))
    for entry in entries:
        entry = _dict(entry, source, position, "an object in string_list_data")
        href = entry.get("href") or None
        if action == "follow":
            # The followed account: newer exports put it in title, older ones in value.
            author = title or meta_text(entry.get("value"))
            text = None
        else:
            author, text = title, None  # a like's value is a reaction emoji, not the post text
        yield RawAct(
            action=action,
            platform="instagram",
            position=position,
            text=text,
            url=href,
            author=author,
            timestamp=_time(entry.get("timestamp"), source, position),
        )


def _instagram_comment(obj: dict[str, Any], source: str, position: str) -> RawAct:
    fields = _dict(obj["string_map_data"], source, position, "string_map_data object")

    def field(name: str, key: str) -> Any:
        value = fields.get(name)
        return value.get(key) if isinstance(value, dict) else None

    return RawAct(
        action="comment",
        platform="instagram",
        position=position,
        text=meta_text(field("Comment", "value")),
        author=meta_text(field("Media Owner", "value")),
        url=field("Comment", "href") or None,
        timestamp=_time(field("Time", "timestamp"), source, position),
    )


def parse_facebook(stream: IO[str], source: str) -> Iterator[RawAct]:
    """Reactions, comments, page likes and joined groups from a Facebook export file."""
    recognised = False
    for path, index, line, item in walk(stream, source):
        if len(path) > 1:
            continue
        key = path[0] if path else ""
        action = FACEBOOK_KEYS.get(key)
        if action is None and key == "" and isinstance(item, dict) and "title" in item:
            action = "like"  # older likes_and_reactions_1.json is a bare array
        if action is None:
            continue
        recognised = True
        position = f"line {line}, item {index} of {key or 'top-level array'}"
        yield _facebook_item(_dict(item, source, position), key, action, source, position)
    if not recognised:
        raise ExportFormatError(
            source, "whole file", "no Facebook reactions, comments or groups found (wrong file?)"
        )


def _facebook_item(
    obj: dict[str, Any], key: str, action: str, source: str, position: str
) -> RawAct:
    title = meta_text(obj.get("title")) or ""
    data = obj.get("data")
    data = data if isinstance(data, list) else []
    text: str | None = None
    author: str | None = None
    url: str | None = None
    for entry in data:
        if not isinstance(entry, dict):
            continue
        comment = entry.get("comment")
        if isinstance(comment, dict):
            text = meta_text(comment.get("comment"))
        if action == "join_group" and entry.get("name"):
            text = author = meta_text(entry.get("name"))
    for attachment in obj.get("attachments") or []:
        entries = attachment.get("data") if isinstance(attachment, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            context = entry.get("external_context") if isinstance(entry, dict) else None
            if isinstance(context, dict) and context.get("url"):
                url = context["url"]
    if key.startswith("page_likes"):
        text = author = meta_text(obj.get("name"))
    elif action == "join_group" and not text:
        found = FB_GROUP.search(title)
        text = author = found.group("g") if found else None
    elif action != "join_group":
        found = FB_OWNER.search(title)
        author = found.group("owner") if found else None
    return RawAct(
        action=action,
        platform="facebook",
        position=position,
        text=text,
        url=url,
        author=author,
        timestamp=_time(obj.get("timestamp"), source, position),
    )
