"""The `posko` command: one entry point, a subcommand per batch job.

Each domain app contributes its subcommands through a `register(subparsers)` function in its
own `cli.py`. Handlers import heavy modules (Django, the model) lazily, so fast paths such as
`posko classify` start quickly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "posko.core.cli",
    "posko.regions.cli",
    "posko.candidates.cli",
    "posko.neutrality.cli",
    "posko.accounts.cli",
    "posko.cases.cli",
    "posko.mapping.cli",
    "posko.sitrep.cli",
    "posko.core.worker_cli",
    "posko.watchlist.cli",
    "posko.imports.cli",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every app's subcommands."""
    parser = argparse.ArgumentParser(prog="posko", description="Posko Pilkada command-line tools.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the chosen subcommand; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return 0
    return int(status or 0)


def setup_django() -> None:
    """Configure Django for subcommands that need the database."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posko.config.settings")
    import django

    django.setup()


if __name__ == "__main__":
    sys.exit(main())
