"""`posko officers create` and `posko tokens create`: officer accounts from the command line."""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import Any

ROLE_CHOICES = ("petugas", "koordinator", "pimpinan", "admin")


def register(subparsers: Any) -> None:
    """Add `posko officers ...` and `posko tokens ...`."""
    officers = subparsers.add_parser("officers", help="officer accounts")
    officer_commands = officers.add_subparsers(dest="officers_command", metavar="COMMAND")
    officer_commands.required = True
    create = officer_commands.add_parser("create", help="create an officer with a role")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=ROLE_CHOICES)
    create.add_argument("--unit", default="", help='e.g. "Kejari Jakarta Pusat"')
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from stdin; otherwise a random one is generated and printed",
    )
    create.set_defaults(handler=create_officer_command)
    reset = officer_commands.add_parser(
        "reset-2fa", help="remove an officer's authenticator (lost phone); audited"
    )
    reset.add_argument("username")
    reset.set_defaults(handler=reset_two_factor_command)
    totp = officer_commands.add_parser(
        "totp", help="print the current 2FA code of a DEMO officer (refused for real ones)"
    )
    totp.add_argument("username")
    totp.set_defaults(handler=demo_totp_command)

    tokens = subparsers.add_parser("tokens", help="API tokens for the officer API")
    token_commands = tokens.add_subparsers(dest="tokens_command", metavar="COMMAND")
    token_commands.required = True
    issue = token_commands.add_parser("create", help="issue a token; it is printed only once")
    issue.add_argument("username")
    issue.add_argument("--name", required=True, help="what the token is for")
    issue.set_defaults(handler=create_token_command)


def create_officer_command(args: argparse.Namespace) -> int:
    """Create the officer; prints the generated password once. Exit 1 on bad input."""
    from posko.cli import setup_django

    setup_django()
    from posko.accounts.services import create_officer
    from posko.core.errors import InputError

    generated = not args.password_stdin
    password = secrets.token_urlsafe(12) if generated else sys.stdin.readline().rstrip("\n")
    if not password:
        print("error: password: an empty password is not allowed", file=sys.stderr)
        return 1
    try:
        user = create_officer(args.username, password, args.role, actor="cli", unit=args.unit)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"created {user.get_username()} ({args.role})", file=sys.stderr)
    if generated:
        print(f"password: {password}")
    return 0


def create_token_command(args: argparse.Namespace) -> int:
    """Issue a token for an existing officer and print it (stdout) once."""
    from posko.cli import setup_django

    setup_django()
    from django.contrib.auth.models import User

    from posko.accounts.services import issue_token
    from posko.core.errors import InputError

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"error: username: no user {args.username!r}", file=sys.stderr)
        return 1
    try:
        raw = issue_token(user, actor="cli", name=args.name)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(raw)
    return 0


def _officer(username: str) -> object | None:
    from django.contrib.auth.models import User

    return User.objects.select_related("officer").filter(username=username).first()


def reset_two_factor_command(args: argparse.Namespace) -> int:
    """Remove an officer's TOTP devices; they enrol a new one at their next login."""
    from posko.cli import setup_django

    setup_django()
    from posko.accounts.two_factor import reset_device

    user = _officer(args.username)
    if user is None:
        print(f"error: username: no user {args.username!r}", file=sys.stderr)
        return 1
    removed = reset_device(user, actor="cli")
    print(f"2fa reset for {args.username}: {removed} device(s) removed", file=sys.stderr)
    return 0


def demo_totp_command(args: argparse.Namespace) -> int:
    """Print the current code of a demo officer; exit 1 for anyone else."""
    from posko.cli import setup_django

    setup_django()
    from posko.accounts.two_factor import demo_code
    from posko.core.errors import InputError

    user = _officer(args.username)
    if user is None:
        print(f"error: username: no user {args.username!r}", file=sys.stderr)
        return 1
    try:
        print(demo_code(user))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
