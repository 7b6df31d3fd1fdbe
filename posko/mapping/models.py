"""Mapping models: daily report counts, indicator occurrences and spike alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext

# One column per case stage (posko.cases.choices.Stage) so that the stage filter and the
# verification weights work on the aggregate alone.
STAGE_COLUMNS: dict[str, str] = {
    "received": "n_received",
    "study": "n_study",
    "gakkumdu": "n_gakkumdu",
    "investigation": "n_investigation",
    "prosecution": "n_prosecution",
    "trial": "n_trial",
    "appeal": "n_appeal",
    "final": "n_final",
    "stopped": "n_stopped",
    "forwarded": "n_forwarded",
    "merged": "n_merged",
}
# "Verified": the case went past kajian (study) into enforcement or was forwarded.
VERIFIED_STAGES = frozenset(
    {"gakkumdu", "investigation", "prosecution", "trial", "appeal", "final", "forwarded"}
)


# The map's covering index (mapping/index.py names it to SQLite for wide windows).
COVERING_INDEX = "mapping_dc_cover"


class DailyCount(models.Model):
    """Reports per kab/kota (or province-only / blank code), category and local day, by stage."""

    # Kab/kota code ("31.71"); a report coded only to a province keeps "31"; no region is "".
    region_code = models.CharField(max_length=5)
    category = models.CharField(max_length=40)
    day = models.DateField()  # the Asia/Jakarta date of Report.submitted_at
    reports = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)
    # Σ stage weight × reports (index_method.yaml `stage_weights`, before category severity);
    # written with the counts, so a change of stage weights needs `posko mapping rebuild`.
    weighted = models.FloatField(default=0.0)
    n_received = models.PositiveIntegerField(default=0)
    n_study = models.PositiveIntegerField(default=0)
    n_gakkumdu = models.PositiveIntegerField(default=0)
    n_investigation = models.PositiveIntegerField(default=0)
    n_prosecution = models.PositiveIntegerField(default=0)
    n_trial = models.PositiveIntegerField(default=0)
    n_appeal = models.PositiveIntegerField(default=0)
    n_final = models.PositiveIntegerField(default=0)
    n_stopped = models.PositiveIntegerField(default=0)
    n_forwarded = models.PositiveIntegerField(default=0)
    n_merged = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "category", "day"], name="mapping_dailycount_cell"
            )
        ]
        indexes = [
            models.Index(fields=["day", "region_code"], name="mapping_dc_day_region"),
            # Covering index for the map: one ordered scan, no table look-ups, no sort.
            models.Index(
                fields=["region_code", "category", "day", "reports", "verified", "weighted"],
                name=COVERING_INDEX,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_code or '-'} {self.category} {self.day}: {self.reports}"


class IndicatorOccurrence(models.Model):
    """An analyst's record that a vulnerability indicator occurred in a region on a date."""

    region_code = models.CharField(max_length=13, db_index=True)
    indicator = models.CharField(max_length=20, db_index=True)  # id from data/indicators.yaml
    date = models.DateField(db_index=True)
    source = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_label = models.CharField(max_length=100, blank=True)  # "cli", an import file
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.indicator} @ {self.region_code} {self.date}"


class SpikeAlert(models.Model):
    """An unusual daily count of one category in one region, against its own baseline."""

    region_code = models.CharField(max_length=5)
    category = models.CharField(max_length=40)
    day = models.DateField(db_index=True)
    observed = models.PositiveIntegerField()
    expected = models.FloatField()  # baseline mean per day
    baseline_days = models.PositiveIntegerField()
    threshold = models.PositiveIntegerField()  # the smallest count that would be a spike
    p_value = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-day", "p_value"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "category", "day"], name="mapping_spikealert_cell"
            )
        ]

    def __str__(self) -> str:
        return f"spike {self.region_code} {self.category} {self.day}: {self.observed}"

    @property
    def is_acknowledged(self) -> bool:
        """True once an officer has acknowledged the alert."""
        return self.acknowledged_at is not None

    @property
    def category_label(self) -> str:
        """The report category's label in the active language (the id when unknown)."""
        from posko.reports.taxonomy import load_taxonomy

        category = load_taxonomy().categories.get(self.category)
        return category.label if category else self.category

    def explanation(self) -> str:
        """The numbers behind the alert, in one sentence in the active language."""
        return gettext(
            "%(observed)s laporan pada %(day)s, sedangkan rata-rata %(days)s hari sebelumnya "
            "%(expected).2f per hari; peluang Poisson P(X ≥ %(observed)s) = %(p).2g "
            "(batas lonjakan: ≥ %(threshold)s laporan)."
        ) % {
            "observed": self.observed,
            "day": f"{self.day:%d-%m-%Y}",
            "days": self.baseline_days,
            "expected": self.expected,
            "p": self.p_value,
            "threshold": self.threshold,
        }
