"""Background tasks of situation reports: yesterday's national PDF, written once."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from posko.core import audit
from posko.core.models import AuditEvent
from posko.core.tasks import WORKER_ACTOR

RENDERED_VERB = "sitrep.rendered"


def sitrep_dir() -> Path:
    """Where scheduled situation reports are kept."""
    return Path(settings.DATA_DIR) / "sitrep"


def write_national_pdf(day: date) -> Path:
    """Render the national PDF for `day` unless it exists; atomic rename, audited once."""
    from posko.sitrep.builder import build_sitrep
    from posko.sitrep.render import render_pdf

    target = sitrep_dir() / f"sitrep-nasional-{day.isoformat()}.pdf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        data = render_pdf(build_sitrep(None, day))
        # A killed worker leaves at most a temp file, never a half-written PDF.
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".sitrep-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    with transaction.atomic():
        key = ("sitrep.national", day.isoformat())
        done = AuditEvent.objects.filter(
            verb=RENDERED_VERB, target_type=key[0], target_id=key[1]
        ).exists()
        if not done:
            audit.record(WORKER_ACTOR, RENDERED_VERB, key, file=target.name)
    return target


@task()
def render_daily_sitrep(period: str) -> str:
    """Periodic: the national situation report for the day named by `period` (YYYY-MM-DD)."""
    return write_national_pdf(date.fromisoformat(period)).name
