"""The officer case API over HTTP with bearer tokens: visibility, filters, actions, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
import time_machine
from django.test import Client

from posko.accounts.services import issue_token
from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.cases.services import assign_case
from posko.cases.tests.conftest import wib
from posko.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRET_NAME = "Siti Pelapor Rahasia"
SECRET_CONTACT = "0812-555-0199"


@pytest.fixture
def tokens(officers: dict[str, Any]) -> dict[str, str]:
    return {role: issue_token(user, actor="test", name="uji") for role, user in officers.items()}


def call(client: Client, method: str, url: str, token: str | None, body: Any = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "get":
        return client.get(url, **headers)  # type: ignore[arg-type]
    return client.post(url, json.dumps(body), content_type="application/json", **headers)  # type: ignore[arg-type]


def codes(response: Any) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in response.json()["detail"]]


def test_without_a_valid_token_the_answer_is_401(client: Client, make_report: Any) -> None:
    case = make_report().case
    for token in (None, "pk_not-a-real-token"):
        response = call(client, "get", "/api/v1/cases", token)
        assert response.status_code == 401
        assert codes(response) == [("", "unauthorized")]
        assert call(client, "get", f"/api/v1/cases/{case.pk}", token).status_code == 401


def test_list_shows_only_visible_cases_with_their_deadline(
    client: Client, make_report: Any, officers: dict[str, Any], tokens: dict[str, str]
) -> None:
    mine = assign_case(make_report().case, officers["petugas"], actor=officers["koordinator"])
    make_report(category="netralitas_asn", region_code="33.74.01.1001")
    with time_machine.travel(wib(2024, 11, 29, 12, 0), tick=False):
        everything = call(client, "get", "/api/v1/cases", tokens["koordinator"]).json()
        own = call(client, "get", "/api/v1/cases", tokens["petugas"]).json()
    assert everything["count"] == 2
    assert [c["id"] for c in own["results"]] == [mine.pk]
    item = own["results"][0]
    assert item["assignee"] == "petugas.satu" and item["route"] == "gakkumdu"
    deadline = item["deadline"]
    assert deadline["rule"] == "bawaslu_study"
    assert deadline["state"] == "due_soon"  # received 26 Nov, due 29 Nov 23:59:59
    assert deadline["unit_confirmed"] is False and deadline["citation"].startswith("Perpu 1/2014")
    assert call(client, "get", "/api/v1/cases", tokens["petugas2"]).json()["count"] == 0


def test_list_filters_and_pagination(
    client: Client, make_report: Any, officers: dict[str, Any], tokens: dict[str, str]
) -> None:
    a = make_report(category="netralitas_asn", region_code="33.74.01.1001").case
    b = assign_case(make_report().case, officers["petugas"], actor=officers["koordinator"])
    c = make_report(submitted_at=wib(2024, 11, 1, 8, 0)).case  # long overdue
    Case.objects.filter(pk=a.pk).update(stage=Stage.STUDY)
    t = tokens["pimpinan"]

    def ids(query: str) -> list[int]:
        with time_machine.travel(wib(2024, 11, 27, 12, 0), tick=False):
            response = call(client, "get", f"/api/v1/cases?{query}", t)
        assert response.status_code == 200, response.content
        return sorted(x["id"] for x in response.json()["results"])

    assert ids("category=netralitas_asn") == [a.pk]
    assert ids("region=33.74") == [a.pk]
    assert ids("region=31") == sorted([b.pk, c.pk])
    assert ids("stage=study") == [a.pk]
    assert ids("assignee=petugas.satu") == [b.pk]
    assert ids("assignee=none") == sorted([a.pk, c.pk])
    assert ids("deadline=overdue") == [c.pk]
    assert ids("deadline=ok") == sorted([a.pk, b.pk])
    assert ids("deadline=due_soon") == []
    page = call(client, "get", "/api/v1/cases?page_size=2&page=2", t).json()
    assert (page["count"], page["page"], len(page["results"])) == (3, 2, 1)
    bad = call(client, "get", "/api/v1/cases?deadline=soonish&page=0", t)
    assert bad.status_code == 422
    # Query-string fields are reported with their location prefix ("query.deadline").
    assert {f.rsplit(".", 1)[-1] for f, _ in codes(bad)} == {"deadline", "page"}


def test_detail_has_history_and_reports_but_never_the_reporter(
    client: Client, make_report: Any, tokens: dict[str, str]
) -> None:
    report = make_report(
        identity={"name": SECRET_NAME, "contact": SECRET_CONTACT, "address": "Jl. X"}
    )
    response = call(client, "get", f"/api/v1/cases/{report.case.pk}", tokens["koordinator"])
    assert response.status_code == 200
    body = response.json()
    assert body["reports"][0]["description"] == report.description
    assert body["events"][0]["kind"] == "open"
    assert body["allowed_transitions"] == ["forwarded", "stopped", "study"]
    assert SECRET_NAME not in response.content.decode()
    assert SECRET_CONTACT not in response.content.decode()
    assert report.tracking_code not in response.content.decode()
    assert not AuditEvent.objects.filter(verb="identity.view").exists()


def test_cases_not_visible_are_404_not_403(
    client: Client, make_report: Any, tokens: dict[str, str]
) -> None:
    case = make_report().case
    for url in (f"/api/v1/cases/{case.pk}", "/api/v1/cases/999999"):
        response = call(
            client, "get", url, tokens["petugas"] if "999" not in url else tokens["admin"]
        )
        assert response.status_code == 404 and codes(response) == [("", "not_found")]
    response = call(
        client,
        "post",
        f"/api/v1/cases/{case.pk}/transition",
        tokens["petugas"],
        {"to_stage": "study"},
    )
    assert response.status_code == 404


def test_transition_over_http(client: Client, make_report: Any, tokens: dict[str, str]) -> None:
    case = make_report().case
    url = f"/api/v1/cases/{case.pk}/transition"
    k = tokens["koordinator"]
    ok = call(client, "post", url, k, {"to_stage": "study", "reason": "layak dikaji"})
    assert ok.status_code == 200 and ok.json()["stage"] == "study"
    assert case.events.get(kind="transition").actor.username == "koordinator.satu"
    assert codes(call(client, "post", url, k, {"to_stage": "stopped"})) == [
        ("reason", "reason_required")
    ]
    conflict = call(client, "post", url, k, {"to_stage": "trial"})
    assert conflict.status_code == 409 and codes(conflict) == [("to_stage", "invalid_transition")]
    unknown = call(client, "post", url, k, {"to_stage": "limbo"})
    assert unknown.status_code == 422 and codes(unknown) == [("to_stage", "invalid_stage")]
    missing = call(client, "post", url, k, {})
    assert missing.status_code == 422 and codes(missing)[0][0] == "to_stage"
    forbidden = call(client, "post", url, tokens["pimpinan"], {"to_stage": "gakkumdu"})
    assert forbidden.status_code == 403 and codes(forbidden) == [("", "forbidden")]
    broken = client.post(
        url, "{nope", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {k}"
    )
    assert broken.status_code in (400, 422)
    assert Case.objects.get(pk=case.pk).stage == Stage.STUDY


def test_assign_and_route_over_http(
    client: Client, make_report: Any, tokens: dict[str, str]
) -> None:
    case = make_report().case
    k = tokens["koordinator"]
    assigned = call(
        client, "post", f"/api/v1/cases/{case.pk}/assign", k, {"assignee": "petugas.dua"}
    )
    assert assigned.status_code == 200 and assigned.json()["assignee"] == "petugas.dua"
    nobody = call(client, "post", f"/api/v1/cases/{case.pk}/assign", k, {"assignee": "hantu"})
    assert nobody.status_code == 422 and codes(nobody) == [("assignee", "invalid_assignee")]
    cleared = call(client, "post", f"/api/v1/cases/{case.pk}/assign", k, {"assignee": None})
    assert cleared.json()["assignee"] is None
    routed = call(
        client,
        "post",
        f"/api/v1/cases/{case.pk}/route",
        k,
        {"route": "datun", "reason": "sengketa TUN"},
    )
    assert routed.status_code == 200 and routed.json()["route"] == "datun"
    bad = call(client, "post", f"/api/v1/cases/{case.pk}/route", k, {"route": "interpol"})
    assert bad.status_code == 422 and codes(bad) == [("route", "invalid_route")]
    admin = call(
        client, "post", f"/api/v1/cases/{case.pk}/route", tokens["admin"], {"route": "bkn"}
    )
    assert admin.status_code == 200
    pimpinan = call(
        client, "post", f"/api/v1/cases/{case.pk}/assign", tokens["pimpinan"], {"assignee": None}
    )
    assert pimpinan.status_code == 403


def test_a_petugas_moves_their_own_case_but_cannot_close_it(
    client: Client, make_report: Any, officers: dict[str, Any], tokens: dict[str, str]
) -> None:
    case = assign_case(make_report().case, officers["petugas"], actor=officers["koordinator"])
    url = f"/api/v1/cases/{case.pk}/transition"
    assert call(client, "post", url, tokens["petugas"], {"to_stage": "study"}).status_code == 200
    closing = call(client, "post", url, tokens["petugas"], {"to_stage": "stopped", "reason": "x"})
    assert closing.status_code == 403
