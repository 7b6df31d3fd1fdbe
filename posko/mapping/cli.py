"""`posko indicators import`, `posko mapping rebuild|spikes` and `posko demo --reports N`."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any

CSV_COLUMNS = ("region_code", "indicator", "date", "source")


def register(subparsers: Any) -> None:
    """Add this app's subcommands."""
    indicators = subparsers.add_parser("indicators", help="vulnerability indicator occurrences")
    commands = indicators.add_subparsers(dest="indicators_command", metavar="COMMAND")
    commands.required = True
    imp = commands.add_parser(
        "import", help="import occurrences from CSV: region_code,indicator,date,source[,note]"
    )
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=import_command)

    mapping = subparsers.add_parser("mapping", help="vulnerability map maintenance")
    mcmds = mapping.add_subparsers(dest="mapping_command", metavar="COMMAND")
    mcmds.required = True
    rebuild = mcmds.add_parser("rebuild", help="recompute the daily report counts")
    rebuild.add_argument("--since", type=date.fromisoformat, help="only from this day (YYYY-MM-DD)")
    rebuild.set_defaults(handler=rebuild_command)
    spikes = mcmds.add_parser("spikes", help="detect report spikes for a day")
    spikes.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD (default today)")
    spikes.set_defaults(handler=spikes_command)

    demo = subparsers.add_parser("demo", help="generate synthetic load data (reports and cases)")
    demo.add_argument("--reports", type=int, required=True, help="how many reports to generate")
    demo.add_argument("--seed", type=int, default=2024)
    demo.set_defaults(handler=demo_command)


def _parse_row(row: dict[str, str]) -> Any:
    from posko.mapping.services import OccurrenceError, OccurrenceInput

    missing = [c for c in CSV_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise OccurrenceError("missing", f"missing {', '.join(missing)}")
    try:
        when = date.fromisoformat(row["date"].strip())
    except ValueError:
        raise OccurrenceError("bad_date", f"date {row['date']!r} is not YYYY-MM-DD") from None
    return OccurrenceInput(
        region_code=row["region_code"].strip(),
        indicator=row["indicator"].strip().upper(),
        date=when,
        source=row["source"],
        note=(row.get("note") or ""),
    )


def import_command(args: argparse.Namespace) -> int:
    """Import every valid row; report bad ones as FILE:LINE: reason; exit 1 if any were bad."""
    from posko.cli import setup_django

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.file}: cannot read: {exc}", file=sys.stderr)
        return 1
    setup_django()
    from django.db import DatabaseError
    from django.utils import timezone

    from posko.mapping.services import OccurrenceError, record_occurrence

    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    absent = [c for c in CSV_COLUMNS if c not in header]
    if absent:
        print(f"{args.file}:1: missing column(s) {', '.join(absent)}", file=sys.stderr)
        return 1
    reader.fieldnames = header
    today = timezone.localdate()
    good = bad = 0
    for row in reader:
        line = reader.line_num
        try:
            if None in row:
                raise OccurrenceError("extra", "too many fields")
            record_occurrence(_parse_row(row), actor="cli", today=today)
            good += 1
        except OccurrenceError as exc:
            bad += 1
            print(f"{args.file}:{line}: {exc.message}", file=sys.stderr)
        except DatabaseError as exc:
            print(f"{args.file}:{line}: database error: {exc}", file=sys.stderr)
            return 1
    print(f"imported {good} occurrence(s), {bad} bad row(s)", file=sys.stderr)
    return 1 if bad else 0


def rebuild_command(args: argparse.Namespace) -> int:
    """Recompute DailyCount rows."""
    from posko.cli import setup_django

    setup_django()
    from posko.mapping.aggregates import rebuild_aggregates

    print(f"{rebuild_aggregates(since=args.since)} daily count rows", file=sys.stderr)
    return 0


def spikes_command(args: argparse.Namespace) -> int:
    """Detect spikes and print one line per alert."""
    from posko.cli import setup_django

    setup_django()
    from django.utils import timezone

    from posko.mapping.alerts import detect_spikes

    for alert in detect_spikes(on=args.date or timezone.localdate()):
        print(f"{alert.region_code}\t{alert.category}\t{alert.explanation()}")
    return 0


def demo_command(args: argparse.Namespace) -> int:
    """Generate synthetic load data, then rebuild the aggregates."""
    from posko.cli import setup_django

    if args.reports < 0:
        print("--reports must be >= 0", file=sys.stderr)
        return 2
    setup_django()
    from posko.mapping.demo import generate

    for line in generate(args.reports, seed=args.seed):
        print(line, file=sys.stderr)
    return 0
