"""The /sitrep page: choose a region and day, view the report, download PDF or XLSX."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from posko.cases.access import officer_required
from posko.sitrep.builder import SitrepError, build_sitrep
from posko.sitrep.forms import SitrepForm
from posko.sitrep.regions import RegionChoice, choose_region
from posko.sitrep.render import file_name, render_pdf, report_context
from posko.sitrep.xlsx import render_xlsx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
@officer_required("dashboard")
def index(request: HttpRequest) -> HttpResponse:
    """The form; with a complete query, the report itself or a download."""
    language = translation.get_language() or "id"
    if "date" not in request.GET:
        initial = {"date": timezone.localdate(), "language": language[:2]}
        return render(request, "sitrep/page.html", {"form": SitrepForm(initial=initial)})
    form = SitrepForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "sitrep/page.html", context, status=400)
    data = form.cleaned_data
    choice: RegionChoice = choose_region(data["region"])
    if choice.error:
        form.add_error("region", choice.error)
        return render(request, "sitrep/page.html", context, status=400)
    if choice.candidates:
        context |= {
            "candidates": choice.candidates,
            "date_value": data["date"].isoformat(),
            "language_value": data["language"],
        }
        return render(request, "sitrep/page.html", context)
    try:
        sitrep = build_sitrep(choice.code, data["date"], language=data["language"])
    except SitrepError as exc:
        form.add_error("region", exc.message)
        return render(request, "sitrep/page.html", context, status=400)
    fmt = request.GET.get("format", "html")
    if fmt in CONTENT_TYPES:
        body = render_pdf(sitrep) if fmt == "pdf" else render_xlsx(sitrep)
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{file_name(sitrep, fmt)}"'
        return response
    with translation.override(sitrep.language):
        context |= report_context(sitrep)
    return render(request, "sitrep/page.html", context)
