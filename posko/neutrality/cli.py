"""`posko classify`, `posko check` and `posko train`."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posko.candidates.registry import Registry

if TYPE_CHECKING:
    from posko.neutrality.engine.checker import Engine


def register(subparsers: Any) -> None:
    """Add the neutrality subcommands."""
    classify = subparsers.add_parser(
        "classify",
        help="classify content as partisan, civic or non_political (JSON lines in and out)",
        description='Input lines: {"id", "text"}. Output lines: '
        '{"id", "political", "content_class", "score"}. Reads stdin when FILE is absent.',
    )
    classify.add_argument("file", nargs="?", metavar="FILE")
    classify.add_argument(
        "--candidates", metavar="FILE.csv", help="candidate registry CSV to match against"
    )
    classify.set_defaults(handler=classify_command)

    check = subparsers.add_parser(
        "check",
        help="check ASN social-media acts against the neutrality rules (JSON lines in and out)",
        description='Input lines: {"id", "actor": {"asn", "name"?, "nip"?}, "action", '
        '"region"?, "timestamp"?, "content": {"text", "platform"?, "url"?, "author"?}}.',
    )
    check.add_argument("file", nargs="?", metavar="FILE")
    check.add_argument(
        "--candidates",
        metavar="FILE.csv",
        help="use this registry CSV instead of the database's registry",
    )
    check.set_defaults(handler=check_command)

    train = subparsers.add_parser(
        "train", help="retrain the content classifier from the training data shipped in the repo"
    )
    train.add_argument("--output", type=Path, help="where to write the model JSON")
    train.add_argument("--no-report", action="store_true", help="skip the held-out report")
    train.set_defaults(handler=train_command)


def _registry_from_file(path: str) -> tuple[Registry, bool]:
    """Load a registry CSV; bad rows go to stderr. Returns (registry, had_errors)."""
    from posko.candidates.registry import load_registry_file

    try:
        registry, errors = load_registry_file(Path(path))
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return Registry(), True
    for error in errors:
        print(f"{path}:{error.line}: {error.message}", file=sys.stderr)
    return registry, bool(errors)


def _registry_for(
    args: argparse.Namespace, default: Callable[[], Registry]
) -> tuple[Registry, bool]:
    """The --candidates registry file (and whether it had bad rows), else `default()`."""
    if args.candidates:
        return _registry_from_file(args.candidates)
    return default(), False


def _snapshot_registry() -> Registry:
    """The registry snapshot written after each import, read without Django; before any
    registry exists (a fresh install), the shipped registry of the 2024 races."""
    from posko.candidates.registry import load_registry_file, shipped_registry, snapshot_path

    path = snapshot_path()
    if not path.exists():
        return shipped_registry()
    registry, _errors = load_registry_file(path)
    return registry


def classify_command(args: argparse.Namespace) -> int:
    """Classify JSON lines; exit 1 if any line (or registry row) was bad."""
    from itertools import starmap

    from posko.core.jsonl import run_jsonl
    from posko.neutrality.engine.parse import InputError, parse_classify_item
    from posko.neutrality.engine.render import classification_line, classification_tail

    engine, registry_bad = _classify_engine(args)
    # text -> its output line after the id (see render.classification_line)
    cache: dict[str, str] = {}

    def prepare(objs: list[Any]) -> None:
        # The new texts of a batch of lines are classified together, stage by stage
        # (Engine.classify_labels), before handle() answers the lines one by one.
        if len(cache) > 100_000:
            cache.clear()  # bound memory on long runs
        texts = []
        for obj in objs:
            try:
                texts.append(parse_classify_item(obj)[1])
            except InputError:
                continue  # handle() reports it
        new = [text for text in dict.fromkeys(texts) if text not in cache]
        labels = engine.classify_labels(new)
        cache.update(zip(new, starmap(classification_tail, labels), strict=True))

    def handle(obj: Any) -> str:
        item_id, text = parse_classify_item(obj)
        # Reposts and copy-paste campaigns repeat texts verbatim; classify each text once.
        tail = cache.get(text)
        if tail is None:  # not prepared
            tail = cache[text] = classification_tail(*engine.classify_label(text))
        return classification_line(item_id, tail)

    # Repeats of a text go to the same worker, so each text is classified once per run.
    result = run_jsonl(handle, args.file, sys.stdout, route_after=b'"text"', prepare=prepare)
    return 1 if result.bad or registry_bad else 0


def _classify_engine(args: argparse.Namespace) -> tuple[Engine, bool]:
    """The engine of `posko classify`, its entity matcher built before the workers fork (they
    share it instead of each compiling its own), and whether the registry had bad rows.

    The collector is paused meanwhile: what loads (a few hundred thousand objects) lives until
    exit, and collections would walk it again and again as it grows (~5 ms of start-up)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from posko.neutrality.engine.checker import Engine

        registry, registry_bad = _registry_for(args, _snapshot_registry)
        engine = Engine(registry)
        engine.matcher_for(None)
    finally:
        if enabled:
            gc.enable()
    return engine, registry_bad


def check_command(args: argparse.Namespace) -> int:
    """Check acts; exit 1 if any line (or registry row) was bad."""
    from posko.core.jsonl import run_jsonl
    from posko.neutrality.engine.checker import Engine
    from posko.neutrality.engine.parse import parse_act
    from posko.neutrality.engine.render import verdict_to_dict

    registry, registry_bad = _registry_for(args, _database_registry)
    engine = Engine(registry)

    def handle(obj: Any) -> dict[str, Any]:
        return verdict_to_dict(engine.check(parse_act(obj)))

    result = run_jsonl(handle, args.file, sys.stdout)
    return 1 if result.bad or registry_bad else 0


def _database_registry() -> Registry:
    """The registry in the database; without a usable database, the snapshot (with a warning)."""
    from posko.cli import setup_django

    setup_django()
    from django.db import DatabaseError

    from posko.candidates.services import registry_for_checks

    try:
        return registry_for_checks()
    except DatabaseError as exc:
        print(
            f"warning: candidate registry unavailable ({exc.__class__.__name__}); "
            "run `posko setup` or pass --candidates FILE.csv; using the registry snapshot",
            file=sys.stderr,
        )
        return _snapshot_registry()


def train_command(args: argparse.Namespace) -> int:
    """Rebuild the content model from data/training/."""
    from posko.neutrality.training.train import train_main

    return train_main(output=args.output, report=not args.no_report)
