"""The intake queue: one insert to acknowledge, filed as a case by the worker or the first read."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from posko.cases.models import Case
from posko.core.models import AuditEvent
from posko.mapping.models import DailyCount
from posko.reports import intake
from posko.reports.intake import file_report, file_waiting, receive_report
from posko.reports.models import ReceivedReport, Report, ReporterIdentity
from posko.reports.services import find_report
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.tracking import generate_code
from posko.testing.concurrency import needs_postgres, run_concurrently

from .factories import photo


def receive(make_submission: Callable[..., ReportSubmission], i: int) -> str:
    """Receive a distinct report; its tracking code."""
    return receive_report(make_submission(description=f"Amplop ke-{i}")).tracking_code


@pytest.mark.django_db
def test_receiving_stores_one_queue_row_and_nothing_else(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    received = receive_report(
        make_submission(reporter_name="Pelapor Contoh", reporter_contact="0812")
    )
    assert ReceivedReport.objects.count() == 1
    assert not Report.objects.exists() and not Case.objects.exists()
    assert not AuditEvent.objects.exists()
    assert received.requirements["outcome"] == "laporan" or received.requirements["missing"]
    # The identity waits in the row until the report is filed, then lives apart.
    assert received.submission["reporter_name"] == "Pelapor Contoh"
    report = file_report(received.tracking_code)
    assert report is not None and not ReceivedReport.objects.exists()
    assert ReporterIdentity.objects.get(report=report).name == "Pelapor Contoh"


@pytest.mark.django_db
def test_filing_keeps_every_field_and_starts_the_clock_at_receipt(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    received_at = timezone.now() - timedelta(minutes=30)  # waited half an hour in the queue
    submission = make_submission(
        tps_number="12",
        witnesses=[WitnessData("Siti", "0813", "Melihat amplop")],
        post_text="",
    )
    received = receive_report(submission, [photo()], now=received_at)
    report = find_report(received.tracking_code)  # the reporter's first look files it
    assert report is not None
    assert report.submitted_at == received_at and report.case.opened_at == received_at
    assert report.case.deadline_at is not None and report.case.deadline_at > received_at
    assert report.tps_number == "12" and report.place_detail == "Depan Masjid Al-Ikhlas"
    assert [(w.name, w.statement) for w in report.witnesses.all()] == [("Siti", "Melihat amplop")]
    evidence = report.evidence.get()
    assert evidence.storage_name == received.evidence[0]["storage_name"]
    assert report.requirements == received.requirements
    submitted = AuditEvent.objects.get(verb="report.submit")
    assert submitted.data["received_at"] == received_at.isoformat()
    assert AuditEvent.objects.filter(verb="evidence.verified", data__ok=True).count() == 1


@pytest.mark.django_db
def test_the_worker_files_oldest_first_and_counts_them_on_the_map(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    codes = [
        receive_report(make_submission(description=f"Amplop {i}")).tracking_code for i in range(5)
    ]
    assert file_waiting(limit=3) == 3
    filed = list(Report.objects.order_by("pk").values_list("tracking_code", flat=True))
    assert filed == codes[:3]
    assert DailyCount.objects.get(region_code="31.71").n_received == 3
    assert file_waiting() == 2 and file_waiting() == 0
    assert DailyCount.objects.get(region_code="31.71").n_received == 5
    assert file_report(codes[0]) == Report.objects.get(tracking_code=codes[0])  # idempotent
    assert Case.objects.count() == 5


@pytest.mark.django_db
def test_a_crash_between_filing_and_counting_is_healed_by_the_periodic_recount(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    from posko.mapping.tasks import recount_recent_days

    received = receive_report(make_submission())
    file_report(received.tracking_code, count_on_map=False)  # as if killed before the recount
    assert not DailyCount.objects.exists()
    recount_recent_days.call(period="test")
    assert DailyCount.objects.get(region_code="31.71").n_received == 1


@pytest.mark.django_db
def test_submission_survives_the_round_trip_through_json(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    from decimal import Decimal

    original = make_submission(
        latitude=Decimal("-6.175392"),
        longitude=Decimal("106.827153"),
        witnesses=[WitnessData("Andi", "", "")],
    )
    copy = ReportSubmission.from_json(json.loads(json.dumps(original.to_json())))
    assert copy == original


@pytest.mark.django_db
def test_an_unknown_code_is_neither_filed_nor_found() -> None:
    assert file_report(generate_code()) is None
    assert find_report(generate_code()) is None


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_receipts_with_colliding_codes_all_get_their_own(
    make_submission: Callable[..., ReportSubmission], monkeypatch: Any
) -> None:
    # Every writer's first draw is the same code: one wins, the rest must retry, not fail.
    shared = generate_code()
    fresh = (generate_code() for _ in itertools.count())
    drawn: set[int] = set()
    lock = threading.Lock()

    def draw() -> str:
        with lock:
            me = threading.get_ident()
            first = me not in drawn
            drawn.add(me)
            return shared if first else next(fresh)

    monkeypatch.setattr(intake, "generate_code", draw)
    results = run_concurrently(lambda i: receive_report(make_submission()), threads=8)
    assert all(isinstance(r, ReceivedReport) for r in results), results
    codes = {r.tracking_code for r in results}
    assert len(codes) == 8 and shared in codes
    assert ReceivedReport.objects.count() == 8


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_workers_and_readers_filing_at_once_file_each_report_once(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    codes = [
        receive_report(make_submission(description=f"Amplop {i}")).tracking_code for i in range(20)
    ]

    def work(i: int) -> Any:
        if i < 2:
            return file_waiting()  # two workers
        return [file_report(code) for code in reversed(codes)]  # readers, from the other end

    results = run_concurrently(work, threads=4)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Report.objects.count() == 20 and Case.objects.count() == 20
    assert not ReceivedReport.objects.exists()
    assert AuditEvent.objects.filter(verb="report.submit").count() == 20
    for answers in results[2:]:
        assert sorted(r.tracking_code for r in answers) == sorted(codes)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_and_stop_only_when_it_is_empty(
    make_submission: Callable[..., ReportSubmission],
) -> None:
    for i in range(40):
        receive(make_submission, i)

    def worker(_: int) -> int:
        total = 0
        while True:  # what `posko worker --once` does: another round while a batch was full
            filed = file_waiting(limit=10)
            total += filed
            if filed < 10:
                return total

    results = run_concurrently(worker, threads=2)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sum(results) == 40  # every report filed once, by one worker or the other
    assert not ReceivedReport.objects.exists()
    assert Report.objects.count() == 40 and Case.objects.count() == 40
