"""Bahasa Indonesia first: English only for a visitor who chose it.

Django's LocaleMiddleware follows the browser's Accept-Language, and many Indonesian phones
(and every headless browser) ask for en-US, so a citizen would meet the English UI without
asking for it. Here the language is the one chosen with the language switch (its cookie, set
by django.views.i18n.set_language), else LANGUAGE_CODE ("id").
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Activate the chosen language (cookie) or Indonesian; never Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language  # as LocaleMiddleware sets it
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def _supported(chosen: str) -> str:
    """The supported language a cookie names ("en-us" -> "en"), else LANGUAGE_CODE."""
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return str(settings.LANGUAGE_CODE)
