"""Officer pages through the HTTP client: access, queue, detail actions, identity, evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from posko.cases.choices import Stage
from posko.cases.models import Case, CaseEvent
from posko.cases.tests.conftest import PASSWORD, wib
from posko.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# Inside the 3-day study window of a report submitted on 26 Nov 2024 08:00 WIB (due 29 Nov).
BEFORE_DEADLINE = wib(2024, 11, 27, 9, 0)
DUE_SOON_TIME = wib(2024, 11, 29, 9, 0)
AFTER_DEADLINE = wib(2024, 11, 30, 9, 0)
IDENTITY = {"name": "Pelapor Fiktif Satu", "address": "Jl. Contoh No. 1", "contact": "0812-0000"}


def login(user: Any) -> Client:
    """A client signed in through the login page, like an officer would."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Any:
    """Login attempts are counted in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def at_work() -> Any:
    """Freeze time during the first study day of the demo report."""
    with time_machine.travel(BEFORE_DEADLINE, tick=False) as traveller:
        yield traveller


# --- access -----------------------------------------------------------------------------------


def test_pages_need_login(db: None) -> None:
    response = Client().get(reverse("cases:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_users_without_a_role_cannot_sign_in_or_open_pages(db: None) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("warga", password=PASSWORD)
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "warga", "password": PASSWORD})
    assert response.status_code == 200
    assert "tidak memiliki peran petugas" in response.content.decode()
    client.force_login(User.objects.get(username="warga"))
    assert client.get(reverse("cases:queue")).status_code == 403


def test_login_redirects_to_the_queue_and_is_rate_limited(
    officers: dict[str, Any], settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    client = Client()
    ok = client.post(
        reverse("accounts:login"), {"username": "koordinator.satu", "password": PASSWORD}
    )
    assert ok["Location"] == reverse("cases:queue")
    attacker = Client()
    statuses = [
        attacker.post(
            reverse("accounts:login"), {"username": "admin.satu", "password": "salah"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert (
        "Terlalu banyak percobaan"
        in attacker.post(
            reverse("accounts:login"), {"username": "admin.satu", "password": PASSWORD}
        ).content.decode()
    )
    cache.clear()


def test_logout_is_a_post(officers: dict[str, Any]) -> None:
    client = login(officers["koordinator"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("core:home")
    assert client.get(reverse("cases:queue")).status_code == 302


# --- queue ------------------------------------------------------------------------------------


def test_petugas_sees_only_assigned_cases(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    from posko.cases.services import assign_case

    mine = make_report(description="Amplop dibagikan di balai desa")
    other = make_report(description="Spanduk kampanye di kantor kecamatan")
    assign_case(mine.case, officers["petugas"], actor=officers["koordinator"])
    page = login(officers["petugas"]).get(reverse("cases:queue")).content.decode()
    assert "Kasus saya" in page
    assert mine.tracking_code in page and other.tracking_code not in page
    response = login(officers["petugas"]).get(reverse("cases:detail", args=[other.case.pk]))
    assert response.status_code == 404


def test_queue_filters_search_and_highlights_deadlines(
    officers: dict[str, Any], make_report: Callable[..., Any]
) -> None:
    overdue = make_report(description="Pembagian sembako oleh tim sukses")
    fresh = make_report(
        category="netralitas_asn",
        description="Camat hadir di deklarasi paslon",
        region_code="32.73.01.1001",
        submitted_at=wib(2024, 11, 29, 10, 0),
        discovered_at=wib(2024, 11, 29, 9, 0),
    )
    client = login(officers["koordinator"])
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        page = client.get(reverse("cases:queue")).content.decode()
        assert f'class="case-row state-overdue" data-case="{overdue.case.pk}"' in page
        assert "Lewat tenggat" in page
        assert "satuan hari perlu konfirmasi" in page
        only_overdue = client.get(reverse("cases:queue"), {"deadline": "overdue"})
        assert overdue.tracking_code in only_overdue.content.decode()
        assert fresh.tracking_code not in only_overdue.content.decode()
    by_category = client.get(reverse("cases:queue"), {"category": "netralitas_asn"})
    assert fresh.tracking_code in by_category.content.decode()
    assert overdue.tracking_code not in by_category.content.decode()
    by_region = client.get(reverse("cases:queue"), {"region": "32"}).content.decode()
    assert fresh.tracking_code in by_region and overdue.tracking_code not in by_region
    by_text = client.get(reverse("cases:queue"), {"q": "sembako"}).content.decode()
    assert overdue.tracking_code in by_text and fresh.tracking_code not in by_text
    by_code = client.get(reverse("cases:queue"), {"q": fresh.tracking_code.lower()})
    assert fresh.tracking_code in by_code.content.decode()
    unassigned = client.get(reverse("cases:queue"), {"assignee": "none"}).content.decode()
    assert fresh.tracking_code in unassigned
    with time_machine.travel(DUE_SOON_TIME, tick=False):
        soon = client.get(reverse("cases:queue"), {"deadline": "due_soon"}).content.decode()
        assert overdue.tracking_code in soon and "Jatuh tempo ≤ 24 jam" in soon


def test_queue_query_count_does_not_grow_with_rows(
    officers: dict[str, Any],
    make_report: Callable[..., Any],
    django_assert_max_num_queries: Any,
) -> None:
    from posko.cases.services import assign_case

    for number in range(30):
        report = make_report(description=f"Laporan nomor {number}")
        assign_case(report.case, officers["petugas"], actor=officers["koordinator"])
        make_report(case=report.case, description=f"Laporan tambahan {number}")
    client = login(officers["koordinator"])
    with django_assert_max_num_queries(11):  # 10 + the intake-queue backlog check
        response = client.get(reverse("cases:queue"))
    assert response.content.decode().count('class="case-row') == 30


def test_bulk_actions_assign_and_stop_selected_rows(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    first, second = make_report(), make_report(description="Serangan fajar di RT 03")
    client = login(officers["koordinator"])
    ids = [first.case.pk, second.case.pk]
    response = client.post(
        reverse("cases:bulk"),
        {"cases": ids, "action": "assign", "assignee": officers["petugas"].pk, "next": "/petugas/"},
    )
    assert response.status_code == 302
    assert set(Case.objects.filter(pk__in=ids).values_list("assignee", flat=True)) == {
        officers["petugas"].pk
    }
    no_reason = client.post(reverse("cases:bulk"), {"cases": ids, "action": "stop"}, follow=True)
    assert "Alasan wajib diisi" in no_reason.content.decode()
    assert Case.objects.filter(stage=Stage.STOPPED).count() == 0
    client.post(reverse("cases:bulk"), {"cases": ids, "action": "study"})
    assert set(Case.objects.values_list("stage", flat=True)) == {Stage.STUDY}
    client.post(
        reverse("cases:bulk"), {"cases": ids, "action": "stop", "reason": "Bukan pelanggaran"}
    )
    assert Case.objects.filter(stage=Stage.STOPPED).count() == 2
    assert CaseEvent.objects.filter(to_stage=Stage.STOPPED, reason="Bukan pelanggaran").count() == 2


def test_petugas_and_pimpinan_cannot_use_koordinator_bulk_actions(
    officers: dict[str, Any], make_report: Callable[..., Any]
) -> None:
    from posko.cases.services import assign_case

    report = make_report()
    assign_case(report.case, officers["petugas"], actor=officers["koordinator"])
    data = {"cases": [report.case.pk], "action": "assign", "assignee": officers["petugas2"].pk}
    assert login(officers["petugas"]).post(reverse("cases:bulk"), data).status_code == 403
    assert login(officers["pimpinan"]).post(reverse("cases:bulk"), data).status_code == 403
    assert Case.objects.get().assignee == officers["petugas"]


# --- detail and actions -----------------------------------------------------------------------


def test_koordinator_routes_assigns_and_advances_a_case(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    report = make_report()
    case = report.case
    client = login(officers["koordinator"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert report.description in page and "Perpu 1/2014 Pasal 134" in page
    assert 'value="study"' in page and 'value="investigation"' not in page
    client.post(reverse("cases:route", args=[case.pk]), {"route": "gakkumdu", "reason": "pidana"})
    client.post(reverse("cases:assign", args=[case.pk]), {"assignee": officers["petugas"].pk})
    client.post(reverse("cases:transition", args=[case.pk]), {"to_stage": "study", "reason": ""})
    case.refresh_from_db()
    assert (case.route, case.assignee, case.stage) == ("gakkumdu", officers["petugas"], "study")
    timeline = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "koordinator.satu" in timeline and "Kajian" in timeline and "pidana" in timeline


def test_stopping_needs_a_reason_and_shows_the_error(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    case = make_report().case
    client = login(officers["koordinator"])
    response = client.post(
        reverse("cases:transition", args=[case.pk]), {"to_stage": "stopped"}, follow=True
    )
    assert response.status_code == 200
    assert "Alasan wajib diisi" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.RECEIVED


def test_petugas_advances_own_case_but_cannot_stop_or_assign(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    from posko.cases.services import assign_case

    case = make_report().case
    assign_case(case, officers["petugas"], actor=officers["koordinator"])
    client = login(officers["petugas"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'value="study"' in page and 'value="stopped"' not in page
    assert reverse("cases:assign", args=[case.pk]) not in page
    stop = client.post(
        reverse("cases:transition", args=[case.pk]), {"to_stage": "stopped", "reason": "x"}
    )
    assert stop.status_code == 403
    assert client.post(reverse("cases:assign", args=[case.pk]), {}).status_code == 403
    client.post(reverse("cases:transition", args=[case.pk]), {"to_stage": "study"})
    case.refresh_from_db()
    assert case.stage == Stage.STUDY


def test_pimpinan_reads_but_changes_nothing(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    case = make_report().case
    client = login(officers["pimpinan"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:transition", args=[case.pk]) not in page
    assert reverse("cases:message", args=[case.pk]) not in page
    for name, data in [
        ("cases:transition", {"to_stage": "study"}),
        ("cases:route", {"route": "datun"}),
        ("cases:message", {"report": 1, "body": "halo"}),
    ]:
        assert client.post(reverse(name, args=[case.pk]), data).status_code == 403
    case.refresh_from_db()
    assert case.stage == Stage.RECEIVED and case.route == "gakkumdu"


def test_messages_reply_and_question_extend_the_deadline(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    report = make_report()
    client = login(officers["koordinator"])
    url = reverse("cases:message", args=[report.case.pk])
    client.post(url, {"report": report.pk, "body": "Terima kasih, laporan kami terima."})
    before = Case.objects.get().deadline_at
    client.post(url, {"report": report.pk, "body": "Jam berapa kejadiannya?", "ask": "on"})
    case = Case.objects.get()
    assert before is not None and case.deadline_at is not None
    assert case.info_requested_at is not None and case.deadline_at > before
    assert list(report.messages.values_list("body", flat=True)) == [
        "Terima kasih, laporan kami terima.",
        "Jam berapa kejadiannya?",
    ]
    empty = client.post(url, {"report": report.pk, "body": "  "}, follow=True)
    assert empty.status_code == 200 and report.messages.count() == 2


def test_similar_reports_can_be_merged_in_one_click(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    text = "Tim sukses membagikan amplop berisi uang Rp50.000 kepada warga di dekat TPS 05"
    target = make_report(description=text)
    source = make_report(description=text + " pada malam hari")
    client = login(officers["koordinator"])
    page = client.get(reverse("cases:detail", args=[target.case.pk])).content.decode()
    assert f'name="source" value="{source.case.pk}"' in page
    client.post(reverse("cases:merge", args=[target.case.pk]), {"source": source.case.pk})
    source.refresh_from_db()
    assert source.case_id == target.case_id
    assert Case.objects.get(pk=target.case.pk).reports.count() == 2
    assert Case.objects.filter(stage=Stage.MERGED).count() == 1


def test_dashboard_counts_for_pimpinan(
    officers: dict[str, Any], make_report: Callable[..., Any]
) -> None:
    make_report()
    make_report(category="netralitas_asn")
    client = login(officers["pimpinan"])
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        page = client.get(reverse("cases:dashboard")).content.decode()
    assert "Netralitas ASN" in page and "Politik uang" in page
    assert '<span class="stat-number">2</span> lewat tenggat' in page


# --- reporter identity and evidence -----------------------------------------------------------


def test_identity_is_hidden_from_petugas_and_pimpinan(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    from posko.cases.services import assign_case

    report = make_report(identity=IDENTITY, is_anonymous=False)
    assign_case(report.case, officers["petugas"], actor=officers["koordinator"])
    for role in ("petugas", "pimpinan"):
        client = login(officers[role])
        page = client.get(reverse("cases:detail", args=[report.case.pk])).content.decode()
        assert IDENTITY["name"] not in page and IDENTITY["contact"] not in page
        assert "disembunyikan" in page
        reveal = client.post(reverse("cases:reveal_identity", args=[report.pk]))
        assert reveal.status_code == 403
        assert IDENTITY["name"] not in reveal.content.decode()
    assert not AuditEvent.objects.filter(verb="identity.view").exists()


def test_koordinator_sees_identity_only_after_the_audited_reveal(
    officers: dict[str, Any], make_report: Callable[..., Any], at_work: Any
) -> None:
    report = make_report(identity=IDENTITY, is_anonymous=False)
    client = login(officers["koordinator"])
    page = client.get(reverse("cases:detail", args=[report.case.pk])).content.decode()
    assert IDENTITY["name"] not in page
    assert "Tampilkan identitas pelapor" in page
    for _ in range(2):
        reveal = client.post(reverse("cases:reveal_identity", args=[report.pk]))
        assert reveal.status_code == 200
        assert IDENTITY["name"] in reveal.content.decode()
        assert "no-store" in reveal["Cache-Control"]
    views = AuditEvent.objects.filter(verb="identity.view", target_id=str(report.pk))
    assert views.count() == 2
    assert {v.actor_id for v in views} == {officers["koordinator"].pk}
    again = client.get(reverse("cases:detail", args=[report.case.pk])).content.decode()
    assert IDENTITY["name"] not in again


def test_evidence_is_streamed_only_to_officers_who_may_see_the_case(
    officers: dict[str, Any], make_report: Callable[..., Any], settings: Any, tmp_path: Any
) -> None:
    from posko.reports.models import Evidence

    settings.EVIDENCE_DIR = tmp_path
    content = b"%PDF-1.4 bukti\n"
    (tmp_path / "ab" / "cd").mkdir(parents=True)
    (tmp_path / "ab" / "cd" / "file.pdf").write_bytes(content)
    report = make_report()
    evidence = Evidence.objects.create(
        report=report,
        kind="pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_name="ab/cd/file.pdf",
        uploaded_at=report.submitted_at + timedelta(minutes=1),
    )
    url = reverse("cases:evidence", args=[evidence.pk])
    client = login(officers["koordinator"])
    page = client.get(reverse("cases:detail", args=[report.case.pk])).content.decode()
    assert evidence.sha256 in page and url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.getvalue() == content
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert login(officers["petugas"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    Evidence.objects.filter(pk=evidence.pk).update(storage_name="../../etc/passwd")
    assert client.get(url).status_code == 404


def test_queue_tells_when_received_reports_are_not_being_filed(
    officers: dict[str, Any], at_work: Any
) -> None:
    from django.utils import timezone

    from posko.reports.models import ReceivedReport
    from posko.reports.tracking import generate_code

    def received(minutes_ago: int) -> None:
        at = timezone.now() - timedelta(minutes=minutes_ago)
        ReceivedReport.objects.create(tracking_code=generate_code(), received_at=at, submission={})

    koordinator = login(officers["koordinator"])
    assert 'id="intake-backlog"' not in koordinator.get(reverse("cases:queue")).content.decode()
    received(0)
    page = koordinator.get(reverse("cases:queue")).content.decode()
    assert "1 laporan baru sedang dimasukkan ke antrean." in page and "posko worker" not in page
    received(7)  # a worker would have filed this long ago
    koordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's choice
    english = koordinator.get(reverse("cases:queue"))
    text = english.content.decode()
    assert "2 new reports are being added to the queue." in text
    assert "The oldest has waited 7 minutes" in text
    # A petugas sees only their own cases; the intake is the koordinator's business.
    own = login(officers["petugas"]).get(reverse("cases:queue")).content.decode()
    assert 'id="intake-backlog"' not in own


def test_the_officers_role_is_shown_in_the_pages_language(
    officers: dict[str, Any], at_work: Any
) -> None:
    koordinator = login(officers["koordinator"])
    assert "· Koordinator" in koordinator.get(reverse("cases:queue")).content.decode()
    koordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's choice
    english = koordinator.get(reverse("cases:queue"))
    assert "· Coordinator" in english.content.decode()
