"""`posko officers create` and `posko tokens create` run as real subprocesses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

POSKO = Path(sys.executable).with_name("posko")


def _run(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POSKO_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)  # never touch the developer's PostgreSQL from a subprocess
    return subprocess.run([str(POSKO), *args], env=env, input=stdin, capture_output=True, text=True)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data directory of its own."""
    path = tmp_path_factory.mktemp("posko-accounts")
    done = _run(path, "manage", "migrate", "--verbosity", "0")
    assert done.returncode == 0, done.stderr
    return path


def test_create_officer_then_a_token(data_dir: Path) -> None:
    created = _run(data_dir, "officers", "create", "rina", "--role", "koordinator")
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("password: ")
    token = _run(data_dir, "tokens", "create", "rina", "--name", "integrasi sitrep")
    assert token.returncode == 0, token.stderr
    raw = token.stdout.strip()
    assert raw.startswith("pk_") and len(raw) > 40
    db = sqlite3.connect(data_dir / "posko.sqlite3")
    stored = db.execute("select key_hash, prefix from accounts_apitoken").fetchall()
    roles = db.execute("select role from accounts_officerprofile").fetchall()
    assert roles == [("koordinator",)]
    assert len(stored) == 1 and raw not in stored[0] and raw.startswith(stored[0][1])


def test_password_from_stdin_and_clear_errors(data_dir: Path) -> None:
    done = _run(
        data_dir,
        "officers",
        "create",
        "budi",
        "--role",
        "petugas",
        "--password-stdin",
        stdin="rahasia-panjang-sekali\n",
    )
    assert done.returncode == 0 and done.stdout == ""
    again = _run(data_dir, "officers", "create", "budi", "--role", "petugas")
    assert again.returncode == 1 and "sudah ada" in again.stderr
    assert "Traceback" not in again.stderr
    missing = _run(data_dir, "tokens", "create", "tidak.ada", "--name", "x")
    assert missing.returncode == 1 and "no user" in missing.stderr
    bad_role = _run(data_dir, "officers", "create", "c", "--role", "raja")
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr
