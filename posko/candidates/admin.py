"""Admin for the candidate registry; every change refreshes the CSV snapshot."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from posko.candidates.models import CandidatePair
from posko.candidates.services import write_snapshot


@admin.register(CandidatePair)
class CandidatePairAdmin(admin.ModelAdmin):
    """Correct single pairs by hand; bulk changes go through `posko candidates import`."""

    list_display = [
        "election",
        "region_code",
        "region_name",
        "number",
        "candidate",
        "running_mate",
        "is_demo",
    ]
    list_filter = ["election", "is_demo"]
    search_fields = ["region_code", "region_name", "candidate", "running_mate"]
    readonly_fields = ["created", "updated"]

    # The snapshot is what the Django-free CLI reads, so admin edits must refresh it too.
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Save, then refresh the snapshot after commit."""
        super().save_model(request, obj, form, change)
        transaction.on_commit(write_snapshot)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        """Delete, then refresh the snapshot after commit."""
        super().delete_model(request, obj)
        transaction.on_commit(write_snapshot)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CandidatePair]) -> None:
        """Bulk delete, then refresh the snapshot after commit."""
        super().delete_queryset(request, queryset)
        transaction.on_commit(write_snapshot)
