"""Watchlisted ASN, their accounts, and the immutable findings and evidence recorded on them."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from posko.watchlist.identity import PLATFORMS


class ImmutableError(Exception):
    """Evidence is never changed or deleted once recorded; record a correction instead."""


class ImmutableQuerySet(models.QuerySet[Any]):
    """Refuses bulk update and delete, the paths that bypass Model.save()/delete()."""

    def update(self, **kwargs: Any) -> NoReturn:
        """Refused: evidence is immutable."""
        raise ImmutableError("evidence records cannot be updated")

    def delete(self) -> NoReturn:
        """Refused: evidence is immutable."""
        raise ImmutableError("evidence records cannot be deleted")


class ImmutableModel(models.Model):
    """A row that may be inserted once and never updated or deleted."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only; an update raises ImmutableError."""
        if not self._state.adding:
            raise ImmutableError(f"{self._meta.label} {self.pk} is immutable; record a correction")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Refused: evidence is immutable."""
        raise ImmutableError(f"{self._meta.label} {self.pk} cannot be deleted")


class AsnPerson(models.Model):
    """A civil servant (ASN) on the office's watchlist."""

    nip = models.CharField("NIP", max_length=18, unique=True)
    name = models.CharField(max_length=200)
    institution = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=200, blank=True)
    region_code = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "nip"]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class SocialAccount(models.Model):
    """A known account of a watchlisted person on one platform (handle normalised)."""

    person = models.ForeignKey(AsnPerson, on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(max_length=20, choices=[(p, p) for p in PLATFORMS])
    handle = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="watchlist_account_unique")
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


class Finding(ImmutableModel):
    """A neutrality-rule hit on one item of a watchlisted person's activity."""

    person = models.ForeignKey(AsnPerson, on_delete=models.PROTECT, related_name="findings")
    rule_id = models.CharField(max_length=100)
    candidate = models.CharField(max_length=200, blank=True)  # targets, joined, for grouping
    targets = models.JSONField(default=list)
    verdict = models.JSONField()
    explanation = models.TextField(blank=True)
    act = models.JSONField()
    fingerprint = models.CharField(max_length=64, db_index=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Finding {self.pk} ({self.rule_id})"


class EvidenceItem(ImmutableModel):
    """The original item behind a finding, where it came from, and an optional screenshot."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="evidence")
    item = models.JSONField()  # text, url, account, timestamp, platform as exported
    source_name = models.CharField(max_length=255)
    source_sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField()
    imported_by = models.CharField(max_length=150)
    screenshot_name = models.CharField(max_length=255, blank=True)  # under EVIDENCE_DIR/watchlist
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    screenshot_content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Evidence {self.pk} of finding {self.finding_id}"


class FindingCase(ImmutableModel):
    """The link from a finding to the report and case it became, and the package attached."""

    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="case_link")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="findings")
    report = models.ForeignKey("reports.Report", on_delete=models.PROTECT, related_name="+")
    package_name = models.CharField(max_length=255)  # under EVIDENCE_DIR/watchlist/packages
    package_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Finding {self.finding_id} -> case {self.case_id}"
