"""Officer pages (write side): thin POST views that authorise and call one service each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from posko.accounts.permissions import can
from posko.cases import forms
from posko.cases.access import allowed_next_stages, may_advance, may_message, officer_required
from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.cases.views import detail_context
from posko.reports.models import Report

# Bulk action -> capability it needs (least privilege; "study" also lets a petugas move own rows).
BULK_CAPABILITY = {
    "assign": "assign",
    "route": "route",
    "study": "advance_own",
    "stop": "close",
}


def _workflow_error() -> type[Exception]:
    from posko.cases.services import WorkflowError

    return WorkflowError


def _error_text(exc: Exception) -> str:
    code = getattr(exc, "code", "")
    message = getattr(exc, "message", "") or str(exc)
    return f"{message} ({code})" if code else message


def _visible_case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user), pk=pk)


def _back_to(case: Case) -> HttpResponseRedirect:
    return redirect("cases:detail", pk=case.pk)


def _officer(pk: Any) -> User | None:
    if not pk:
        return None
    return User.objects.filter(pk=pk, is_active=True, officer__isnull=False).first()


def _form_errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@officer_required("assign", "route", "close", "advance_own")
def bulk_action(request: HttpRequest) -> HttpResponse:
    """Apply one action to the selected rows of the queue; reports per-row failures."""
    posted = [v for v in request.POST.getlist("cases") if v.isdigit()]
    visible_ids = list(
        Case.objects.visible_to(request.user).filter(pk__in=posted).values_list("pk", flat=True)
    )
    form = forms.BulkActionForm(request.POST, case_ids=visible_ids)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("cases:queue")
    if not form.is_valid():
        messages.error(request, _("Tindakan massal gagal: %s") % _form_errors(form))
        return redirect(target)
    action = form.cleaned_data["action"]
    if not can(request.user, BULK_CAPABILITY[action]):
        raise PermissionDenied
    from posko.cases import services

    error_class = _workflow_error()
    assignee = _officer(form.cleaned_data.get("assignee"))
    reason = form.cleaned_data.get("reason", "").strip()
    done, failed = 0, []
    for case in Case.objects.filter(pk__in=form.cleaned_data["cases"]).order_by("pk"):
        try:
            if action == "assign":
                services.assign_case(case, assignee, actor=request.user)
            elif action == "route":
                services.route_case(case, form.cleaned_data["route"], actor=request.user)
            elif action == "study":
                if not may_advance(request.user, case):
                    raise PermissionDenied
                services.transition_case(case, Stage.STUDY, actor=request.user, reason=reason)
            else:
                services.transition_case(case, Stage.STOPPED, actor=request.user, reason=reason)
            done += 1
        except (error_class, PermissionDenied) as exc:
            failed.append(f"#{case.pk}: {_error_text(exc) or _('tidak diizinkan')}")
    if done:
        messages.success(request, _("%(n)d kasus diperbarui.") % {"n": done})
    for line in failed:
        messages.error(request, line)
    return redirect(target)


@require_POST
@officer_required("advance_own", "advance_any", "close")
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the case to one of the next stages this user may choose."""
    case = _visible_case(request, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to(case)
    to_stage = Stage(form.cleaned_data["to_stage"])
    if to_stage not in allowed_next_stages(request.user, case):
        raise PermissionDenied
    from posko.cases import services

    try:
        services.transition_case(
            case, to_stage, actor=request.user, reason=form.cleaned_data["reason"].strip()
        )
    except _workflow_error() as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Tahap diubah ke: %(stage)s") % {"stage": to_stage.label})
    return _back_to(case)


@require_POST
@officer_required("assign")
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the case to an officer, or clear the assignment."""
    case = _visible_case(request, pk)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to(case)
    from posko.cases import services

    assignee = _officer(form.cleaned_data["assignee"])
    try:
        services.assign_case(case, assignee, actor=request.user)
    except _workflow_error() as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Penugasan disimpan."))
    return _back_to(case)


@require_POST
@officer_required("route")
def route(request: HttpRequest, pk: int) -> HttpResponse:
    """Set where the Posko sends the case."""
    case = _visible_case(request, pk)
    form = forms.RouteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to(case)
    from posko.cases import services

    try:
        services.route_case(
            case,
            form.cleaned_data["route"],
            actor=request.user,
            reason=form.cleaned_data["reason"].strip(),
        )
    except _workflow_error() as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Rute disimpan."))
    return _back_to(case)


@require_POST
@officer_required("merge")
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a similar case into this one; all its reports, evidence and messages move here."""
    case = _visible_case(request, pk)
    form = forms.MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to(case)
    source = _visible_case(request, form.cleaned_data["source"])
    from posko.cases import services

    reason = form.cleaned_data["reason"].strip() or _("Laporan serupa (tempat dan waktu sama)")
    try:
        services.merge_cases(case, [source], actor=request.user, reason=reason)
    except _workflow_error() as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, _("Kasus #%(source)d digabung ke kasus ini.") % {"source": source.pk}
        )
    return _back_to(case)


@require_POST
@officer_required("message_own", "message_any")
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """Reply to the reporter, or ask a question (which starts the +2-day extension)."""
    case = _visible_case(request, pk)
    if not may_message(request.user, case):
        raise PermissionDenied
    form = forms.MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to(case)
    report = get_object_or_404(Report, pk=form.cleaned_data["report"], case=case)
    body = form.cleaned_data["body"].strip()
    try:
        if form.cleaned_data["ask"]:
            from posko.cases.services import request_info

            request_info(case, actor=request.user, question=body)
        else:
            from posko.reports.services import post_message

            post_message(report, body, from_reporter=False, actor=request.user)
    except Exception as exc:  # a service refusal: shown, never a 500
        if not hasattr(exc, "code"):
            raise
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Pesan terkirim ke pelapor."))
    return _back_to(case)


@require_POST
@officer_required("view_identity")
def reveal_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a reporter's identity on explicit request; each request is audited by the service."""
    report = get_object_or_404(
        Report.objects.select_related("case"),
        pk=pk,
        case__in=Case.objects.visible_to(request.user),
    )
    from posko.reports.services import reveal_identity as reveal

    identity = reveal(report, actor=request.user)
    case = Case.objects.select_related("assignee", "merged_into").get(pk=report.case_id)
    response = render(
        request,
        "cases/detail.html",
        detail_context(request, case, revealed_report_id=report.pk, revealed_identity=identity),
    )
    # The identity must not linger in any cache or in the browser's history cache.
    response["Cache-Control"] = "private, no-store"
    return response
