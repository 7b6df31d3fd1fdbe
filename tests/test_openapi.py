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
