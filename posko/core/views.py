"""Pages that belong to no single domain."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Landing page pointing to the public services."""
    return render(request, "core/home.html")
