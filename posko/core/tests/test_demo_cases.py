"""The demo officers and cases: idempotent, private passwords, something for every role."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_dir(settings: Any, tmp_path: Path) -> Path:
    """Logins file and evidence in a temporary data directory."""
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    return tmp_path


def _logins(path: Path) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in path.read_text().splitlines())


def test_demo_cases_load_once_and_every_role_has_something(demo_dir: Path) -> None:
    from django.core.cache import cache

    from posko.cases.models import Case
    from posko.core.demo_cases import DEMO_REPORTS, load_demo_cases
    from posko.reports.models import Report

    first = list(load_demo_cases())
    logins_file = demo_dir / "demo_logins.txt"
    assert stat.S_IMODE(logins_file.stat().st_mode) == 0o600
    logins = _logins(logins_file)
    assert set(logins) == {"petugas.demo", "koordinator.demo", "pimpinan.demo", "admin.demo"}
    assert any(logins["koordinator.demo"] in line for line in first)
    second = list(load_demo_cases())
    assert "demo reports: already loaded (12)" in second
    assert _logins(logins_file) == logins
    assert Report.objects.filter(is_demo=True).count() == len(DEMO_REPORTS) == 12
    assert Report.objects.filter(is_demo=True, is_anonymous=True).count() >= 8
    assert Report.objects.exclude(neutrality_verdict=None).count() == 1
    assert Case.objects.filter(assignee__username="petugas.demo").count() >= 4
    assert Case.objects.filter(deadline_at__isnull=False).count() >= 6

    cache.clear()
    for username, expected in [
        ("petugas.demo", "Kasus saya"),
        ("koordinator.demo", "Lewat tenggat"),
        ("pimpinan.demo", "Antrean kasus"),
        ("admin.demo", "Jatuh tempo ≤ 24 jam"),
    ]:
        client = Client()
        response = client.post(
            reverse("accounts:login"),
            {"username": username, "password": logins[username]},
            follow=True,
        )
        page = response.content.decode()
        assert response.status_code == 200 and expected in page, username
        assert client.get(reverse("cases:dashboard")).status_code == 200
    koordinator = Client()
    koordinator.post(
        reverse("accounts:login"),
        {"username": "koordinator.demo", "password": logins["koordinator.demo"]},
    )
    first_case = Report.objects.get(tps_number="014").case
    detail = koordinator.get(reverse("cases:detail", args=[first_case.pk])).content.decode()
    assert "Gabungkan #" in detail  # the two similar money-politics reports can be merged
    cache.clear()


def test_a_lost_logins_file_gets_new_working_passwords(demo_dir: Path) -> None:
    from django.contrib.auth import authenticate

    from posko.core.demo_cases import ensure_demo_officers

    ensure_demo_officers()
    (demo_dir / "demo_logins.txt").unlink()
    ensure_demo_officers()
    logins = _logins(demo_dir / "demo_logins.txt")
    assert authenticate(username="admin.demo", password=logins["admin.demo"]) is not None
