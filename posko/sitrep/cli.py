"""`posko sitrep`: write a situation report (HTML, PDF or XLSX) for a region and a day."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

FORMATS = ("html", "pdf", "xlsx")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(subparsers: Any) -> None:
    """Add `posko sitrep`."""
    sitrep = subparsers.add_parser(
        "sitrep", help="write a situation report (laporan situasi) as HTML, PDF or XLSX"
    )
    sitrep.add_argument(
        "--region", help="Kemendagri code of a province or kab/kota; omit for national"
    )
    sitrep.add_argument("--date", help="the day, YYYY-MM-DD (default: today, Asia/Jakarta)")
    sitrep.add_argument(
        "--format", choices=FORMATS, help="default: from --output's extension, else pdf"
    )
    sitrep.add_argument("--output", required=True, help="file to write")
    sitrep.add_argument(
        "--lang", choices=("id", "en"), default="id", help="report language (default id)"
    )
    sitrep.set_defaults(handler=sitrep_command)


def _fail(message: str) -> int:
    print(f"posko sitrep: error: {message}", file=sys.stderr)
    return 1


def parse_day(text: str | None, today: date) -> date:
    """A YYYY-MM-DD day not after today; ValueError with a readable message otherwise."""
    if text is None:
        return today
    if not _ISO_DATE.match(text.strip()):
        raise ValueError(f"--date must be YYYY-MM-DD, got {text!r}")
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--date {text!r} is not a calendar date") from None
    if day > today:
        raise ValueError(
            f"--date {day.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return day


def sitrep_command(args: argparse.Namespace) -> int:
    """Validate, build and write; exit 1 with one clear line on bad input."""
    output = Path(args.output)
    fmt = args.format or (output.suffix.lstrip(".").lower() if output.suffix else "pdf")
    if fmt not in FORMATS:
        return _fail(f"cannot tell the format from {output.name!r}; pass --format html|pdf|xlsx")
    try:
        # Checked before Django starts, so a typo fails fast; settings use the same zone.
        day = parse_day(args.date, datetime.now(ZoneInfo("Asia/Jakarta")).date())
    except ValueError as exc:
        return _fail(str(exc))
    from posko.cli import setup_django

    setup_django()
    from posko.sitrep.builder import SitrepError, build_sitrep

    try:
        sitrep = build_sitrep(args.region, day, language=args.lang)
    except SitrepError as exc:
        return _fail(f"--region {args.region}: {exc.message} [{exc.code}]")
    if fmt == "pdf":
        from posko.sitrep.render import render_pdf

        body: bytes = render_pdf(sitrep)
    elif fmt == "xlsx":
        from posko.sitrep.xlsx import render_xlsx

        body = render_xlsx(sitrep)
    else:
        from posko.sitrep.render import render_document

        body = render_document(sitrep).encode("utf-8")
    try:
        output.write_bytes(body)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror}")
    print(f"{output}: {sitrep.scope.name}, {day.isoformat()}, {len(body):,} bytes", file=sys.stderr)
    return 0
