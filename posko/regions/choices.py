"""Choice lists of the regions app."""

from __future__ import annotations

from django.db import models


class RegionLevel(models.TextChoices):
    """Administrative level in the Kepmendagri code (2, 5, 8 or 13 characters)."""

    PROVINSI = "provinsi", "Provinsi"
    KABKOTA = "kabkota", "Kabupaten/Kota"
    KECAMATAN = "kecamatan", "Kecamatan"
    DESA = "desa", "Desa/Kelurahan"
