"""`posko serve`, `posko setup` and `posko manage`: running the web app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the web-app subcommands."""
    serve = subparsers.add_parser("serve", help="run the web app with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8, help="request threads per process")
    serve.add_argument(
        "--processes",
        type=int,
        default=1,
        help="1: waitress (default); more: gunicorn with this many processes, to use every core",
    )
    serve.add_argument(
        "--worker",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run the background worker in this process (default; use --no-worker when "
        "separate `posko worker` processes run)",
    )
    serve.set_defaults(handler=serve_command)

    setup = subparsers.add_parser(
        "setup", help="migrate the database, collect static files and load demo data"
    )
    setup.add_argument("--no-demo", action="store_true", help="skip demo data")
    setup.set_defaults(handler=setup_command)

    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=manage_command)
    register_data_commands(subparsers)


def serve_command(args: argparse.Namespace) -> int:
    """Serve the app: waitress (one process) or gunicorn (`--processes N`), plus the worker."""
    from posko.cli import setup_django

    setup_django()
    from django.conf import settings

    from posko.core import serve
    from posko.core.worker import default_worker_id

    lock = Path(settings.DATA_DIR) / "worker.lock" if args.worker else None
    worker_id = f"{default_worker_id()[:50]}-serve"
    print(f"Posko Pilkada at http://{args.host}:{args.port}/", file=sys.stderr)
    if args.processes > 1:
        serve.serve_gunicorn(
            host=args.host,
            port=args.port,
            processes=args.processes,
            threads=args.threads,
            worker_lock=lock,
            worker_id=worker_id,
        )
        return 0
    if lock is not None:
        serve.start_locked_worker(lock, worker_id)
    serve.serve_waitress(host=args.host, port=args.port, threads=args.threads)
    return 0


def setup_command(args: argparse.Namespace) -> int:
    """Bring a fresh data directory to a usable state; safe to run again."""
    from posko.cli import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.no_demo:
        from posko.core.demo import load_demo_data

        for line in load_demo_data():
            print(line, file=sys.stderr)
    return 0


def manage_command(args: argparse.Namespace) -> int:
    """Pass through to Django's manage.py commands."""
    from posko.cli import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["posko manage", *args.args])
    return 0


def register_data_commands(subparsers: Any) -> None:
    """Add `posko purge`, `posko backup` and `posko restore`."""
    purge = subparsers.add_parser(
        "purge",
        help="delete personal data and evidence of cases closed longer than POSKO_RETENTION_DAYS",
    )
    purge.add_argument("--dry-run", action="store_true", help="count only, change nothing")
    purge.set_defaults(handler=purge_command)

    backup = subparsers.add_parser(
        "backup", help="write the database and all evidence files to a verified .tar.gz"
    )
    backup.add_argument("--output", required=True, type=Path, help="FILE.tar.gz")
    backup.set_defaults(handler=backup_command)

    restore = subparsers.add_parser(
        "restore",
        help="verify a backup's checksums, then load it (exit 2 corrupt, 1 database not empty)",
    )
    restore.add_argument("archive", type=Path)
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    restore.set_defaults(handler=restore_command)


def purge_command(args: argparse.Namespace) -> int:
    """Run the retention purge; prints a JSON summary on stdout."""
    import json

    from posko.cli import setup_django

    setup_django()
    from posko.core.retention import purge_expired

    summary = purge_expired(actor="cli", dry_run=args.dry_run)
    result = {"dry_run": args.dry_run, **summary.as_dict()}
    print(json.dumps(result, ensure_ascii=False))
    return 0


def backup_command(args: argparse.Namespace) -> int:
    """Write the backup archive; prints what it holds on stderr."""
    from posko.cli import setup_django

    setup_django()
    from posko.core.backup import create_backup

    manifest = create_backup(args.output, actor="cli")
    files = len(manifest["members"]) - 1
    print(f"backup written to {args.output}: database + {files} evidence file(s)", file=sys.stderr)
    for name in manifest["missing_evidence"]:
        print(f"warning: evidence file missing on disk: {name}", file=sys.stderr)
    return 0


def restore_command(args: argparse.Namespace) -> int:
    """Restore a verified archive; nothing is touched unless every checksum matches."""
    from posko.cli import setup_django

    setup_django()
    from django.core.serializers.base import DeserializationError
    from django.db import DatabaseError

    from posko.core.backup import BackupError, DatabaseNotEmpty, restore_backup

    try:
        manifest = restore_backup(args.archive, force=args.force)
    except BackupError as exc:
        print(f"error: {args.archive}: {exc}; nothing was restored", file=sys.stderr)
        return 2
    except DatabaseNotEmpty as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (DatabaseError, DeserializationError) as exc:
        print(f"error: restore failed and was rolled back: {exc}", file=sys.stderr)
        return 3
    print(f"restored backup of {manifest['created_at']}", file=sys.stderr)
    return 0
