"""Print the API's OpenAPI schema: `python -m posko.core.openapi > docs/openapi.json`."""

from __future__ import annotations

import json
import sys
from typing import Any


def openapi_schema() -> dict[str, Any]:
    """The schema exactly as /api/openapi.json serves it."""
    from posko.core.api import api

    return dict(api.get_openapi_schema())


def render() -> str:
    """The committed file's text: stable key order and a final newline, so diffs stay small."""
    return json.dumps(openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Configure Django and write the schema to stdout."""
    # Run as a script, so Django is not set up yet; the CLI's helper does exactly that.
    from posko.cli import setup_django

    setup_django()
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
