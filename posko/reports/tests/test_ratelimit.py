"""Rate limits for the public pages: parsing, 429 with Retry-After, a friendly page, 'off'."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from posko.core.ratelimit import Rate, client_key, hit, parse_rate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "rate"),
    [("30/m", Rate(30, 60)), ("5/s", Rate(5, 1)), ("100/h", Rate(100, 3600)), ("off", None)],
)
def test_rates_parse(text: str, rate: Rate | None) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["30", "30/w", "-1/m", "abc"])
def test_bad_rates_are_configuration_errors(text: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_rate(text)


def test_window_resets_and_retry_after_counts_down(settings: Any) -> None:
    settings.POSKO_PUBLIC_RATE_LIMIT = "2/m"
    request = RequestFactory().post("/lapor", REMOTE_ADDR="192.0.2.9")
    assert hit(request, "t", now=600.0) is None
    assert hit(request, "t", now=610.0) is None
    assert hit(request, "t", now=615.0) == 45
    assert hit(request, "t", now=660.5) is None  # a new minute


def test_client_key_is_a_salted_hash_not_the_address() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9")
    key = client_key(request)
    assert "192.0.2.9" not in key and len(key) == 32
    assert key != client_key(RequestFactory().get("/", REMOTE_ADDR="192.0.2.10"))


def test_form_posts_get_a_friendly_429_page(client: Client, settings: Any) -> None:
    settings.POSKO_PUBLIC_RATE_LIMIT = "2/m"
    for _ in range(2):
        assert client.post("/lacak", {"code": "x"}).status_code == 200
    response = client.post("/lacak", {"code": "x"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "Mohon tunggu sebentar" in html and "detik" in html
    assert client.get("/lacak").status_code == 200  # reading the page stays free


def test_off_disables_the_limit(client: Client, settings: Any) -> None:
    settings.POSKO_PUBLIC_RATE_LIMIT = "off"
    for _ in range(40):
        assert client.post("/lacak", {"code": "x"}).status_code == 200
