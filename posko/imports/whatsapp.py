"""WhatsApp chat exports (.txt), Indonesian and English phone settings, Android and iOS.

Line shapes (one message may continue over the following lines):
  27/11/24 08.15 - Nama: pesan              (Android, Indonesian)
  11/27/24, 8:15 AM - Name: message         (Android, English US)
  [27/11/24 08.15.02] Nama: pesan           (iOS)
Times are the exporting phone's local time, so timestamps carry no UTC offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO

from posko.imports.acts import RawAct
from posko.imports.errors import ExportFormatError

HEADER = re.compile(
    r"^\u200e?\[?(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}),?\s+"
    r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
    r"(?:\]\s|\s[-–]\s)(?P<rest>.*)$"
)
MEDIA = re.compile(
    r"^<(Media omitted|Media tidak disertakan)>$|\(file attached\)|\(file terlampir\)"
)
# System lines that say someone joined: "X joined using this group's invite link",
# "X bergabung menggunakan tautan undangan grup ini", "A added X", "A menambahkan X".
JOINED = re.compile(
    r"^(?P<who>.+?) (joined using this group's invite link|"
    r"bergabung menggunakan tautan undangan grup ini|joined|bergabung)$"
    r"|^.+? (added|menambahkan) (?P<added>.+)$"
)
GROUP_FROM_NAME = re.compile(
    r"(?:WhatsApp Chat (?:with|-)|Chat WhatsApp dengan)\s*(?P<g>.+?)\.txt$"
)


def group_name(source: str) -> str | None:
    """The group's name from the export's file name ('WhatsApp Chat with X.txt')."""
    found = GROUP_FROM_NAME.search(source.rsplit("/", 1)[-1])
    return found.group("g").strip() if found else None


def _day_first(lines: IO[str]) -> bool:
    """Whether dates are D/M (Indonesian) rather than M/D (US English), decided from the file."""
    ampm = False
    for line in lines:
        found = HEADER.match(line)
        if not found:
            continue
        first, second = (int(x) for x in re.split(r"[/.-]", found.group("date"))[:2])
        if first > 12:
            return True
        if second > 12:
            return False
        ampm = ampm or bool(found.group("ampm"))
    return not ampm  # undecided: US exports use AM/PM, Indonesian ones a 24-hour clock


def _when(found: re.Match[str], day_first: bool, source: str, line_no: int) -> str:
    parts = [int(x) for x in re.split(r"[/.-]", found.group("date"))]
    day, month = (parts[0], parts[1]) if day_first else (parts[1], parts[0])
    year = parts[2] + 2000 if parts[2] < 100 else parts[2]
    clock = [int(x) for x in re.split(r"[.:]", found.group("time"))]
    hour, minute, second = clock[0], clock[1], clock[2] if len(clock) > 2 else 0
    ampm = (found.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ExportFormatError(source, f"line {line_no}", f"bad hour {hour} with {ampm}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError as exc:
        raise ExportFormatError(
            source,
            f"line {line_no}",
            f"bad date {found.group('date')} {found.group('time')}: {exc}",
        ) from None


def parse_whatsapp(stream: IO[str], source: str, *, name: str | None) -> Iterator[RawAct]:
    """The member's own messages ('post') and their joining the group ('join_group')."""
    if not name:
        raise ExportFormatError(
            source, "whole file", "WhatsApp needs --name: the ASN's name as shown in the chat"
        )
    day_first = _day_first(stream)
    stream.seek(0)
    me = name.strip().casefold()
    group = group_name(source)
    joined_at: str | None = None
    pending: RawAct | None = None
    lines_seen = 0
    seen_header = False
    for line_no, line in enumerate(stream, start=1):
        line = line.rstrip("\r\n")
        lines_seen += 1
        found = HEADER.match(line)
        if not found:
            if pending is not None:  # continuation of the member's multi-line message
                pending.text = f"{pending.text}\n{line}" if pending.text else line
            elif line.strip() and not seen_header:
                raise ExportFormatError(
                    source, f"line {line_no}", "expected a message starting with a date"
                )
            continue
        seen_header = True
        if pending is not None:
            yield pending
            pending = None
        when = _when(found, day_first, source, line_no)
        sender, sep, message = found.group("rest").partition(": ")
        if sep and group is None and "end-to-end" in message:
            group = sender.strip()  # iOS names the group as the sender of the notice
            continue
        if not sep:
            joined = JOINED.match(found.group("rest").strip())
            who = (joined.group("who") or joined.group("added") or "") if joined else ""
            if me in {w.strip().casefold() for w in re.split(r",| dan | and ", who)}:
                joined_at = joined_at or when
            continue
        if sender.strip().lstrip("~\u202f ").casefold() != me:
            continue
        media = bool(MEDIA.search(message))
        pending = RawAct(
            action="post",
            platform="whatsapp",
            position=f"line {line_no}",
            text=None if media else message,
            author=group,
            timestamp=when,
            extra_missing=["media"] if media else [],
        )
    if pending is not None:
        yield pending
    if lines_seen == 0:
        raise ExportFormatError(source, "line 1", "empty chat export")
    # The export comes from a member's phone, so the member is in the group even when the
    # joining itself is older than the exported history.
    yield RawAct(
        action="join_group",
        platform="whatsapp",
        position="whole file",
        text=group,
        author=group,
        timestamp=joined_at,
    )
