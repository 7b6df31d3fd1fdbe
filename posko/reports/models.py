"""Public reports (pengaduan), the reporter's identity kept apart, evidence and messages."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Report(models.Model):
    """One report from the public; no IP address or identity is stored on it."""

    tracking_code = models.CharField(max_length=20, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reports")
    category = models.CharField(max_length=40, db_index=True)
    description = models.TextField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    discovered_at = models.DateTimeField()
    submitted_at = models.DateTimeField(db_index=True)
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    place_detail = models.CharField(max_length=300, blank=True)
    tps_number = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    terlapor = models.TextField(blank=True, help_text="who is reported")
    post_text = models.TextField(blank=True, help_text="for ASN neutrality: the post in question")
    is_anonymous = models.BooleanField(default=True)
    filed_late = models.BooleanField(default=False)
    # Snapshot of the requirement check at submission (formal/material, DOMAIN.md §5).
    requirements = models.JSONField(default=dict)
    # Officer-only: the neutrality engine's verdict on post_text.
    neutrality_verdict = models.JSONField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.tracking_code


class ReporterIdentity(models.Model):
    """Who reported, stored apart from the report; every read is audited."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    contact = models.CharField(max_length=200, blank=True, help_text="phone or e-mail")

    def __str__(self) -> str:
        return f"identity for report #{self.pk}"


class Witness(models.Model):
    """A witness named by the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="witnesses")
    name = models.CharField(max_length=200)
    contact = models.CharField(max_length=200, blank=True)
    statement = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Evidence(models.Model):
    """An evidence file, checked by content, hashed and stored outside the web root."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=10)  # image, video, pdf, audio
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    storage_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(max_length=200, blank=True)
    metadata_stripped = models.BooleanField(default=False)
    location_kept = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.CharField(max_length=20, default="reporter")  # reporter or officer

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]}"


class Message(models.Model):
    """A message between reporter and officers on a report, shown on /lacak."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message #{self.pk}"


class ReceivedReport(models.Model):
    """A report acknowledged to its reporter and not yet filed: the intake queue.

    The public endpoints store only this row (and the evidence files) before answering, so a
    burst of reports on election day costs one insert each; the worker, or the first read of
    the tracking code, files it as a Report with its case, identity, witnesses and audit rows
    (`posko.reports.intake`). The row is deleted in the transaction that files it.
    """

    tracking_code = models.CharField(max_length=20, unique=True)
    received_at = models.DateTimeField()
    # The ReportSubmission as JSON; it holds the identity (if any) until the report is filed.
    submission = models.JSONField()
    # Evidence files already written to EVIDENCE_DIR: [{storage_name, sha256, size, ...}].
    evidence = models.JSONField(default=list)
    requirements = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"received {self.tracking_code}"
