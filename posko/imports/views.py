"""The officer upload page: check one platform export without the command line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from posko.cases.access import officer_required
from posko.imports.acts import ActorInfo
from posko.imports.errors import ExportFormatError
from posko.imports.forms import UploadForm
from posko.imports.services import check_export


@officer_required()
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: import + check, then the verdicts (or the JSON lines to download)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["export"]
        label = Path(upload_file.name).name
        owner = ActorInfo(nip=data["nip"].strip(), asn=data["asn"], name=data["name"] or None)
        with tempfile.TemporaryDirectory() as folder:
            # The original name matters: a WhatsApp export names its group in it.
            path = Path(folder) / label
            with open(path, "wb") as out:
                for chunk in upload_file.chunks():
                    out.write(chunk)
            try:
                result = check_export(
                    data["format"], path, label=label, owner=owner, actor=request.user
                )
            except ExportFormatError as exc:
                context["error"] = str(exc)
                return render(request, "imports/upload.html", context, status=400)
        if "download" in request.POST:
            response = HttpResponse(
                "".join(line + "\n" for line in result.lines),
                content_type="application/x-ndjson; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{Path(label).stem}.jsonl"'
            return response
        context["result"] = result
    return render(request, "imports/upload.html", context)
