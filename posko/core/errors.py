"""Errors with machine-readable codes, shown the same way by the CLI, the API and the UI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputError(Exception):
    """One problem with one input item: where, a code, and a message for people."""

    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message
