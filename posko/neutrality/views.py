"""Pages of the neutrality app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def self_check(request: HttpRequest) -> HttpResponse:
    """The ASN self-check page (filled in by the web work)."""
    return render(request, "core/home.html")
