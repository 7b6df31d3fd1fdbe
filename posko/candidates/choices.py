"""Choice lists of the candidates app."""

from __future__ import annotations

from django.db import models


class Election(models.TextChoices):
    """The contest a pair runs in; values match registry.ELECTIONS."""

    GUBERNUR = "gubernur", "Gubernur"
    BUPATI = "bupati", "Bupati"
    WALIKOTA = "walikota", "Wali Kota"
    PRESIDEN = "presiden", "Presiden"
