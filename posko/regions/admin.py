"""Admin for regions: read-only, because the list comes from the Kepmendagri data file."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from posko.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Browse and search regions; edits would be lost on the next data release."""

    list_display = ["code", "name", "level", "population", "area_km2"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Regions are loaded with `posko regions load`."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Regions are loaded with `posko regions load`."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Regions are loaded with `posko regions load`."""
        return False
