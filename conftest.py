"""Root pytest configuration for posko/ and tests/: shared fixtures live in posko/testing/."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from posko.accounts.testing import officers_pass_two_factor  # noqa: F401  (autouse fixture)
from posko.testing.cli import posko_data_dir, run_posko  # noqa: F401  (CLI subprocess fixtures)
from posko.testing.factories import make_report  # noqa: F401  (reports with cases on given days)


@pytest.fixture(autouse=True)
def public_rate_limit_off(settings: Any) -> Iterator[None]:
    """Tests hit public endpoints far faster than a person; rate-limit tests set their own."""
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request with Accept-Language: en leaves
    English active in the test's thread, which would leak into the next test."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.deactivate()
