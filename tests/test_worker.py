"""Background work: periodic scheduling, idempotent tasks, and a worker killed mid-task."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from posko.cases.models import Case
from posko.cases.tasks import REMINDER_VERB, remind_deadlines
from posko.core.models import AuditEvent
from posko.core.tasks import SCHEDULE, enqueue_due, requeue_orphans
from posko.core.worker import WorkerLoop
from posko.mapping.models import DailyCount
from posko.reports.intake import receive_report
from posko.reports.models import Report
from posko.reports.services import add_evidence
from posko.reports.submission import ReportSubmission
from posko.reports.tasks import process_report_evidence
from posko.reports.tests.factories import photo

POSKO = Path(sys.executable).with_name("posko")
TASKS_TABLE = "django_tasks_database_dbtaskresult"


def make_case(**fields: Any) -> Case:
    now = timezone.now()
    values: dict[str, Any] = {
        "category": "politik_uang",
        "opened_at": now,
        "stage_entered_at": now,
    }
    values.update(fields)
    return Case.objects.create(**values)


@pytest.mark.django_db
def test_scheduler_enqueues_each_periodic_task_once_per_period() -> None:
    first = enqueue_due()
    assert len(first) == len(SCHEDULE) == 4
    assert enqueue_due() == []  # same hour, same quarter, same day: nothing new
    assert DBTaskResult.objects.count() == 4
    later = enqueue_due(timezone.now() + timedelta(hours=1))
    assert any(name.startswith("send_deadline_reminders") for name in later)


@pytest.mark.django_db
def test_deadline_reminders_are_idempotent_per_case_deadline_and_state(time_machine: Any) -> None:
    officer = get_user_model().objects.create_user("petugas", password="x")
    case = make_case(assignee=officer, deadline_at=timezone.now() + timedelta(hours=3))
    make_case(deadline_at=timezone.now() + timedelta(hours=3))  # no assignee: nobody to remind
    make_case(assignee=officer, deadline_at=timezone.now() + timedelta(days=5))  # not due yet
    assert remind_deadlines() == 1
    assert remind_deadlines() == 0
    time_machine.move_to(timezone.now() + timedelta(hours=4))
    assert remind_deadlines() == 1  # now overdue: one more, then quiet again
    assert remind_deadlines() == 0
    rows = AuditEvent.objects.filter(verb=REMINDER_VERB, target_id=str(case.pk))
    assert sorted(r.data["state"] for r in rows) == ["due_soon", "overdue"]
    assert {r.data["assignee"] for r in rows} == {officer.pk}


# Transactional: the worker closes stale connections between tasks, as it must in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_files_received_reports_and_checks_their_evidence(
    settings: Any, tmp_path: Path
) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    now = timezone.now()
    submission = ReportSubmission(
        category="politik_uang",
        description="Amplop dibagikan di depan TPS 004.",
        occurred_at=now - timedelta(days=1),
        discovered_at=now - timedelta(hours=20),
        region_code="31.71.01.1001",
        place_detail="TPS 004",
        terlapor="Tim sukses",
        witnesses=[],
    )
    received = receive_report(submission, [photo()])  # what the public endpoints do
    assert not Report.objects.exists()
    loop = WorkerLoop(worker_id="test")
    assert loop.tick() == 0 and loop.filed == 1  # filed as a case; no task was needed
    report = Report.objects.get(tracking_code=received.tracking_code)
    verified = AuditEvent.objects.filter(verb="evidence.verified")
    assert verified.count() == 1 and verified.get().data["ok"] is True
    assert DailyCount.objects.get(region_code="31.71").n_received == 1  # counted on the map

    # Evidence added later (via /lacak) is checked by a task enqueued with it.
    add_evidence(report, [photo("lagi.jpg")], uploaded_by="reporter")
    queued = DBTaskResult.objects.filter(task_path="posko.reports.tasks.process_report_evidence")
    assert queued.count() == 1 and queued.get().args_kwargs["kwargs"] == {"report_id": report.pk}
    assert loop.tick() == 1
    assert queued.get().status == TaskResultStatus.SUCCESSFUL
    assert queued.get().return_value == {"checked": 2, "failed": 0}
    assert verified.count() == 2
    # Run again (as after a crash): the effect stays once.
    process_report_evidence.call(report_id=report.pk)
    assert verified.count() == 2


@pytest.mark.django_db
def test_orphaned_running_task_is_requeued_for_its_worker_or_after_the_lease() -> None:
    from posko.mapping.tasks import detect_spikes_today

    mine = detect_spikes_today.enqueue(period="a").db_result
    other = detect_spikes_today.enqueue(period="b").db_result
    for row, worker in ((mine, "w1"), (other, "w2")):
        row.claim(worker)
    assert requeue_orphans(worker_id="w1") == 1
    assert DBTaskResult.objects.get(pk=mine.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=other.pk).status == TaskResultStatus.RUNNING
    assert requeue_orphans(worker_id="w1", lease=timedelta(seconds=-1)) == 1


def _task_rows(db_file: Path, task_path: str) -> list[tuple[str, str]]:
    db = sqlite3.connect(db_file, timeout=10)
    try:
        query = f"SELECT status, worker_ids FROM {TASKS_TABLE} WHERE task_path = ?"
        return list(db.execute(query, (task_path,)).fetchall())
    finally:
        db.close()


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs once, on its own SQLite")
def test_worker_killed_mid_task_loses_nothing_and_the_effect_happens_once(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    data = tmp_path / "data"
    env["POSKO_DATA_DIR"] = str(data)
    subprocess.run([str(POSKO), "setup", "--no-demo"], env=env, check=True, timeout=120)
    sitrep_task = "posko.sitrep.tasks.render_daily_sitrep"
    worker = [str(POSKO), "worker", "--worker-id", "w1", "--interval", "0.1"]
    process = subprocess.Popen(
        [*worker, "--schedule"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not any(s == "RUNNING" for s, _ in _task_rows(data / "posko.sqlite3", sitrep_task)):
            assert time.monotonic() < deadline and process.poll() is None, "task never started"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)  # mid-render: no cleanup, no status update
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    assert [s for s, _ in _task_rows(data / "posko.sqlite3", sitrep_task)] == ["RUNNING"]
    assert not list((data / "sitrep").glob("*.pdf"))

    # The restarted worker (same id) takes the orphan back and finishes it; the scheduler adds
    # no second copy for the same day.
    subprocess.run([*worker, "--once", "--schedule"], env=env, check=True, timeout=120)
    rows = _task_rows(data / "posko.sqlite3", sitrep_task)
    assert [s for s, _ in rows] == ["SUCCESSFUL"]
    assert rows[0][1].count("w1") == 2  # claimed twice: before the kill and after
    pdfs = list((data / "sitrep").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    db = sqlite3.connect(data / "posko.sqlite3")
    try:
        audited = db.execute(
            "SELECT COUNT(*) FROM core_auditevent WHERE verb = 'sitrep.rendered'"
        ).fetchone()[0]
    finally:
        db.close()
    assert audited == 1
