"""JSON-lines batch processing shared by the CLI commands.

One output line per good input line, in order; every bad line is reported on stderr with its
line number and reason, and the run goes on. A progress bar is shown only on a terminal.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from posko.core.errors import InputError

Handler = Callable[[Any], dict[str, Any]]


@dataclass
class BatchResult:
    """Counts of a batch run; `bad` > 0 means exit status 1."""

    good: int = 0
    bad: int = 0


def open_input(path: str | None) -> IO[str]:
    """The named file, or stdin when no path is given ('-' also means stdin)."""
    if path is None or path == "-":
        return sys.stdin
    return open(path, encoding="utf-8", errors="strict", newline=None)  # noqa: SIM115


def _lines_with_progress(stream: IO[str], path: str | None) -> Iterator[str]:
    if not sys.stderr.isatty():
        yield from stream
        return
    from tqdm import tqdm

    total = os.path.getsize(path) if path and path != "-" and os.path.isfile(path) else None
    with tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, leave=False) as bar:
        for line in stream:
            bar.update(len(line.encode("utf-8")))
            yield line


def run_jsonl(
    handler: Handler, path: str | None, out: IO[str], err: IO[str] = sys.stderr
) -> BatchResult:
    """Apply `handler` to each JSON line of the input; report bad lines on `err`."""
    result = BatchResult()
    label = path if path and path != "-" else "stdin"
    try:
        stream = open_input(path)
    except OSError as exc:
        err.write(f"{label}: cannot read: {exc.strerror or exc}\n")
        result.bad += 1
        return result
    write = out.write
    dumps = json.dumps
    line_no = 0
    try:
        for line_no, line in enumerate(_lines_with_progress(stream, path), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                err.write(f"{label}:{line_no}: not valid JSON ({exc.msg} at column {exc.colno})\n")
                result.bad += 1
                continue
            try:
                answer = handler(obj)
            except InputError as exc:
                err.write(f"{label}:{line_no}: {exc}\n")
                result.bad += 1
                continue
            write(dumps(answer, ensure_ascii=False))
            write("\n")
            result.good += 1
    except UnicodeDecodeError as exc:
        err.write(f"{label}:{line_no + 1}: not UTF-8 text ({exc.reason}); stopped reading\n")
        result.bad += 1
    finally:
        if stream is not sys.stdin:
            stream.close()
    out.flush()
    return result
