"""`posko import` (one export -> check-input JSON lines) and `posko scan` (a folder -> findings)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMAT_CHOICES = ("instagram", "facebook", "x", "twitter", "tiktok", "whatsapp")


def register(subparsers: Any) -> None:
    """Add `import` and `scan`."""
    imp = subparsers.add_parser(
        "import",
        help="turn a platform data export into `posko check` input (JSON lines on stdout)",
        description="Reads an Instagram/Facebook 'Download your information' JSON, an X archive "
        "like.js/tweets.js, a TikTok user_data JSON or a WhatsApp chat .txt (or a ZIP of the "
        "export) and writes one `posko check` input line per act. Output is written only once "
        "the whole export has parsed; a malformed export gives an error naming the file and "
        "position, exit status 1 and no output.",
    )
    imp.add_argument(
        "format", choices=FORMAT_CHOICES, metavar="FORMAT", help="|".join(FORMAT_CHOICES)
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="export file or ZIP of the export")
    imp.add_argument("--actor", required=True, metavar="NIP", help="NIP of the export's owner")
    imp.add_argument("--asn", dest="asn", action="store_true", default=True, help="(default)")
    imp.add_argument("--not-asn", dest="asn", action="store_false", help="the owner is not an ASN")
    imp.add_argument("--name", help="the owner's name (WhatsApp: as shown in the chat)")
    imp.set_defaults(handler=import_command)

    scan = subparsers.add_parser(
        "scan",
        help="import and check a folder of exports for every watchlisted ASN; write findings",
        description="DIR/<NIP>/<export files> (or export files whose account handle is on the "
        "watchlist, or JSON lines in the check input format). Writes findings.html and "
        "findings.csv to --output-dir and records each finding as evidence.",
    )
    scan.add_argument("dir", type=Path, metavar="DIR")
    scan.add_argument("--output-dir", type=Path, default=Path("."), metavar="OUT")
    scan.add_argument("--as", dest="username", metavar="USERNAME", help="officer recording it")
    scan.add_argument("--no-record", action="store_true", help="write the report only")
    scan.set_defaults(handler=scan_command)


def import_command(args: argparse.Namespace) -> int:
    """Import one export; exit 1 with a positioned error on malformed input."""
    from posko.imports.acts import ActorInfo
    from posko.imports.errors import ExportFormatError
    from posko.imports.runner import copy_spool, import_spooled

    nip = args.actor.strip()
    if not nip:
        print(
            "error (import.actor): --actor must be the NIP of the export's owner", file=sys.stderr
        )
        return 2
    actor = ActorInfo(nip=nip, asn=args.asn, name=args.name)
    label = str(args.file)
    try:
        summary, spool = import_spooled(args.format, args.file, actor=actor, label=label)
    except ExportFormatError as exc:
        print(f"error ({exc.code}): {exc}", file=sys.stderr)
        return 1
    copy_spool(spool, sys.stdout)
    sys.stdout.flush()
    print(summary.line(label), file=sys.stderr)
    return 0


def scan_command(args: argparse.Namespace) -> int:
    """Scan a folder; exit 1 if any export was malformed."""
    from posko.cli import setup_django

    setup_django()
    from posko.imports.scan import run_scan

    if not args.dir.is_dir():
        print(f"error (scan.not_a_directory): {args.dir}", file=sys.stderr)
        return 2
    actor = args.username or "cli:posko scan"
    if args.username:
        from django.contrib.auth import get_user_model

        user = get_user_model()._default_manager.filter(username=args.username, is_active=True)
        found = user.first()
        if found is None:
            print(
                f"error (unknown_user): tidak ada petugas aktif {args.username!r}", file=sys.stderr
            )
            return 2
        actor = found
    result = run_scan(args.dir, args.output_dir, actor=actor, record=not args.no_record)
    print(result.summary(), file=sys.stderr)
    return 1 if result.errors else 0
