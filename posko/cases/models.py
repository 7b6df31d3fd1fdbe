"""Cases (one or more merged reports) and their stage history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from posko.cases.choices import Route, Stage


class CaseQuerySet(models.QuerySet["Case"]):
    """Case queries, including the one visibility filter every officer view goes through."""

    def visible_to(self, user: object) -> CaseQuerySet:
        """Cases the user may see: all for queue roles, only assigned ones for a petugas."""
        from posko.accounts.permissions import can, role_of

        if can(user, "view_queue"):
            return self
        if role_of(user) is not None and can(user, "view_own_cases"):
            return self.filter(assignee=user)  # type: ignore[misc]  # an authenticated user
        return self.none()

    def open(self) -> CaseQuerySet:
        """Cases not in a closing stage."""
        from posko.cases.choices import CLOSED_STAGES

        return self.exclude(stage__in=CLOSED_STAGES)


class Case(models.Model):
    """The unit officers work on: a report, or several similar reports merged."""

    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    route = models.CharField(max_length=20, choices=Route.choices, blank=True)
    category = models.CharField(max_length=40, db_index=True)
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    opened_at = models.DateTimeField(db_index=True)
    stage_entered_at = models.DateTimeField()
    info_requested_at = models.DateTimeField(null=True, blank=True)
    # Derived from the deadline rule table when the stage changes; stored for fast queue queries.
    deadline_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deadline_rule = models.CharField(max_length=40, blank=True)
    deadline_unit_confirmed = models.BooleanField(default=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_cases"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["deadline_at", "-opened_at"]
        indexes = [models.Index(fields=["stage", "deadline_at"])]

    def __str__(self) -> str:
        return f"Kasus #{self.pk} ({self.get_stage_display()})"


class CaseEvent(models.Model):
    """One stage transition or workflow action: who, when, why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30)  # transition, assign, route, merge, info_request
    from_stage = models.CharField(max_length=20, blank=True)
    to_stage = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.from_stage}->{self.to_stage}"
