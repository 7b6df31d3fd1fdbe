"""Watchlist pages for koordinator and admin: thin views over the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from posko.watchlist import services
from posko.watchlist.access import may
from posko.watchlist.forms import AccountForm, PersonForm
from posko.watchlist.identity import WatchlistInputError
from posko.watchlist.models import AsnPerson, EvidenceItem, Finding


def _require(request: HttpRequest, capability: str) -> None:
    if not may(request.user, capability):
        raise PermissionDenied


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Search the watchlist (the search is audited)."""
    _require(request, "watchlist_view")
    query = request.GET.get("q", "")[:100]
    people = services.search_people(query, actor=request.user)
    return render(request, "watchlist/list.html", {"people": people, "q": query})


def _save(request: HttpRequest, form: PersonForm) -> AsnPerson | None:
    if not form.is_valid():
        return None
    try:
        person, _created = services.save_person(actor=request.user, **form.cleaned_data)
    except WatchlistInputError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    return person


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    """Add a person."""
    _require(request, "watchlist_manage")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and (person := _save(request, form)):
        return HttpResponseRedirect(reverse("watchlist:person", args=[person.pk]))
    return render(request, "watchlist/form.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a person (the NIP is the key: changing it files a new person)."""
    _require(request, "watchlist_manage")
    person = get_object_or_404(AsnPerson, pk=pk)
    initial = {f: getattr(person, f) for f in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and (saved := _save(request, form)):
        return HttpResponseRedirect(reverse("watchlist:person", args=[saved.pk]))
    return render(request, "watchlist/form.html", {"form": form, "person": person})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person with accounts and findings; the view is audited."""
    _require(request, "watchlist_view")
    try:
        person = services.view_person(pk, actor=request.user)
    except AsnPerson.DoesNotExist:
        raise Http404 from None
    return render(request, "watchlist/detail.html", _detail_context(request, person))


def _detail_context(request: HttpRequest, person: AsnPerson, **extra: Any) -> dict[str, Any]:
    findings = (
        Finding.objects.filter(person=person)
        .select_related("case_link__report", "supersedes")
        .prefetch_related(Prefetch("evidence", queryset=EvidenceItem.objects.order_by("pk")))
    )
    return {
        "person": person,
        "accounts": person.accounts.all(),
        "findings": findings,
        "account_form": AccountForm(),
        "may_manage": may(request.user, "watchlist_manage"),
        "may_case": may(request.user, "finding_to_case"),
        **extra,
    }


@login_required
@require_POST
def account_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach an account to a person."""
    _require(request, "watchlist_manage")
    person = get_object_or_404(AsnPerson, pk=pk)
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            services.add_account(person, actor=request.user, **form.cleaned_data)
        except WatchlistInputError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Platform dan akun wajib diisi.")
    return HttpResponseRedirect(reverse("watchlist:person", args=[person.pk]))


@login_required
def package_download(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence package (ZIP) of all of a person's findings."""
    _require(request, "watchlist_view")
    from posko.watchlist.package import build_evidence_package

    person = get_object_or_404(AsnPerson, pk=pk)
    findings = list(Finding.objects.filter(person=person))
    if not findings:
        raise Http404
    path = build_evidence_package(findings, actor=request.user)
    return FileResponse(
        open(path, "rb"), as_attachment=True, filename=f"paket-bukti-{person.nip}.zip"
    )


@login_required
@require_POST
def finding_to_case(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the finding becomes a report and case routed to BKN."""
    _require(request, "finding_to_case")
    from posko.watchlist.casework import open_case_from_finding

    finding = get_object_or_404(Finding.objects.select_related("person"), pk=pk)
    link = open_case_from_finding(finding, actor=request.user)
    messages.success(request, f"Temuan #{finding.pk} menjadi kasus #{link.case_id}.")
    return HttpResponseRedirect(reverse("cases:detail", args=[link.case_id]))
