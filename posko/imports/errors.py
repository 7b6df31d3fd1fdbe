"""The one error every parser raises: what is wrong, in which file, at which position."""

from __future__ import annotations


class ExportFormatError(Exception):
    """Malformed export input; the message names the file and the position in it."""

    code = "import.malformed"

    def __init__(self, source: str, position: str, message: str) -> None:
        super().__init__(f"{source}: {position}: {message}")
        self.source = source
        self.position = position
        self.message = message
