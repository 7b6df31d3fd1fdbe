"""JSON-lines batch processing shared by the CLI commands.

One output line per good input line, in input order; every bad line is reported on stderr with
its line number and reason, and the run goes on. Large inputs are processed in chunks on all
CPU cores (forked workers share the already-loaded engine); a progress bar is shown only on a
terminal.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from posko.core.errors import InputError

# A handler answers one parsed line with an object, or with its JSON text already encoded
# (as json.dumps(..., ensure_ascii=False) would: `posko classify` builds lines from a cache).
Handler = Callable[[Any], dict[str, Any] | str]
# Small enough that the workers finish together (a chunk is ~20 ms of work), large enough
# that passing chunks between processes costs little.
CHUNK_LINES = 500
# A chunk: (number of its first line, raw lines). A worker returns (output, errors, good, bad).
Chunk = tuple[int, list[bytes]]
ChunkResult = tuple[str, list[str], int, int]

# json.dumps(obj, ensure_ascii=False) builds this encoder on every call
_dumps = json.JSONEncoder(ensure_ascii=False).encode
# What json.loads runs after skipping whitespace: the C scanner (untyped in typeshed).
_Scan = Callable[[str, int], tuple[Any, int]]
_scan_once: _Scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"
_worker_handler: Handler | None = None
_worker_label = ""


@dataclass
class BatchResult:
    """Counts of a batch run; `bad` > 0 means exit status 1."""

    good: int = 0
    bad: int = 0


def _open_binary(path: str | None) -> IO[bytes]:
    if path is None or path == "-":
        return sys.stdin.buffer
    return open(path, "rb")  # noqa: SIM115  # closed by the caller


def _chunks(stream: IO[bytes]) -> Iterator[Chunk]:
    first, lines = 1, []
    for raw in stream:
        lines.append(raw)
        if len(lines) == CHUNK_LINES:
            yield first, lines
            first, lines = first + CHUNK_LINES, []
    if lines:
        yield first, lines


def _process_chunk(chunk: Chunk) -> ChunkResult:
    """Answer one chunk of lines; runs in the parent or in a forked worker."""
    handler, label = _worker_handler, _worker_label
    assert handler is not None
    parts: list[str] = []
    errors: list[str] = []
    good = bad = 0
    loads, scan, dumps = json.loads, _scan_once, _dumps
    first, lines = chunk
    for line_no, raw in enumerate(lines, start=first):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(f"{label}:{line_no}: not UTF-8 text ({exc.reason})")
            bad += 1
            continue
        if not line or line.isspace():
            continue
        try:
            # json.loads(line) without its per-call set-up: scan the value at column 1 and
            # accept JSON whitespace after it; anything else goes to json.loads for its error.
            try:
                obj, end = scan(line, 0)
            except StopIteration:
                obj = loads(line)
            else:
                if end != len(line) and line[end:].strip(_JSON_SPACE):
                    obj = loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{label}:{line_no}: not valid JSON ({exc.msg} at column {exc.colno})")
            bad += 1
            continue
        try:
            answer = handler(obj)
        except InputError as exc:
            errors.append(f"{label}:{line_no}: {exc}")
            bad += 1
            continue
        parts.append(answer if type(answer) is str else dumps(answer))
        good += 1
    parts.append("")  # trailing newline after the last answer
    return ("\n".join(parts) if good else ""), errors, good, bad


def _progress(path: str | None) -> Any:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    total = os.path.getsize(path) if path and path != "-" and os.path.isfile(path) else None
    return tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, leave=False)


def run_jsonl(
    handler: Handler,
    path: str | None,
    out: IO[str],
    err: IO[str] = sys.stderr,
    *,
    workers: int | None = None,
) -> BatchResult:
    """Apply `handler` to each JSON line of the input; report bad lines on `err`."""
    global _worker_handler, _worker_label
    result = BatchResult()
    label = path if path and path != "-" else "stdin"
    try:
        stream = _open_binary(path)
    except OSError as exc:
        err.write(f"{label}: cannot read: {exc.strerror or exc}\n")
        result.bad += 1
        return result
    _worker_handler, _worker_label = handler, label
    bar = _progress(path)
    chunks = _chunks(stream)
    head = [c for c in (next(chunks, None), next(chunks, None)) if c is not None]
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    pool = None
    try:
        if len(head) > 1 and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            # Fork after the engine is loaded: workers start instantly and share its memory.
            # gc.freeze in each worker: the collector never walks (nor copies) the inherited
            # engine tables.
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze)
            answers: Iterator[ChunkResult] = pool.imap(
                _process_chunk, _chain(head, chunks), chunksize=1
            )
        else:
            answers = map(_process_chunk, _chain(head, chunks))
        for (text, errors, good, bad), size in zip(answers, _sizes(head), strict=False):
            if text:
                out.write(text)
            for message in errors:
                err.write(message + "\n")
            result.good += good
            result.bad += bad
            if bar is not None:
                bar.update(size)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    out.flush()
    err.flush()
    return result


def _chain(head: list[Chunk], rest: Iterator[Chunk]) -> Iterator[Chunk]:
    yield from head
    yield from rest


def _sizes(head: list[Chunk]) -> Iterator[int]:
    # Progress is counted in chunks of roughly equal byte size; exact bytes are not needed.
    average = sum(len(raw) for raw in head[0][1]) if head else 0
    while True:
        yield average
