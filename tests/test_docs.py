"""Docs are tested: every CLI command and every setting is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from posko.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    commands = sorted(subparsers.choices)  # type: ignore[attr-defined]
    missing = [c for c in commands if f"posko {c}" not in README]
    assert not missing, f"document these commands in README.md: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    env_source = (ROOT / "posko" / "config" / "env.py").read_text(encoding="utf-8")
    names = set(re.findall(r'"((?:POSKO|DATABASE)_[A-Z_]+)"', env_source))
    assert names, "no settings found in env.py"
    missing = sorted(n for n in names if n not in README)
    assert not missing, f"document these settings in README.md: {missing}"


def test_rule_files_are_referenced_in_the_readme() -> None:
    for path in ROOT.glob("posko/*/data/*.yaml"):
        assert path.name in README, f"document {path.relative_to(ROOT)} in README.md"
