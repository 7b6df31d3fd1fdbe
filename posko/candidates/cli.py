"""`posko candidates ...`: import, export and list the candidate registry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add `posko candidates import|export|list`."""
    candidates = subparsers.add_parser("candidates", help="the candidate registry (paslon)")
    commands = candidates.add_subparsers(dest="candidates_command", metavar="COMMAND")
    commands.required = True

    imp = commands.add_parser(
        "import",
        help="import a registry CSV (bad rows are reported, good rows imported; exit 1 if any bad)",
    )
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    imp.add_argument("--demo", action="store_true", help="mark the imported pairs as demo data")
    imp.add_argument(
        "--keep-missing",
        action="store_true",
        help="keep pairs that the file does not list (default: the file replaces each race it has)",
    )
    imp.set_defaults(handler=import_command)

    exp = commands.add_parser("export", help="write the registry as CSV in the import format")
    exp.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(handler=export_command)

    lst = commands.add_parser("list", help="list pairs, optionally those concerning a region")
    lst.add_argument("--region", metavar="CODE", help="races of this region and those above it")
    lst.set_defaults(handler=list_command)


def _database_error(command: str, exc: Exception) -> int:
    print(
        f"posko candidates {command}: database error: {exc} (run `posko setup` first?)",
        file=sys.stderr,
    )
    return 1


def import_command(args: argparse.Namespace) -> int:
    """Import FILE.csv; reports bad rows as FILE:LINE: reason on stderr."""
    from posko.candidates.registry import read_registry_file

    pairs, errors = read_registry_file(args.file)
    for error in errors:
        # Line 0 means the file as a whole (missing, unreadable), which has no line to point at.
        where = f"{args.file}:{error.line}" if error.line else str(args.file)
        print(f"{where}: {error.message}", file=sys.stderr)
    if not pairs:
        if not errors:
            print(f"{args.file}: no pairs to import", file=sys.stderr)
        return 1 if errors else 0

    from posko.cli import setup_django

    setup_django()
    from django.db import DatabaseError

    from posko.candidates.services import import_registry

    try:
        result = import_registry(
            pairs,
            actor="cli",
            replace_race=not args.keep_missing,
            is_demo=args.demo,
            source=args.file.name,
        )
    except DatabaseError as exc:
        return _database_error("import", exc)
    bad = f", {len(errors)} bad row(s) skipped" if errors else ""
    print(f"{args.file}: {len(pairs)} pair(s) in {result.summary()}{bad}", file=sys.stderr)
    return 1 if errors else 0


def export_command(args: argparse.Namespace) -> int:
    """Write the registry from the database as import-format CSV."""
    from posko.cli import setup_django

    setup_django()
    from django.db import DatabaseError

    from posko.candidates.registry import format_registry_csv
    from posko.candidates.services import load_registry

    try:
        text = format_registry_csv(load_registry().pairs)
    except DatabaseError as exc:
        return _database_error("export", exc)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{args.output}: {text.count(chr(10)) - 1} pair(s) written", file=sys.stderr)
    return 0


def list_command(args: argparse.Namespace) -> int:
    """Print pairs, one per line, optionally only the races concerning --region."""
    from posko.cli import setup_django

    setup_django()
    from django.db import DatabaseError

    from posko.candidates.services import load_registry

    try:
        registry = load_registry()
    except DatabaseError as exc:
        return _database_error("list", exc)
    for p in registry.races_for(args.region):
        mate = f" / {p.running_mate}" if p.running_mate else ""
        aliases = f"  ({', '.join(p.aliases)})" if p.aliases else ""
        where = p.region_code or "RI"
        print(f"{p.election:<9} {where:<6} {p.number:>2}  {p.candidate}{mate}{aliases}")
    return 0
