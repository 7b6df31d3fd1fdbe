"""JSON-lines batch processing shared by the CLI commands.

One output line per good input line, in input order; every bad line is reported on stderr with
its line number and reason, and the run goes on. Large inputs are processed in chunks on all
CPU cores (forked workers share the already-loaded engine); a caller can route the lines so
that repeats of a text meet the same worker (and its cache). A progress bar is shown only on a
terminal.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import signal
import struct
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice, repeat
from operator import itemgetter
from queue import SimpleQueue
from typing import IO, Any

from posko.core.errors import InputError

# A handler answers one parsed line with an object, or with its JSON text already encoded
# (as json.dumps(..., ensure_ascii=False) would: `posko classify` builds lines from a cache).
Handler = Callable[[Any], dict[str, Any] | str]
# An optional batch hook: called with the parsed objects of each batch of lines before the
# handler answers them one by one (`posko classify` classifies a batch's new texts at once).
Prepare = Callable[[list[Any]], None]
# Small enough that the workers finish together (a chunk is ~20 ms of work), large enough
# that passing chunks between processes costs little.
CHUNK_LINES = 500
# A chunk: (number of its first line, raw lines). A worker returns (output, errors, good, bad).
Chunk = tuple[int, list[bytes]]
ChunkResult = tuple[str, list[str], int, int]
# A routed part of a chunk: (line numbers, its raw lines joined: one bytes object pickles far
# faster than a list of lines). Its answer has one entry per line (None for a blank or bad
# line), the errors as (line number, message), and the good/bad counts.
Part = tuple[Sequence[int], bytes]
PartResult = tuple[list[str | None], list[tuple[int, str]], int, int]
# Routed runs split every chunk over all workers, so their chunks are larger; at most
# ROUTED_DEPTH chunks per worker are in flight (bounds the parent's read-ahead).
ROUTED_CHUNK_LINES = 2000
ROUTED_DEPTH = 2
# A worker's first-generation collection threshold (see _worker_gc).
WORKER_GC_THRESHOLD = 20_000

# json.dumps(obj, ensure_ascii=False) builds this encoder on every call
_dumps = json.JSONEncoder(ensure_ascii=False).encode
# What json.loads runs after skipping whitespace: the C scanner (untyped in typeshed).
_Scan = Callable[[str, int], tuple[Any, int]]
_scan_once: _Scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"
_worker_handler: Handler | None = None
_worker_prepare: Prepare | None = None
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


def _chunks(stream: IO[bytes], size: int) -> Iterator[Chunk]:
    first = 1
    lines = list(islice(stream, size))
    if lines and lines[0].startswith(UTF8_BOM):
        lines[0] = lines[0][len(UTF8_BOM) :]  # files saved by Windows tools start with one
    while lines:
        yield first, lines
        first += len(lines)
        lines = list(islice(stream, size))  # read in C, not line by line in Python


# A UTF-8 byte-order mark, which Windows tools put at the start of a text file.
UTF8_BOM = b"\xef\xbb\xbf"


def _process_chunk(chunk: Chunk) -> ChunkResult:
    """Answer one chunk of lines; runs in the parent or in a forked worker."""
    first, lines = chunk
    numbers = range(first, first + len(lines))
    objs = _parse_plain(b"".join(lines), len(lines))
    if objs is None:
        answers, errors, good, bad = _answer_lines(numbers, lines)
    else:
        answers, errors, good, bad = _answer_parsed(numbers, objs)
    parts = [a for a in answers if a is not None]
    parts.append("")  # trailing newline after the last answer
    return ("\n".join(parts) if good else ""), [message for _, message in errors], good, bad


def _process_part(part: Part) -> PartResult:
    """Answer one routed part of a chunk in a forked worker."""
    numbers, blob = part
    objs = _parse_plain(blob, len(numbers))
    if objs is not None:
        return _answer_parsed(numbers, objs)
    # The raw lines again: each ends with its b"\n" (only the input's last line may not).
    *ended, tail = blob.split(b"\n")
    lines = [line + b"\n" for line in ended]
    if tail:
        lines.append(tail)
    return _answer_lines(numbers, lines)


def _parse_plain(blob: bytes, count: int) -> list[Any] | None:
    """The JSON value of each of the `count` lines of `blob`, read in one pass of C code, when
    every line is UTF-8 text holding one JSON value and nothing else (nearly every batch);
    None when any line needs the careful reading of _answer_lines (and maybe its error)."""
    try:
        lines = blob.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if not lines[-1]:
        lines.pop()  # what follows the last line's newline
    if len(lines) != count:
        return None
    try:
        # a line holding no value makes the scanner raise StopIteration, which ends map()
        # early: the list is then short
        scanned = list(map(_scan_once, lines, repeat(0)))
    except json.JSONDecodeError:
        return None
    if len(scanned) != count or list(map(itemgetter(1), scanned)) != list(map(len, lines)):
        return None  # a short list, or something after a value (spaces, a second value)
    return list(map(itemgetter(0), scanned))


def _answer_parsed(numbers: Sequence[int], objs: list[Any]) -> PartResult:
    """_answer_lines for lines already parsed, one object each."""
    answers: list[str | None] = [None] * len(objs)
    parsed = list(zip(range(len(objs)), numbers, objs, strict=True))
    return _answer_objects(answers, [], parsed, 0)


def _answer_lines(numbers: Sequence[int], lines: list[bytes]) -> PartResult:
    """One answer per line (None for blank and bad lines), the errors, good and bad counts:
    every line is read on its own (reporting what is wrong with it), then _answer_objects
    answers the parsed ones."""
    label = _worker_label
    answers: list[str | None] = []
    errors: list[tuple[int, str]] = []
    parsed: list[tuple[int, int, Any]] = []  # (index in answers, line number, object)
    bad = 0
    loads, scan = json.loads, _scan_once
    for line_no, raw in zip(numbers, lines, strict=True):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append((line_no, f"{label}:{line_no}: not UTF-8 text ({exc.reason})"))
            answers.append(None)
            bad += 1
            continue
        if not line or line.isspace():
            answers.append(None)
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
            message = f"{label}:{line_no}: not valid JSON ({exc.msg} at column {exc.colno})"
            errors.append((line_no, message))
            answers.append(None)
            bad += 1
            continue
        parsed.append((len(answers), line_no, obj))
        answers.append(None)
    return _answer_objects(answers, errors, parsed, bad)


def _answer_objects(
    answers: list[str | None],
    errors: list[tuple[int, str]],
    parsed: list[tuple[int, int, Any]],
    bad: int,
) -> PartResult:
    """Fill in the answers of the parsed lines: the batch hook (if any) sees all the objects,
    then the handler answers them one by one."""
    handler, prepare, label, dumps = _worker_handler, _worker_prepare, _worker_label, _dumps
    assert handler is not None
    good = 0
    if prepare is not None and parsed:
        prepare([obj for _, _, obj in parsed])
    handler_errors = False
    for index, line_no, obj in parsed:
        try:
            answer = handler(obj)
        except InputError as exc:
            errors.append((line_no, f"{label}:{line_no}: {exc}"))
            handler_errors = True
            bad += 1
            continue
        answers[index] = answer if type(answer) is str else dumps(answer)
        good += 1
    if handler_errors:
        errors.sort()  # in input order again: parse errors came first (one error per line)
    return answers, errors, good, bad


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
    route_after: bytes | None = None,
    prepare: Prepare | None = None,
) -> BatchResult:
    """Apply `handler` to each JSON line of the input; report bad lines on `err`.

    `prepare`, when given, is called with the parsed objects of each batch of lines (a chunk,
    or a routed part of one) in the process that then answers them with `handler`.

    With `route_after`, raw lines that are equal from the first occurrence of that marker on
    are answered by the same worker, so that a handler's per-process cache sees every repeat
    (route_after=b'"text"': every repeat of a text, whatever its id, when the text comes
    last; lines laid out otherwise are merely spread less well). Without it, chunks go to
    whichever worker is free."""
    global _worker_handler, _worker_prepare, _worker_label
    result = BatchResult()
    label = path if path and path != "-" else "stdin"
    try:
        stream = _open_binary(path)
    except OSError as exc:
        err.write(f"{label}: cannot read: {exc.strerror or exc}\n")
        result.bad += 1
        return result
    _worker_handler, _worker_prepare, _worker_label = handler, prepare, label
    bar = _progress(path)
    chunks = _chunks(stream, CHUNK_LINES if route_after is None else ROUTED_CHUNK_LINES)
    head = [c for c in (next(chunks, None), next(chunks, None)) if c is not None]
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    forked = len(head) > 1 and workers > 1 and hasattr(os, "fork")
    if forked:
        # What is loaded now (the engine) lives until exit: frozen, it is never walked by the
        # parent's collections, nor by the last one at exit (~20 ms of a run's wall time).
        gc.freeze()
    try:
        if forked and route_after is not None:
            _run_routed(_chain(head, chunks), workers, route_after, out, err, result, bar)
        elif forked:
            import multiprocessing  # ~10 ms of imports that routed runs do without

            # Fork after the engine is loaded: workers start instantly and share its memory.
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_gc)
            try:
                answers = pool.imap(_process_chunk, _chain(head, chunks), chunksize=1)
                _write_answers(answers, head, out, err, result, bar)
            finally:
                pool.close()
                pool.join()
        else:
            _write_answers(map(_process_chunk, _chain(head, chunks)), head, out, err, result, bar)
    finally:
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    out.flush()
    err.flush()
    return result


def _worker_gc() -> None:
    """Set up a forked worker's collector: the inherited engine is frozen, so it is never
    walked (nor copied), and young collections are rarer: a batch of lines keeps thousands
    of small objects alive at once, which the default threshold (700) walks over and over
    (~3% of a worker's time)."""
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _write_answers(
    answers: Iterator[ChunkResult],
    head: list[Chunk],
    out: IO[str],
    err: IO[str],
    result: BatchResult,
    bar: Any,
) -> None:
    for (text, errors, good, bad), size in zip(answers, _sizes(head), strict=False):
        if text:
            out.write(text)
        for message in errors:
            err.write(message + "\n")
        result.good += good
        result.bad += bad
        if bar is not None:
            bar.update(size)


def _run_routed(
    chunks: Iterator[Chunk],
    workers: int,
    marker: bytes,
    out: IO[str],
    err: IO[str],
    result: BatchResult,
    bar: Any,
) -> None:
    """Split each chunk over forked workers by the hash of each line after `marker`; merge
    the answers back in input order."""
    procs: list[_Worker] = []
    try:
        for _ in range(workers):
            procs.append(_Worker(procs))
        for proc in procs:  # threads only once every worker is forked
            proc.start_feeding()
        pending: deque[tuple[list[int], list[bool], int]] = deque()
        for first, lines in chunks:
            routes = [hash(raw.partition(marker)[2]) % workers for raw in lines]
            sent: list[bool] = []
            for k, proc in enumerate(procs):
                mine = list(map(k.__eq__, routes))
                blob = b"".join(compress(lines, mine))
                if blob:
                    proc.submit((list(compress(count(first), mine)), blob))
                sent.append(bool(blob))
            size = sum(map(len, lines)) if bar is not None else 0
            pending.append((routes, sent, size))
            if len(pending) >= ROUTED_DEPTH * workers:
                _write_routed(procs, *pending.popleft(), out, err, result, bar)
        while pending:
            _write_routed(procs, *pending.popleft(), out, err, result, bar)
    except BaseException:
        for proc in procs:
            proc.kill()
        raise
    for proc in procs:  # all are asked first, so that they exit side by side
        proc.stop()
    for proc in procs:
        proc.finish()


def _write_routed(
    procs: list[_Worker],
    routes: list[int],
    sent: list[bool],
    size: int,
    out: IO[str],
    err: IO[str],
    result: BatchResult,
    bar: Any,
) -> None:
    done = [proc.result() if was_sent else None for proc, was_sent in zip(procs, sent, strict=True)]
    nexts = [iter(d[0] if d is not None else ()).__next__ for d in done]
    answers = [a for a in [nexts[k]() for k in routes] if a is not None]
    if answers:
        answers.append("")  # trailing newline after the last answer
        out.write("\n".join(answers))
    errors: list[tuple[int, str]] = []
    for d in done:
        if d is not None:
            errors.extend(d[1])
            result.good += d[2]
            result.bad += d[3]
    errors.sort(key=lambda e: e[0])
    for _, message in errors:
        err.write(message + "\n")
    if bar is not None:
        bar.update(size)


_HEADER = struct.Struct("!Q")  # message length; a message is a pickle, b"" asks a worker to stop
# Pipe capacity asked for (Linux's default limit for unprivileged processes; 64 KiB otherwise).
PIPE_BYTES = 1 << 20


def _widen_pipe(fd: int) -> None:
    """Let a pipe hold several parts or answers: the parent collects answers in input order,
    so a worker a few parts ahead of the other would otherwise wait, idle, until its answers
    (~100 KB each) are read."""
    with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class _Worker:
    """A forked worker answering routed parts in order over two pipes (lighter than a
    multiprocessing pool: no task/result handler threads, no per-task bookkeeping).

    The parent writes parts from a feeder thread, so it never blocks on a worker that is
    itself blocked writing answers the parent has not read yet."""

    def __init__(self, siblings: list[_Worker]) -> None:
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        for fd in (to_child, to_parent):
            _widen_pipe(fd)
        try:
            self.pid = os.fork()
        except OSError:
            for fd in (from_parent, to_child, from_child, to_parent):
                os.close(fd)
            raise
        if self.pid == 0:  # the worker: never returns
            status = 1
            try:
                os.close(to_child)
                os.close(from_child)
                for sibling in siblings:  # so that their workers see the parent's EOF
                    sibling.close_fds()
                _worker_gc()
                _serve(from_parent, to_parent)
                status = 0
            finally:
                os._exit(status)
        os.close(from_parent)
        os.close(to_parent)
        self._writer = open(to_child, "wb")  # noqa: SIM115  # closed by finish/kill
        self._reader = open(from_child, "rb")  # noqa: SIM115
        self._queue: SimpleQueue[bytes | None] = SimpleQueue()
        self._feeder: threading.Thread | None = None

    def start_feeding(self) -> None:
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        writer = self._writer
        try:
            while True:
                message = self._queue.get()
                if message is None:
                    writer.write(_HEADER.pack(0))
                    writer.flush()
                    return
                writer.write(_HEADER.pack(len(message)))
                writer.write(message)
                writer.flush()
        except (OSError, ValueError):
            return  # the worker is gone (or was killed): result() reports it

    def submit(self, part: Part) -> None:
        self._queue.put(pickle.dumps(part, pickle.HIGHEST_PROTOCOL))

    def result(self) -> PartResult:
        """The answer to the oldest part not yet collected (re-raises the worker's error)."""
        message = _read_message(self._reader)
        if message is None:
            raise RuntimeError(f"worker {self.pid} stopped unexpectedly")
        ok, value = pickle.loads(message)
        if not ok:
            raise value
        return value

    def close_fds(self) -> None:
        for stream in (self._writer, self._reader):
            with contextlib.suppress(OSError):
                stream.close()

    def stop(self) -> None:
        """Ask the worker to exit once it has answered every part submitted."""
        self._queue.put(None)

    def finish(self) -> None:
        """Wait for the worker to exit (after stop())."""
        if self._feeder is not None:
            self._feeder.join()
        self.close_fds()
        os.waitpid(self.pid, 0)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self._queue.put(None)
        self.close_fds()
        os.waitpid(self.pid, 0)


def _read_message(reader: IO[bytes]) -> bytes | None:
    header = reader.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    message = reader.read(size)
    return message if len(message) == size else None


def _serve(read_fd: int, write_fd: int) -> None:
    """A worker's loop: answer parts until the parent asks it to stop (or goes away)."""
    with open(read_fd, "rb") as reader, open(write_fd, "wb") as writer:
        while True:
            message = _read_message(reader)
            if not message:
                return
            try:
                answer: tuple[bool, Any] = (True, _process_part(pickle.loads(message)))
            except Exception as exc:  # noqa: BLE001 - re-raised in the parent
                answer = (False, exc)
            try:
                payload = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an unpicklable error
                payload = pickle.dumps((False, RuntimeError(repr(answer[1]))))
            writer.write(_HEADER.pack(len(payload)))
            writer.write(payload)
            writer.flush()


def _chain(head: list[Chunk], rest: Iterator[Chunk]) -> Iterator[Chunk]:
    yield from head
    yield from rest


def _sizes(head: list[Chunk]) -> Iterator[int]:
    # Progress is counted in chunks of roughly equal byte size; exact bytes are not needed.
    average = sum(len(raw) for raw in head[0][1]) if head else 0
    while True:
        yield average
