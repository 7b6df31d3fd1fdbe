"""Fixtures for the import tests: the committed export files and a `posko` subprocess runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

POSKO = Path(sys.executable).with_name("posko")
FIXTURES = Path(__file__).with_name("fixtures")
NIP = "199001012015031001"
REGISTRY = FIXTURES / "registry_accounts.csv"


def posko_env(data_dir: Path) -> dict[str, str]:
    """Environment for a subprocess with its own data dir (never the developer's database)."""
    env = dict(os.environ, POSKO_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    return env


RunPosko = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_posko(tmp_path: Path) -> RunPosko:
    """Run `posko ARGS...` in a fresh data dir; no database needed by import/check --candidates."""

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(POSKO), *args],
            env=posko_env(tmp_path),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture(autouse=True)
def _language_of_the_test() -> Iterator[None]:
    """Each test starts in LANGUAGE_CODE and leaves the active language as it found it: the test
    client's LocaleMiddleware leaves the last request's language (say English) active."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield
