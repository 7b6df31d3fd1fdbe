"""The one NinjaAPI instance; each domain app contributes a router."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

api = NinjaAPI(
    title="Posko Pilkada API",
    version="1",
    description="ASN neutrality checks, content classification and (later) public reports.",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with one entry per bad field: a machine code, the field path and a message."""
    errors = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "payload")]
        errors.append(
            {"field": ".".join(loc), "code": err.get("type", "invalid"), "message": err.get("msg", "")}
        )
    return api.create_response(request, {"detail": errors}, status=422)


def _register_routers() -> None:
    from posko.neutrality.api import router as neutrality_router

    api.add_router("/v1", neutrality_router)


_register_routers()
