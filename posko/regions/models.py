"""Administrative regions (Kepmendagri 2025 codes)."""

from __future__ import annotations

from django.db import models

from posko.regions.choices import RegionLevel


class Region(models.Model):
    """A provinsi, kabupaten/kota, kecamatan or desa/kelurahan, keyed by its Kemendagri code."""

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=100, db_index=True)
    level = models.CharField(max_length=10, choices=RegionLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Published for provinsi and kabupaten/kota only.
    population = models.PositiveBigIntegerField(null=True, blank=True)
    area_km2 = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
