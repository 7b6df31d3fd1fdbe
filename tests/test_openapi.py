"""The committed OpenAPI file is the API contract: it must match what the server publishes."""

from __future__ import annotations

import json
from pathlib import Path

from django.test import Client

from posko.core.openapi import render

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
REGENERATE = "regenerate it with: .venv/bin/python -m posko.core.openapi > docs/openapi.json"


def test_committed_schema_matches_the_live_schema(client: Client) -> None:
    live = client.get("/api/openapi.json").json()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    changed = sorted(
        name
        for old, new in [
            (committed["paths"], live["paths"]),
            (committed["components"]["schemas"], live["components"]["schemas"]),
        ]
        for name in old.keys() | new.keys()
        if old.get(name) != new.get(name)
    )
    assert live == committed, f"docs/openapi.json is out of date ({changed}); {REGENERATE}"


def test_committed_file_is_in_the_generated_format() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), f"formatting differs; {REGENERATE}"


def test_the_docs_page_works_offline(client: Client) -> None:
    """/api/docs loads Swagger UI from Posko's own static files: no CDN (none is reachable
    without internet, and the content security policy would block one anyway)."""
    page = client.get("/api/docs").content.decode()
    assert "cdn." not in page and "https://" not in page
    for asset in ("/static/ninja/swagger-ui.css", "/static/ninja/swagger-ui-bundle.js"):
        assert asset in page
        response = client.get(asset)
        assert response.status_code == 200
        assert b"".join(response.streaming_content if response.streaming else [response.content])
