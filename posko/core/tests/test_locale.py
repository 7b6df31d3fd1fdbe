"""Bahasa Indonesia first: the browser's language does not switch the UI, the switch does."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian() -> None:
    response = Client().get("/lapor", headers={"Accept-Language": "en-US,en;q=0.9"})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in body
    assert response["Content-Language"] == "id"


def test_the_language_switch_chooses_english_and_back() -> None:
    client = Client()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/lapor"})
    assert switched.status_code == 302 and switched["Location"] == "/lapor"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/lapor").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/lapor"})
    assert '<html lang="id">' in client.get("/lapor").content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="id">' in client.get("/lapor").content.decode()


def test_a_regional_variant_in_the_cookie_is_its_language() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-us"
    assert '<html lang="en">' in client.get("/lapor").content.decode()
