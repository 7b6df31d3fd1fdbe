"""`posko serve`, `posko setup` and `posko manage`: running the web app."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the web-app subcommands."""
    serve = subparsers.add_parser("serve", help="run the web app with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.set_defaults(handler=serve_command)

    setup = subparsers.add_parser(
        "setup", help="migrate the database, collect static files and load demo data"
    )
    setup.add_argument("--no-demo", action="store_true", help="skip demo data")
    setup.set_defaults(handler=setup_command)

    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=manage_command)


def serve_command(args: argparse.Namespace) -> int:
    """Serve the WSGI app with waitress (multi-threaded, production-grade, pure Python)."""
    from posko.cli import setup_django

    setup_django()
    from waitress import serve

    from posko.config.wsgi import application

    print(f"Posko Pilkada at http://{args.host}:{args.port}/", file=sys.stderr)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="posko")
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
