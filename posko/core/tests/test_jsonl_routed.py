"""Routed batch runs (run_jsonl(route_after=...)) answer exactly as an in-process run does."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from posko.core import jsonl
from posko.core.errors import InputError

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="routed runs fork workers"
)


def _handler(obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict) or "text" not in obj:
        raise InputError("text", "missing", "is required")
    return {"id": obj.get("id"), "upper": str(obj["text"]).upper()}


def _write_input(path: Path) -> None:
    rows: list[bytes] = []
    for i in range(60):
        if i % 11 == 3:
            rows.append(b"not json\n")
        elif i % 13 == 5:
            rows.append(b"\n")
        elif i % 17 == 7:
            rows.append(b'{"id": 1, "text": "\xff"}\n')
        elif i % 19 == 2:
            rows.append(b'{"id": "no text"}\n')
        else:
            text = f"teks {i % 7} \u00e9"
            rows.append(json.dumps({"id": i, "text": text}, ensure_ascii=False).encode() + b"\n")
    rows.append(b'{"id": "last", "text": "no newline"}')
    path.write_bytes(b"".join(rows))


def _run(path: Path, **kwargs: Any) -> tuple[str, str, tuple[int, int]]:
    out, err = io.StringIO(), io.StringIO()
    result = jsonl.run_jsonl(_handler, str(path), out, err, **kwargs)
    return out.getvalue(), err.getvalue(), (result.good, result.bad)


def test_routed_run_matches_the_in_process_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.jsonl"
    _write_input(path)
    expected = _run(path, workers=1)
    monkeypatch.setattr(jsonl, "ROUTED_CHUNK_LINES", 7)  # many chunks, several in flight
    for workers in (2, 3):
        assert _run(path, workers=workers, route_after=b'"text"') == expected
    assert expected[2][1] > 0 and expected[1].count("\n") == expected[2][1]


# ids of the objects the prepare hook has seen in this process (each worker has its own copy)
_prepared: set[int] = set()


def _prepare(objs: list[Any]) -> None:
    _prepared.update(map(id, objs))


def _handler_after_prepare(obj: Any) -> dict[str, Any]:
    if id(obj) not in _prepared:
        raise AssertionError("answered before the prepare hook saw it")
    return _handler(obj)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_the_prepare_hook_sees_every_object_before_the_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    path = tmp_path / "in.jsonl"
    _write_input(path)
    expected = _run(path, workers=1)
    monkeypatch.setattr(jsonl, "ROUTED_CHUNK_LINES", 7)
    out, err = io.StringIO(), io.StringIO()
    result = jsonl.run_jsonl(
        _handler_after_prepare,
        str(path),
        out,
        err,
        workers=workers,
        route_after=b'"text"',
        prepare=_prepare,
    )
    # the same answers, and the errors (parse and handler errors alike) still in input order
    assert (out.getvalue(), err.getvalue(), (result.good, result.bad)) == expected


def test_plain_batches_are_parsed_at_once_and_any_other_is_left_to_the_careful_path() -> None:
    lines = [b'{"id": 1, "text": "a"}', b'"x"', b"[1, 2]", b'{"text": "\xc3\xa9 \\u00e9"}']
    objs = [{"id": 1, "text": "a"}, "x", [1, 2], {"text": "\u00e9 \u00e9"}]
    assert jsonl._parse_plain(b"\n".join(lines) + b"\n", 4) == objs
    assert jsonl._parse_plain(b"\n".join(lines), 4) == objs  # the input's last line, no newline
    for odd in (b"", b" ", b'"x" ', b' "x"', b'"x"\r', b'"x" "y"', b"not json", b'"\xff"', b"{"):
        assert jsonl._parse_plain(b"\n".join([lines[0], odd, lines[1]]) + b"\n", 3) is None


def test_repeats_of_a_text_reach_the_same_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": f"teks {i % 5}"}) for i in range(40)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(jsonl, "ROUTED_CHUNK_LINES", 6)
    out = io.StringIO()
    jsonl.run_jsonl(
        lambda obj: {"text": obj["text"], "pid": os.getpid()},
        str(path),
        out,
        io.StringIO(),
        workers=2,
        route_after=b'"text"',
    )
    pids: dict[str, set[int]] = {}
    for line in out.getvalue().splitlines():
        doc = json.loads(line)
        pids.setdefault(doc["text"], set()).add(doc["pid"])
    assert len(pids) == 5
    assert all(len(seen) == 1 for seen in pids.values())
    assert os.getpid() not in set().union(*pids.values())


def _children() -> set[int]:
    """Live (non-zombie) child processes of this process."""
    try:
        found: set[int] = set()
        for task in os.listdir(f"/proc/{os.getpid()}/task"):
            with open(f"/proc/{os.getpid()}/task/{task}/children") as fh:
                found.update(int(pid) for pid in fh.read().split())
        return found
    except OSError:
        return set()


def _many_lines(path: Path, texts: list[str]) -> None:
    lines = [json.dumps({"id": i, "text": texts[i % len(texts)]}) for i in range(50)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _raise(obj: Any) -> None:
    raise ValueError("handler failed")


def _die(obj: Any) -> None:
    os._exit(3)


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        # a handler's error reaches the caller
        (_raise, ValueError, "handler failed"),
        # a dead worker is reported, not waited for
        (_die, RuntimeError, "stopped unexpectedly"),
    ],
)
def test_a_failing_worker_stops_the_run_and_no_worker_is_left(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[[Any], None],
    error: type[Exception],
    message: str,
) -> None:
    path = tmp_path / "in.jsonl"
    _many_lines(path, ["fine", "fail", "also fine"])
    monkeypatch.setattr(jsonl, "ROUTED_CHUNK_LINES", 8)
    before = _children()

    def handler(obj: Any) -> dict[str, Any]:
        if obj["text"] == "fail":
            failure(obj)
        return {"id": obj["id"]}

    with pytest.raises(error, match=message):
        jsonl.run_jsonl(
            handler, str(path), io.StringIO(), io.StringIO(), workers=2, route_after=b'"text"'
        )
    assert _children() == before


def test_workers_exit_after_a_routed_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.jsonl"
    _many_lines(path, ["a", "b", "c"])
    monkeypatch.setattr(jsonl, "ROUTED_CHUNK_LINES", 8)
    before = _children()
    result = jsonl.run_jsonl(
        _handler, str(path), io.StringIO(), io.StringIO(), workers=2, route_after=b'"text"'
    )
    assert (result.good, result.bad) == (50, 0)
    assert _children() == before
