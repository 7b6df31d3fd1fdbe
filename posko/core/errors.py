"""Errors with machine-readable codes, shown the same way by the CLI, the API and the UI."""

from __future__ import annotations


class InputError(Exception):
    """One problem with one input item: where, a code, and a message for people.

    A plain exception class (not a frozen dataclass): the interpreter and context managers set
    attributes such as __traceback__ on exceptions in flight.
    """

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(field, code, message)
        self.field = field
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, InputError)
            and (self.field, self.code, self.message) == (other.field, other.code, other.message)
        )

    def __hash__(self) -> int:
        return hash((type(self), self.field, self.code, self.message))
