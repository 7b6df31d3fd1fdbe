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


# Batch commands whose start-up time counts (`posko classify` is measured against a bare
# JSON-lines loop): only their own module is imported, not the other apps' (~50 ms).
FAST_COMMANDS = {"classify": "posko.neutrality.cli"}


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of `modules` (default: every app's)."""
    parser = argparse.ArgumentParser(prog="posko", description="Posko Pilkada command-line tools.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in modules:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the chosen subcommand; returns the exit status."""
    words = sys.argv[1:] if argv is None else list(argv)
    fast = FAST_COMMANDS.get(words[0]) if words else None
    parser = build_parser((fast,) if fast else COMMAND_MODULES)
    args = parser.parse_args(words)
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
