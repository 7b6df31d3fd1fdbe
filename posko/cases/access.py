"""Who may do what on the officer pages: thin wrappers over accounts.permissions.can()."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from posko.accounts.permissions import can, role_of
from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.cases.workflow import ALLOWED_TRANSITIONS

# Exits that end a case before a court decides are the koordinator's call ("close").
CLOSING_EXITS = frozenset({Stage.STOPPED, Stage.FORWARDED})

View = Callable[..., HttpResponseBase]


def officer_required(*capabilities: str) -> Callable[[View], View]:
    """Login, an officer role, and at least one of `capabilities` (403 otherwise)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if role_of(request.user) is None:
                raise PermissionDenied
            if capabilities and not any(can(request.user, c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def may_advance(user: Any, case: Case) -> bool:
    """A petugas advances only their own cases; koordinator and admin any case."""
    if can(user, "advance_any"):
        return True
    return can(user, "advance_own") and case.assignee_id == getattr(user, "pk", None)


def may_message(user: Any, case: Case) -> bool:
    """Who may write to the reporter of this case."""
    if can(user, "message_any"):
        return True
    return can(user, "message_own") and case.assignee_id == getattr(user, "pk", None)


def allowed_next_stages(user: Any, case: Case) -> list[Stage]:
    """Next stages the state machine allows and this user may choose (merging has its own form)."""
    stages: list[Stage] = []
    for stage in sorted(ALLOWED_TRANSITIONS.get(Stage(case.stage), frozenset()), key=_order):
        if stage == Stage.MERGED:
            continue
        if stage in CLOSING_EXITS:
            if can(user, "close"):
                stages.append(stage)
        elif may_advance(user, case):
            stages.append(stage)
    return stages


_STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


def _order(stage: Stage) -> int:
    return _STAGE_ORDER[stage]
