"""Background tasks of the case workflow: deadline reminders for assignees."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from posko.cases.models import Case
from posko.core import audit
from posko.core.models import AuditEvent
from posko.core.tasks import WORKER_ACTOR

REMINDER_VERB = "case.deadline_reminder"
# How far ahead a deadline counts as "due soon".
DUE_SOON = timedelta(hours=24)


def remind_deadlines() -> int:
    """Audit one reminder per case, deadline and state (due soon / overdue); returns new ones."""
    now = timezone.now()
    due = (
        Case.objects.open()
        .filter(assignee__isnull=False, deadline_at__isnull=False, deadline_at__lte=now + DUE_SOON)
        .values_list("pk", flat=True)
    )
    sent = 0
    for case_id in due:
        with transaction.atomic():
            # The row lock makes two workers agree on who writes the reminder.
            case = Case.objects.select_for_update().get(pk=case_id)
            if case.deadline_at is None or case.assignee_id is None:
                continue
            state = "overdue" if case.deadline_at <= now else "due_soon"
            key = case.deadline_at.isoformat()
            already = AuditEvent.objects.filter(
                verb=REMINDER_VERB,
                target_type="cases.case",
                target_id=str(case.pk),
                data__deadline_at=key,
                data__state=state,
            ).exists()
            if already:
                continue
            audit.record(
                WORKER_ACTOR,
                REMINDER_VERB,
                case,
                deadline_at=key,
                state=state,
                assignee=case.assignee_id,
                rule=case.deadline_rule,
            )
            sent += 1
    return sent


@task()
def send_deadline_reminders(period: str = "") -> int:
    """Periodic: remind assignees of cases due within 24 hours or overdue."""
    return remind_deadlines()
