"""`posko regions ...`: look up and load the Kepmendagri region list."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

LEVEL_CHOICES = ("provinsi", "kabkota", "kecamatan", "desa")


def register(subparsers: Any) -> None:
    """Add `posko regions lookup` and `posko regions load`."""
    regions = subparsers.add_parser("regions", help="Kemendagri regions: look up and load")
    commands = regions.add_subparsers(dest="regions_command", metavar="COMMAND")
    commands.required = True

    lookup = commands.add_parser(
        "lookup", help="find a region by code or (abbreviated) name; no database needed"
    )
    lookup.add_argument("query", help='a code ("19.06") or a name ("Beltim", "Kab. Bandung")')
    lookup.add_argument("--level", choices=LEVEL_CHOICES, help="only regions of this level")
    lookup.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    lookup.add_argument("--json", action="store_true", help="print a JSON array")
    lookup.set_defaults(handler=lookup_command)

    load = commands.add_parser("load", help="load the region list into the database")
    load.set_defaults(handler=load_command)


def lookup_command(args: argparse.Namespace) -> int:
    """Print matching regions, best first; exit 1 when nothing matches."""
    from posko.regions.lookup import ancestors, lookup_region

    matches = lookup_region(args.query, level=args.level, limit=max(args.limit, 1))
    if args.json:
        rows = [
            {
                "code": m.code,
                "name": m.name,
                "level": m.level,
                "score": m.score,
                "how": m.how,
                "within": [a.name for a in ancestors(m.code)],
            }
            for m in matches
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for m in matches:
            within = ", ".join(a.name for a in reversed(ancestors(m.code)))
            suffix = f"  ({within})" if within else ""
            print(f"{m.code:<14} {m.name}  [{m.level}, {m.how} {m.score:g}]{suffix}")
    if not matches:
        print(f"no region matches {args.query!r}", file=sys.stderr)
        return 1
    return 0


def load_command(args: argparse.Namespace) -> int:
    """Load or refresh the regions table from the shipped CSV."""
    from posko.cli import setup_django

    setup_django()
    from django.db import DatabaseError

    from posko.regions.loader import ensure_regions_loaded

    try:
        print(ensure_regions_loaded(), file=sys.stderr)
    except DatabaseError as exc:
        print(
            f"posko regions load: database error: {exc} (run `posko setup` first?)", file=sys.stderr
        )
        return 1
    return 0
