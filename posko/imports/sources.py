"""Open an export (one file or a ZIP of the whole export) and stream its acts, format by format."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from posko.imports.acts import RawAct
from posko.imports.errors import ExportFormatError
from posko.imports.meta import FACEBOOK_FILES, INSTAGRAM_FILES, parse_facebook, parse_instagram
from posko.imports.whatsapp import parse_whatsapp
from posko.imports.x import TIKTOK_FILES, X_FILES, parse_tiktok, parse_x

FORMATS = ("instagram", "facebook", "x", "twitter", "tiktok", "whatsapp")
Parser = Callable[[IO[str], str], Iterator[RawAct]]
WHATSAPP_FILES = re.compile(r"\.txt$", re.IGNORECASE)


def canonical_format(name: str) -> str:
    """'twitter' is the old name of 'x'."""
    return "x" if name == "twitter" else name


def _parser(fmt: str, name: str | None) -> tuple[Parser, re.Pattern[str]]:
    fmt = canonical_format(fmt)
    if fmt == "instagram":
        return parse_instagram, INSTAGRAM_FILES
    if fmt == "facebook":
        return parse_facebook, FACEBOOK_FILES
    if fmt == "x":
        return parse_x, X_FILES
    if fmt == "tiktok":
        return parse_tiktok, TIKTOK_FILES
    if fmt == "whatsapp":
        return (lambda stream, source: parse_whatsapp(stream, source, name=name)), WHATSAPP_FILES
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _text(binary: IO[bytes]) -> IO[str]:
    # utf-8-sig: exports edited on Windows gain a byte-order mark.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline=None)


def iter_acts(
    fmt: str, path: Path, *, label: str | None = None, name: str | None = None
) -> Iterator[tuple[str, RawAct]]:
    """(source file name, act) for every act in a file or in the matching members of a ZIP."""
    parse, members = _parser(fmt, name)
    label = label or path.name
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            wanted = sorted(
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and members.search(info.filename)
            )
            if not wanted:
                raise ExportFormatError(
                    label, "whole archive", f"no {canonical_format(fmt)} export files in the ZIP"
                )
            for member in wanted:
                source = f"{label}!{member}"
                with archive.open(member) as binary:
                    yield from _decoded(parse, _text(binary), source)
        return
    try:
        binary = open(path, "rb")  # noqa: SIM115  # closed below
    except OSError as exc:
        raise ExportFormatError(
            label, "whole file", f"cannot read: {exc.strerror or exc}"
        ) from None
    with binary:
        yield from _decoded(parse, _text(binary), label)


def _decoded(parse: Parser, stream: IO[str], source: str) -> Iterator[tuple[str, RawAct]]:
    try:
        for act in parse(stream, source):
            yield source, act
    except UnicodeDecodeError as exc:
        raise ExportFormatError(source, "text", f"not UTF-8 ({exc.reason})") from None
