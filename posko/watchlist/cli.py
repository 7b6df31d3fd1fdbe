"""`posko watchlist import|export|package|verify`: the ASN watchlist from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add `posko watchlist ...`."""
    watchlist = subparsers.add_parser("watchlist", help="ASN watchlist and evidence packages")
    commands = watchlist.add_subparsers(dest="watchlist_command", metavar="COMMAND")
    commands.required = True
    load = commands.add_parser("import", help="add or update people from a CSV")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=import_command)
    dump = commands.add_parser("export", help="write the watchlist as CSV")
    dump.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    dump.set_defaults(handler=export_command)
    package = commands.add_parser("package", help="evidence package (ZIP) of a person's findings")
    package.add_argument("nip")
    package.add_argument("--output", "-o", type=Path, required=True)
    package.set_defaults(handler=package_command)
    verify = commands.add_parser("verify", help="check an evidence package's hashes")
    verify.add_argument("file", type=Path)
    verify.add_argument("--sha256", help="the package's SHA-256 as recorded when it was built")
    verify.set_defaults(handler=verify_command)


def cli_actor() -> str:
    """The audit label of the person at the terminal."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def import_command(args: argparse.Namespace) -> int:
    """Exit 0 when every row was stored, 1 when any row was refused, 2 on an unreadable file."""
    from posko.cli import setup_django

    setup_django()
    from posko.core.errors import InputError
    from posko.watchlist.csvio import import_csv

    try:
        result = import_csv(args.file, actor=cli_actor())
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    for error in result.errors:
        print(error, file=sys.stderr)
    print(
        f"{result.created} created, {result.updated} updated, {result.accounts} accounts, "
        f"{len(result.errors)} refused",
        file=sys.stderr,
    )
    return 1 if result.errors else 0


def export_command(args: argparse.Namespace) -> int:
    """Write the CSV; the export of personal data is audited."""
    from posko.cli import setup_django

    setup_django()
    from django.db import transaction

    from posko.core import audit
    from posko.watchlist.csvio import export_csv

    with transaction.atomic():
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = export_csv(out)
        else:
            count = export_csv(sys.stdout)
        audit.record(cli_actor(), "watchlist.export", ("watchlist.asnperson", "*"), n=count)
    return 0


def package_command(args: argparse.Namespace) -> int:
    """Build the package; prints its path and SHA-256. Exit 1 when there is nothing to pack."""
    from posko.cli import setup_django

    setup_django()
    import hashlib

    from posko.watchlist.identity import WatchlistInputError, validate_nip
    from posko.watchlist.models import Finding
    from posko.watchlist.package import build_evidence_package

    try:
        nip = validate_nip(args.nip)
    except WatchlistInputError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    findings = list(Finding.objects.filter(person__nip=nip))
    if not findings:
        print(f"no findings for NIP {nip}", file=sys.stderr)
        return 1
    path = build_evidence_package(findings, actor=cli_actor(), output=args.output)
    print(f"{path}\t{hashlib.sha256(path.read_bytes()).hexdigest()}")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    """Exit 0 when every hash verifies, 1 with one problem per line otherwise."""
    from posko.cli import setup_django

    setup_django()
    from posko.watchlist.package import verify_package

    if not args.file.exists():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 2
    problems = verify_package(args.file, expected_sha256=args.sha256)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{args.file}: ok")
    return 1 if problems else 0
