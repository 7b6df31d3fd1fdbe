"""Public pages: /lapor (report in two steps) and /lacak (follow a report with its code)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from posko.core.ratelimit import rate_limit_post
from posko.reports.forms import (
    MAX_WITNESS_ROWS,
    WITNESS_PREFIX,
    WITNESS_ROWS,
    MessageForm,
    ReportForm,
    TrackForm,
    WitnessForm,
    WitnessFormSet,
    region_label,
    witness_data,
)
from posko.reports.intake import receive_report
from posko.reports.requirements import check_requirements
from posko.reports.services import (
    ReportError,
    add_evidence,
    find_report,
    post_message,
    public_status,
)
from posko.reports.tracking import spoken_groups
from posko.reports.validation import validate_submission

# Service error fields -> the form field that shows them.
FORM_FIELDS = {
    "discovered_at": "discovered_date",
    "occurred_at": "occurred_date",
    "region_code": "region",
}
# Step-1 inputs carried through step 2 as hidden fields; nothing is stored before "Kirim".
CARRIED = tuple(ReportForm.base_fields)


def _step1(request: HttpRequest, form: ReportForm, witnesses: Any, *, errors: bool) -> HttpResponse:
    return render(
        request,
        "reports/submit.html",
        {"form": form, "witnesses": witnesses, "show_errors": errors},
    )


def _carried(request: HttpRequest, form: ReportForm) -> list[tuple[str, str]]:
    """Hidden (name, value) pairs: step-1 answers plus the resolved region code."""
    pairs = [
        (name, request.POST.get(name, ""))
        for name in CARRIED
        if name != "region_choice" and request.POST.get(name)
    ]
    if form.region_code:
        pairs.append(("region_choice", form.region_code))
    pairs += [
        (key, str(request.POST.get(key, "")))
        for key in request.POST
        if key.startswith(WITNESS_PREFIX + "-")
    ]
    return pairs


def _step2(
    request: HttpRequest, form: ReportForm, witnesses: Any, file_error: str = ""
) -> HttpResponse:
    submission = form.to_submission(witness_data(witnesses))
    result = check_requirements(submission, evidence_count=0)
    return render(
        request,
        "reports/check.html",
        {
            "result": result,
            "carried": _carried(request, form),
            "region_label": region_label(form.region_code) if form.region_code else "",
            "file_error": file_error,
        },
    )


@require_http_methods(["GET", "POST"])
@rate_limit_post("lapor")
def submit(request: HttpRequest) -> HttpResponse:
    """Step 1 (details) -> step 2 (requirement check and evidence) -> confirmation."""
    if request.method == "GET":
        return _step1(request, ReportForm(), WitnessFormSet(prefix=WITNESS_PREFIX), errors=False)
    action = request.POST.get("action", "check")
    if action in {"add_witness", "edit"}:
        # Redisplay what was typed without judging it yet: unbound forms with initial values.
        form, witnesses = _unbound(request, extra_row=action == "add_witness")
        return _step1(request, form, witnesses, errors=False)
    form = ReportForm(request.POST)
    witnesses = WitnessFormSet(request.POST, prefix=WITNESS_PREFIX)
    if not (form.is_valid() & witnesses.is_valid()):
        return _step1(request, form, witnesses, errors=True)
    submission = form.to_submission(
        witness_data(witnesses), keep_location=request.POST.get("keep_location") == "on"
    )
    try:
        validate_submission(submission, timezone.now())
    except ReportError as exc:
        _attach(form, exc)
        return _step1(request, form, witnesses, errors=True)
    if action != "submit":
        return _step2(request, form, witnesses)
    try:
        report = receive_report(submission, request.FILES.getlist("files"))
    except ReportError as exc:
        if exc.field == "files":
            return _step2(request, form, witnesses, file_error=exc.message)
        _attach(form, exc)
        return _step1(request, form, witnesses, errors=True)
    # Rendered, not redirected: the code never appears in a URL, a log line or the history.
    return render(
        request,
        "reports/submitted.html",
        {
            "code": report.tracking_code,
            "groups": report.tracking_code.split("-"),
            "spoken": spoken_groups(report.tracking_code),
            "outcome": report.requirements.get("outcome_label", ""),
            "late_warning": report.requirements.get("late_warning", ""),
        },
    )


def _unbound(request: HttpRequest, *, extra_row: bool) -> tuple[ReportForm, Any]:
    """Step 1 refilled from the POST, witnesses kept, optionally one more blank row."""
    post = request.POST
    form = ReportForm(initial={name: post.get(name, "") for name in CARRIED})
    try:
        total = min(int(post.get(f"{WITNESS_PREFIX}-TOTAL_FORMS", "0")), MAX_WITNESS_ROWS)
    except ValueError:
        total = 0
    rows = [
        {
            "name": post.get(f"{WITNESS_PREFIX}-{i}-name", ""),
            "contact": post.get(f"{WITNESS_PREFIX}-{i}-contact", ""),
        }
        for i in range(total)
    ]
    rows = [r for r in rows if r["name"] or r["contact"]]
    blank = max(WITNESS_ROWS - len(rows), 0) + (1 if extra_row else 0)
    factory = forms.formset_factory(WitnessForm, extra=blank, max_num=MAX_WITNESS_ROWS)
    return form, factory(initial=rows, prefix=WITNESS_PREFIX)


def _with_local_times(status: dict[str, Any]) -> dict[str, Any]:
    """Add a Jakarta-time `when` next to each ISO `at` for display."""
    for entry in [*status["timeline"], *status["messages"]]:
        parsed = parse_datetime(entry["at"])
        entry["when"] = timezone.localtime(parsed) if parsed else None
    return status


def _attach(form: ReportForm, exc: ReportError) -> None:
    for error in exc.errors:
        field = FORM_FIELDS.get(error.field, error.field)
        form.add_error(field if field in form.fields else None, error.message)


@require_http_methods(["GET", "POST"])
@rate_limit_post("lacak")
def track(request: HttpRequest) -> HttpResponse:
    """Enter the code -> status, timeline and messages; reply or add evidence with the code."""
    if request.method == "GET":
        return render(request, "reports/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/track.html", {"form": form}, status=200)
    report = find_report(form.cleaned_data["code"])
    if report is None:
        form.add_error("code", _("Kode tidak ditemukan. Periksa lagi kode laporan Anda."))
        return render(request, "reports/track.html", {"form": form})
    action = request.POST.get("action", "find")
    message_form = MessageForm()
    notice, evidence_error = "", ""
    if action == "reply":
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            try:
                post_message(report, message_form.cleaned_data["body"], from_reporter=True)
                message_form, notice = MessageForm(), _("Pesan Anda terkirim.")
            except ReportError as exc:
                message_form.add_error("body", exc.message)
    elif action == "evidence":
        try:
            added = add_evidence(
                report,
                request.FILES.getlist("files"),
                uploaded_by="reporter",
                keep_location=request.POST.get("keep_location") == "on",
            )
            notice = _("%(n)d berkas bukti ditambahkan.") % {"n": len(added)}
        except ReportError as exc:
            evidence_error = exc.message
    return render(
        request,
        "reports/status.html",
        {
            "code": report.tracking_code,
            "status": _with_local_times(public_status(report)),
            "message_form": message_form,
            "notice": notice,
            "evidence_error": evidence_error,
        },
    )
