"""The database went away: answer 503 with Retry-After, never a traceback, and recover."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE_ID = "Layanan sedang sibuk atau basis data tidak terjangkau. Silakan coba lagi sebentar."
MESSAGE_EN = "The service is temporarily unavailable. Please try again in a few seconds."
# Plain HTML without templates: rendering a template may itself touch the database.
PAGE = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>503 - Posko Pilkada</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Posko Pilkada</h1><p>{MESSAGE_ID}</p><p lang="en">{MESSAGE_EN}</p>
<p>Laporan Anda belum terkirim; kirim ulang setelah {RETRY_AFTER_SECONDS} detik.</p></body></html>
"""


def is_unavailable(exc: BaseException) -> bool:
    """True for a lost or refused database connection (not for a bad query)."""
    return isinstance(exc, OperationalError | InterfaceError) and not _is_query_error(exc)


def _is_query_error(exc: BaseException) -> bool:
    # SQLite reports "no such table"/syntax errors as OperationalError too: those are bugs.
    text = str(exc).lower()
    return "no such table" in text or "syntax error" in text or "no such column" in text


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON for the API, a small page for people."""
    wants_json = request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")
    if wants_json:
        # The same error shape as every other API error (see posko/core/api.py).
        body = {"detail": [{"field": "", "code": "service_unavailable", "message": MESSAGE_EN}]}
        response = HttpResponse(json.dumps(body), status=503, content_type="application/json")
    else:
        response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _drop_broken_connections() -> None:
    """Close connections so the next request reconnects instead of reusing a dead socket."""
    for conn in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            conn.close()


class DatabaseUnavailableMiddleware:
    """Turn database outages raised by views and API endpoints into 503 + Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request through (the work happens in process_exception)."""
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        """Views: a lost database is a 503, any other error keeps its usual handling."""
        if is_unavailable(exc):
            return self._answer(request, exc)
        return None

    def _answer(self, request: HttpRequest, exc: BaseException) -> HttpResponse:
        logger.warning("database unavailable for %s: %s", request.path, exc)
        _drop_broken_connections()
        return unavailable_response(request)
