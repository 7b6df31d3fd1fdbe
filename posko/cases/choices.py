"""Case stages and routes: value, label and colour together."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Gakkumdu handling stages, plus the exits."""

    RECEIVED = "received", _("Diterima")
    STUDY = "study", _("Kajian")
    GAKKUMDU = "gakkumdu", _("Pembahasan Sentra Gakkumdu")
    INVESTIGATION = "investigation", _("Penyidikan")
    PROSECUTION = "prosecution", _("Penuntutan")
    TRIAL = "trial", _("Persidangan")
    APPEAL = "appeal", _("Banding")
    FINAL = "final", _("Berkekuatan hukum tetap")
    STOPPED = "stopped", _("Dihentikan")
    FORWARDED = "forwarded", _("Diteruskan ke instansi lain")
    MERGED = "merged", _("Digabung dengan laporan lain")


STAGE_COLOURS: dict[str, str] = {
    Stage.RECEIVED: "grey",
    Stage.STUDY: "blue",
    Stage.GAKKUMDU: "indigo",
    Stage.INVESTIGATION: "purple",
    Stage.PROSECUTION: "orange",
    Stage.TRIAL: "red",
    Stage.APPEAL: "red",
    Stage.FINAL: "green",
    Stage.STOPPED: "grey",
    Stage.FORWARDED: "teal",
    Stage.MERGED: "grey",
}

CLOSED_STAGES = frozenset({Stage.FINAL, Stage.STOPPED, Stage.FORWARDED, Stage.MERGED})

# What a reporter sees: coarse, never officer-only details.
PUBLIC_STATUS: dict[str, str | Promise] = {
    Stage.RECEIVED: _("Laporan diterima, menunggu telaah petugas"),
    Stage.STUDY: _("Sedang dikaji"),
    Stage.GAKKUMDU: _("Dibahas di Sentra Gakkumdu"),
    Stage.INVESTIGATION: _("Dalam proses penegakan hukum"),
    Stage.PROSECUTION: _("Dalam proses penegakan hukum"),
    Stage.TRIAL: _("Dalam proses persidangan"),
    Stage.APPEAL: _("Dalam proses persidangan"),
    Stage.FINAL: _("Selesai: ada putusan"),
    Stage.STOPPED: _("Selesai: tidak dilanjutkan"),
    Stage.FORWARDED: _("Diteruskan ke instansi yang berwenang"),
    Stage.MERGED: _("Digabung dengan laporan serupa"),
}


class Route(models.TextChoices):
    """Where the Posko sends a case (see reports/data/categories.yaml for citations)."""

    GAKKUMDU = "gakkumdu", _("Bawaslu / Sentra Gakkumdu")
    AGHT = "aght", _("Koordinasi KPU dan Bawaslu (AGHT)")
    DATUN = "datun", _("Bidang Datun")
    PIDSUS = "pidsus", _("Bidang Pidsus")
    BKN = "bkn", _("Bawaslu → BKN (netralitas ASN)")
