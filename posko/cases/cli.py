"""`posko reports export`: officers' report data as CSV or JSON lines, audited."""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK, EXIT_USAGE, EXIT_FORBIDDEN, EXIT_IO = 0, 2, 3, 4


def register(subparsers: Any) -> None:
    """Add `posko reports ...` subcommands."""
    reports = subparsers.add_parser("reports", help="officer tools for public reports")
    commands = reports.add_subparsers(dest="reports_command", metavar="SUBCOMMAND")
    commands.required = True
    export = commands.add_parser(
        "export",
        help="export reports and their cases (what the given officer may see)",
        description=(
            "Export reports with their case stage, route and deadline. Only cases the officer "
            "may see are written; reporter identity only with --with-identity and the "
            "view_identity permission, each read audited. Exit status: 0 done, 2 bad "
            "arguments or unknown user, 3 not permitted, 4 cannot write the output."
        ),
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    export.add_argument(
        "--as", dest="username", required=True, metavar="USERNAME", help="the exporting officer"
    )
    export.add_argument(
        "--with-identity",
        action="store_true",
        help="include reporter name, address and contact (koordinator/admin; audited)",
    )
    export.set_defaults(handler=export_command)


def export_command(args: argparse.Namespace) -> int:
    """Run the export for `--as USERNAME`; errors go to stderr with a code."""
    from posko.cli import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    from posko.accounts.permissions import role_of
    from posko.cases.export import ExportError, collect_rows, write_rows

    user = get_user_model()._default_manager.filter(username=args.username).first()
    if user is None or role_of(user) is None:
        print(f"error (unknown_user): tidak ada petugas aktif {args.username!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        columns, rows = collect_rows(user, with_identity=args.with_identity)
    except ExportError as exc:
        print(f"error ({exc.code}): {exc.message}", file=sys.stderr)
        return EXIT_FORBIDDEN
    try:
        if args.output and args.output != "-":
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                write_rows(columns, rows, args.format, out)
        else:
            write_rows(columns, rows, args.format, sys.stdout)
    except OSError as exc:
        print(f"error (cannot_write): {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_IO
    print(f"{len(rows)} laporan diekspor", file=sys.stderr)
    return EXIT_OK
