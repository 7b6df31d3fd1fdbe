"""`posko` subcommands of the neutrality app."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add this app's subcommands."""
    _ = (subparsers, argparse)
