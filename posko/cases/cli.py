"""`posko` subcommands of the cases app."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add this app's subcommands."""
    _ = subparsers
