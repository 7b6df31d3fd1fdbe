"""Writing the audit log: one call per change, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction

from posko.core.models import AuditEvent

Actor = AbstractBaseUser | AnonymousUser | str | None


def record(
    actor: Actor, verb: str, target: models.Model | tuple[str, Any], **data: Any
) -> AuditEvent:
    """Append an audit row; must run inside the transaction that makes the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside transaction.atomic()")
    if isinstance(target, models.Model):
        target_type, target_id = target._meta.label_lower, str(target.pk)
    else:
        target_type, target_id = target[0], str(target[1])
    user = actor if isinstance(actor, AbstractBaseUser) else None
    label = actor if isinstance(actor, str) else ("" if user else "anonymous")
    return AuditEvent.objects.create(
        actor=user,  # type: ignore[misc]  # any AUTH_USER_MODEL instance
        actor_label=label or (user.get_username() if user else ""),
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        data=data,
    )
