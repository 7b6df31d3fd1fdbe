"""The streaming JSON walker: items by path, chunk boundaries, and positioned errors."""

from __future__ import annotations

import io
import json

import pytest

from posko.imports import jsonstream
from posko.imports.errors import ExportFormatError
from posko.imports.jsonstream import walk


def items(text: str, **kwargs: bool) -> list[tuple[tuple[str, ...], int, object]]:
    return [(p, i, v) for p, i, _line, v in walk(io.StringIO(text), "f.json", **kwargs)]


def test_walks_nested_arrays_with_their_key_paths() -> None:
    doc = {"a": {"b": [1, {"x": "y"}]}, "c": "skip", "d": [], "e": [[1, 2]]}
    assert items(json.dumps(doc)) == [
        (("a", "b"), 0, 1),
        (("a", "b"), 1, {"x": "y"}),
        (("e",), 0, [1, 2]),
    ]


def test_top_level_array_and_js_prefix() -> None:
    assert items('window.YTD.like.part0 = [ {"like": {"tweetId": "1"}} ];', js_prefix=True) == [
        ((), 0, {"like": {"tweetId": "1"}})
    ]


def test_items_split_across_chunks_decode_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", 7)
    data = [{"n": 12345678, "t": "é" * 20}, 987654321, "tail"]
    assert [v for _p, _i, v in items(json.dumps({"k": data}))] == data


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ('{"k": [{"a": 1}, {"a": 2', "item 1 of k", "truncated"),
        ('{"k": [{"a": 1} {"a": 2}]}', "line 1", "expected ',' or ']' after item 0 of k"),
        ("", "line 1", "empty or truncated"),
        ('{"k": [1]} extra', "line 1", "after the end of the JSON document"),
    ],
)
def test_malformed_json_names_file_and_position(text: str, position: str, reason: str) -> None:
    with pytest.raises(ExportFormatError) as caught:
        items(text)
    message = str(caught.value)
    assert message.startswith("f.json: ")
    assert position in message
    assert reason in message


def test_error_line_is_counted_across_discarded_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", 16)
    text = '{"k": [\n' + ",\n".join('{"a": 1}' for _ in range(50)) + ',\n{"a": }]}'
    with pytest.raises(ExportFormatError) as caught:
        items(text)
    assert "line 52" in str(caught.value)
    assert "item 50 of k" in str(caught.value)
