"""The batch fast paths of `posko classify` give exactly what the general paths give."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from posko.core.jsonl import run_jsonl
from posko.neutrality.engine.checker import Engine
from posko.neutrality.engine.parse import (
    InputError,
    _item_id,
    _object,
    _text,
    parse_classify_item,
)
from posko.neutrality.engine.render import (
    classification_line,
    classification_tail,
    classification_to_dict,
)
from posko.neutrality.engine.types import ContentVerdict

TEXTS = [
    "Bsk jgn lupa nyoblos no 3 yaaa ✌️ #AyoCoblosNomor3",
    "Ayo menangkan Pramono-Rano, coblos nomor 3!",
    "Siapapun pilihanmu, jangan golput ya",
    "makan nasi goreng enak banget wkwk",
    "RT USER: Pak Anies dan Pak Prabowo debat capres malam ini URL",
    "",
]


@pytest.mark.parametrize("item_id", ["ec-1", 'é\n"\u2028\\/', "", 0, -7, 2**70])
@pytest.mark.parametrize(
    ("content_class", "score"), [("partisan", 0.97), ("civic", 0.5), ("non_political", 1.0)]
)
def test_classification_line_is_json_dumps_of_the_dict(
    item_id: str | int, content_class: Any, score: float
) -> None:
    verdict = ContentVerdict(content_class, score)
    expected = json.dumps(classification_to_dict(item_id, verdict), ensure_ascii=False)
    assert classification_line(item_id, classification_tail(content_class, score)) == expected


def test_classify_label_is_class_and_score_of_classify() -> None:
    engine = Engine()
    for text in TEXTS:
        verdict = engine.classify(text)
        assert engine.classify_label(text) == (verdict.content_class, verdict.score)


def test_classify_labels_is_classify_label_of_each_text() -> None:
    engine = Engine()
    assert engine.classify_labels(TEXTS) == [engine.classify_label(text) for text in TEXTS]
    assert engine.classify_labels([]) == []


@pytest.mark.parametrize(
    "value",
    [
        {"id": "a", "text": "x"},
        {"id": 3, "text": "x", "extra": 1},
        {"id": True, "text": "x"},
        {"id": 1.5, "text": "x"},
        {"text": "x"},
        {"id": "a"},
        {"id": "a", "text": None},
        {"id": "a", "text": "x" * 20_001},
        ["id", "text"],
        "text",
    ],
)
def test_parse_classify_item_fast_path_agrees_with_the_checks(value: Any) -> None:
    def checked(v: Any) -> tuple[Any, ...]:  # the field-by-field checks alone
        try:
            obj = _object(v, "")
            return _item_id(obj), _text(obj, "text", "text")
        except InputError as exc:
            return ("error", exc.field, exc.code)

    try:
        got: tuple[Any, ...] = parse_classify_item(value)
    except InputError as exc:
        got = ("error", exc.field, exc.code)
    assert got == checked(value)


def test_runner_reports_json_errors_as_json_loads_words_them(tmp_path: Path) -> None:
    lines = [
        '{"id": 1, "text": "a"}',
        '   {"id": 2, "text": "leading blanks"}',
        '{"id": 3, "text": "trailing blanks"} \t\r',
        '{"id": 4, "text": "b"} extra',
        '{"id": 5, "text": ',
        "\ufeff" + '{"id": 6, "text": "bom"}',
        '{"id": 7, "text": "c"}\x0b',
        "",
        "   ",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    result = run_jsonl(lambda obj: {"id": obj["id"]}, str(path), out, err, workers=1)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [1, 2, 3]
    expected = []
    for number, line in enumerate(lines, start=1):
        if number <= 3 or not line.strip():
            continue
        try:
            json.loads(line + "\n")  # the runner parses each line with its newline
        except json.JSONDecodeError as exc:
            expected.append(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
    assert err.getvalue().splitlines() == expected
    assert (result.good, result.bad) == (3, 4)


def _dumped_tail(content_class: Any, score: float) -> str:
    """The tail as json.dumps writes it (the reference for the concatenated one)."""
    line = json.dumps(classification_to_dict("", ContentVerdict(content_class, score)))
    return ", " + line[len('{"id": "", ') :]


def test_classification_tail_is_json_dumps_for_every_rounded_score() -> None:
    for content_class in ("partisan", "civic", "non_political"):
        for i in range(10_001):
            score = round(i / 10_000, 4)
            assert classification_tail(content_class, score) == _dumped_tail(content_class, score)
    for odd in (float("nan"), float("inf"), 1, 0.123456789):
        assert classification_tail("civic", odd) == _dumped_tail("civic", odd)
