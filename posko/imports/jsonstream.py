"""Walk a JSON document item by item, in constant memory.

Platform exports are a few nested objects around long arrays of small items. The walker descends
objects key by key and decodes each array element on its own with `json.JSONDecoder.raw_decode`
over a sliding text buffer, so a 100,000-item export never sits in memory as one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from posko.imports.errors import ExportFormatError

CHUNK_CHARS = 1 << 16
WHITESPACE = " \t\r\n"
# (path of object keys leading to the array, index in the array, line of the item, the item)
ArrayItem = tuple[tuple[str, ...], int, int, Any]


class JsonWalker:
    """A sliding buffer over a text stream with just enough tokenizing to walk the structure."""

    def __init__(self, stream: IO[str], source: str) -> None:
        self.stream = stream
        self.source = source
        self.buf = ""
        self.pos = 0
        self.line = 1  # line number of buf[mark]
        self.mark = 0  # newlines are counted up to here, incrementally, never twice
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        """Read more text, dropping what was consumed; False at end of file."""
        if self.eof:
            return False
        if self.pos:
            self.line += self.buf.count("\n", self.mark, self.pos)
            self.buf = self.buf[self.pos :]
            self.pos = self.mark = 0
        # Grow the read with the buffer so one huge item is not re-decoded quadratically often.
        chunk = self.stream.read(max(CHUNK_CHARS, len(self.buf)))
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def current_line(self) -> int:
        """Line number at the cursor."""
        if self.pos > self.mark:
            self.line += self.buf.count("\n", self.mark, self.pos)
            self.mark = self.pos
        return self.line

    def where(self) -> str:
        """Human position of the cursor: 'line N'."""
        return f"line {self.current_line()}"

    def fail(self, message: str, item: str = "") -> ExportFormatError:
        """An error at the cursor."""
        position = self.where() + (f", {item}" if item else "")
        return ExportFormatError(self.source, position, message)

    def peek(self) -> str:
        """The next non-blank character without consuming it ('' at end of file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, chars: str, context: str) -> str:
        """Consume one of `chars`, or fail naming what was found."""
        found = self.peek()
        if not found or found not in chars:
            what = repr(found) if found else "end of file (truncated JSON?)"
            raise self.fail(f"expected {' or '.join(map(repr, chars))} {context}, found {what}")
        self.pos += 1
        return found

    def value(self, item: str = "") -> Any:
        """Decode one complete JSON value at the cursor, reading more text as needed."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                detail = (
                    "unexpected end of file (truncated JSON?)"
                    if exc.pos >= len(self.buf) - 1
                    else f"invalid JSON ({exc.msg})"
                )
                raise self.fail(detail, item) from None
            # A number or literal that ends the buffer might continue in the next chunk.
            if end == len(self.buf) and self._fill():
                continue
            self.pos = end
            return value

    def skip_js_prefix(self) -> None:
        """Skip `window.YTD.like.part0 = ` in front of an X archive's JSON."""
        while "=" not in self.buf[self.pos :] and "[" not in self.buf[self.pos :]:
            if not self._fill():
                raise self.fail("expected 'window.YTD.<name>.part0 = [' at the start")
        rest = self.buf[self.pos :]
        eq, bracket = rest.find("="), rest.find("[")
        if eq != -1 and (bracket == -1 or eq < bracket):
            self.pos += eq + 1

    def items(self, path: tuple[str, ...] = ()) -> Iterator[ArrayItem]:
        """Every element of every array in the document, with its key path and index."""
        first = self.peek()
        if first == "{":
            self.pos += 1
            if self.peek() == "}":
                self.pos += 1
                return
            while True:
                if self.peek() != '"':
                    raise self.fail(f"expected an object key under {'/'.join(path) or 'top'}")
                key = self.value()
                self.expect(":", f"after key {key!r}")
                yield from self.items((*path, str(key)))
                if self.expect(",}", f"in object {'/'.join(path) or 'top'}") == "}":
                    return
        elif first == "[":
            self.pos += 1
            if self.peek() == "]":
                self.pos += 1
                return
            index = 0
            where = "/".join(path) or "top-level array"
            while True:
                label = f"item {index} of {where}"
                line = self.current_line()
                yield path, index, line, self.value(label)
                index += 1
                if self.expect(",]", f"after {label}") == "]":
                    return
        elif first == "":
            raise self.fail("unexpected end of file (empty or truncated JSON)")
        else:
            self.value("/".join(path))  # a scalar or string: nothing to import

    def finish(self) -> None:
        """Fail if anything but whitespace follows the document."""
        found = self.peek()
        if found and found != ";":  # X archives may end the assignment with ';'
            raise self.fail(f"unexpected {found!r} after the end of the JSON document")


def walk(stream: IO[str], source: str, *, js_prefix: bool = False) -> Iterator[ArrayItem]:
    """Array elements of a JSON (or X archive .js) document, streamed; raises ExportFormatError."""
    walker = JsonWalker(stream, source)
    if js_prefix:
        walker.skip_js_prefix()
    yield from walker.items()
    walker.finish()
