"""Fixtures for the reports tests: a private evidence folder, factories and test images."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from posko.accounts.models import OfficerProfile
from posko.reports.submission import ReportSubmission


@pytest.fixture(autouse=True)
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    """Every test stores evidence in its own folder, and counts requests afresh."""
    folder = tmp_path / "evidence"
    settings.EVIDENCE_DIR = folder
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    settings.POSKO_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    settings.POSKO_MAX_UPLOADS_PER_REPORT = 4
    cache.clear()
    return folder


@pytest.fixture
def make_submission() -> Callable[..., ReportSubmission]:
    """A valid anonymous submission; keyword overrides replace fields."""

    def factory(**overrides: Any) -> ReportSubmission:
        now = timezone.now()
        values: dict[str, Any] = {
            "category": "politik_uang",
            "description": "Tim sukses membagikan amplop berisi uang di depan masjid.",
            "occurred_at": now - timedelta(days=1, hours=2),
            "discovered_at": now - timedelta(days=1),
            "region_code": "31.71.01.1001",
            "place_detail": "Depan Masjid Al-Ikhlas",
            "terlapor": "Tim sukses paslon nomor 2",
            "witnesses": [],
        }
        values.update(overrides)
        return ReportSubmission(**values)

    return factory


@pytest.fixture
def officer(db: None) -> Callable[[str], Any]:
    """An officer user with the given role."""

    def factory(role: str, username: str | None = None) -> Any:
        user = get_user_model().objects.create_user(username or f"{role}1", password="x")
        OfficerProfile.objects.create(user=user, role=role)
        return get_user_model().objects.get(pk=user.pk)

    return factory
