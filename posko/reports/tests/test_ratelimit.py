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


def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(settings: Any) -> None:
    import ipaddress

    from posko.core.ratelimit import client_address

    settings.POSKO_PUBLIC_RATE_LIMIT = "1/m"
    factory = RequestFactory()

    def via_nginx(forwarded: str) -> Any:
        return factory.post("/lapor", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    # Without trusting nginx, every citizen looks like 127.0.0.1 and shares one allowance.
    assert hit(via_nginx("198.51.100.1"), "p", now=0.0) is None
    assert hit(via_nginx("198.51.100.2"), "p", now=1.0) is not None
    settings.POSKO_TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    assert client_address(via_nginx("198.51.100.1")) == "198.51.100.1"
    assert hit(via_nginx("198.51.100.3"), "p", now=2.0) is None
    assert hit(via_nginx("198.51.100.4"), "p", now=3.0) is None
    assert hit(via_nginx("198.51.100.3"), "p", now=4.0) is not None
    # A client cannot pick its own address: nginx appends the one it saw, and that one counts.
    assert client_address(via_nginx("203.0.113.66, 198.51.100.4")) == "198.51.100.4"
    assert client_address(via_nginx("not-an-address")) == "127.0.0.1"
    # A direct request's own X-Forwarded-For is ignored.
    direct = factory.post("/lapor", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_address(direct) == "192.0.2.9"


def test_trusted_proxies_setting_is_validated(monkeypatch: Any) -> None:
    from posko.config.env import Environment, SettingsError

    monkeypatch.setenv("POSKO_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    assert [str(n) for n in Environment.from_os().trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8"]
    monkeypatch.setenv("POSKO_TRUSTED_PROXIES", "nginx")
    with pytest.raises(SettingsError, match="POSKO_TRUSTED_PROXIES"):
        Environment.from_os()
