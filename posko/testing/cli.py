"""Shared fixtures for tests that run the `posko` command as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

POSKO = Path(sys.executable).with_name("posko")


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ, POSKO_DATA_DIR=str(data_dir))
    # The subprocess gets its own SQLite file in the tmp dir: with DATABASE_URL inherited it
    # would migrate and write the developer's real PostgreSQL database, not the test one.
    env.pop("DATABASE_URL", None)
    return env


RunPosko = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def posko_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh, migrated data directory for CLI subprocess tests."""
    data_dir = tmp_path_factory.mktemp("posko-data")
    done = subprocess.run(
        [str(POSKO), "setup", "--no-demo"], env=_env(data_dir), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return data_dir


@pytest.fixture
def run_posko(posko_data_dir: Path) -> RunPosko:
    """Run the `posko` command against the migrated tmp data directory."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(POSKO), *args],
            env=_env(posko_data_dir),
            capture_output=True,
            text=True,
            timeout=120,  # a hung command fails its test instead of stalling the suite
        )

    return run
