"""`posko officers reset-2fa` and `posko officers totp` run as real subprocesses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django_otp.oath import TOTP

POSKO = Path(sys.executable).with_name("posko")


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POSKO_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)  # never touch the developer's PostgreSQL from a subprocess
    return subprocess.run([str(POSKO), *args], env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data directory with the demo officers and one real officer."""
    path = tmp_path_factory.mktemp("posko-2fa")
    assert _run(path, "manage", "migrate", "--verbosity", "0").returncode == 0
    demo = "from posko.core.demo_cases import ensure_demo_officers; ensure_demo_officers()"
    done = _run(path, "manage", "shell", "-c", demo)
    assert done.returncode == 0, done.stderr
    assert _run(path, "officers", "create", "rina", "--role", "koordinator").returncode == 0
    return path


def test_totp_prints_a_valid_code_for_demo_officers_only(data_dir: Path) -> None:
    done = _run(data_dir, "officers", "totp", "koordinator.demo")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip()
    db = sqlite3.connect(data_dir / "posko.sqlite3")
    (key,) = db.execute(
        "select d.key from otp_totp_totpdevice d join auth_user u on u.id = d.user_id "
        "where u.username = 'koordinator.demo' and d.confirmed"
    ).fetchone()
    # The subprocess may have run in the previous 30-second step: accept it and the current one.
    totp = TOTP(bytes.fromhex(key))
    now = totp.time
    valid = set()
    for offset in (-30, 0):
        totp.time = now + offset
        valid.add(str(totp.token()).zfill(6))
    assert code in valid

    refused = _run(data_dir, "officers", "totp", "rina")
    assert refused.returncode == 1 and "demo" in refused.stderr and refused.stdout == ""
    assert "Traceback" not in refused.stderr


def test_reset_removes_the_device_and_is_audited(data_dir: Path) -> None:
    done = _run(data_dir, "officers", "reset-2fa", "koordinator.demo")
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(data_dir / "posko.sqlite3")
    devices = db.execute(
        "select count(*) from otp_totp_totpdevice d join auth_user u on u.id = d.user_id "
        "where u.username = 'koordinator.demo'"
    ).fetchone()
    assert devices == (0,)
    audit = db.execute(
        "select actor_label, verb from core_auditevent where verb = '2fa.reset'"
    ).fetchall()
    assert audit == [("cli", "2fa.reset")]
    missing = _run(data_dir, "officers", "reset-2fa", "nobody")
    assert missing.returncode == 1 and "nobody" in missing.stderr
