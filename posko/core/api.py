"""The one NinjaAPI instance; each domain app contributes a router."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError

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
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "payload", "query")]
        errors.append(
            {
                "field": ".".join(loc),
                "code": err.get("type", "invalid"),
                "message": err.get("msg", ""),
            }
        )
    return api.create_response(request, {"detail": errors}, status=422)


HTTP_ERROR_CODES = {
    400: "invalid_json",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Every API error has the same shape as validation errors, with a code."""
    code = getattr(exc, "code", None) or HTTP_ERROR_CODES.get(exc.status_code, "error")
    message = "request body is not valid JSON" if code == "invalid_json" else exc.message
    response = api.create_response(
        request,
        {"detail": [{"field": "", "code": code, "message": message}]},
        status=exc.status_code,
    )
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


def _register_routers() -> None:
    from posko.cases.api import router as cases_router
    from posko.mapping.api import router as mapping_router
    from posko.neutrality.api import router as neutrality_router
    from posko.reports.api import router as reports_router

    api.add_router("/v1", neutrality_router)
    api.add_router("/v1", reports_router)
    api.add_router("/v1", cases_router)
    api.add_router("/v1", mapping_router)


_register_routers()
