"""Fuzzing the public API from the committed OpenAPI schema: no input may cause a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from posko.config.env import fuzz_examples
from posko.config.wsgi import application

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
# The anonymous endpoints: what anyone on the internet can send.
PUBLIC = r"^/api/v1/(neutrality/check|classify|reports|reports/\{tracking_code\})$"

schema = schemathesis.openapi.from_path(SCHEMA_PATH).include(path_regex=PUBLIC)
# Per operation: half the per-test budget, so the default CI run stays short while
# `make soak` (POSKO_FUZZ_EXAMPLES=5000) sends 4 x 2,500 = 10,000 requests.
EXAMPLES = max(10, fuzz_examples() // 2)
SENT: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _count_requests() -> Any:
    yield
    print(f"\nfuzz-api: {len(SENT)} generated requests, none answered 5xx")


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    cache.clear()
    # The raw WSGI app closes "old" connections after each request, which would close the
    # test's transaction on PostgreSQL; Django's own test client disconnects it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_public_api_never_answers_5xx(case: Any) -> None:
    response = case.call(app=application)
    SENT.append(case.operation.label)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}"
    )


def test_fuzz_examples_setting_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSKO_FUZZ_EXAMPLES", "10000")
    assert fuzz_examples() == 10000
