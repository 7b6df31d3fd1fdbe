"""Who may do what to a case: least privilege per role, enforced by the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from posko.cases.choices import Stage
from posko.cases.models import Case
from posko.cases.services import (
    WorkflowError,
    assign_case,
    merge_cases,
    route_case,
    transition_case,
)

pytestmark = pytest.mark.django_db


def refused(call: Any) -> str:
    with pytest.raises(WorkflowError) as err:
        call()
    return err.value.code


def test_petugas_advances_only_cases_assigned_to_them(
    make_report: Any, officers: dict[str, Any]
) -> None:
    mine = assign_case(make_report().case, officers["petugas"], actor=officers["koordinator"])
    theirs = assign_case(make_report().case, officers["petugas2"], actor=officers["koordinator"])
    unassigned = make_report().case
    p = officers["petugas"]
    assert transition_case(mine, Stage.STUDY, actor=p).stage == Stage.STUDY
    assert refused(lambda: transition_case(theirs, Stage.STUDY, actor=p)) == "forbidden"
    assert refused(lambda: transition_case(unassigned, Stage.STUDY, actor=p)) == "forbidden"


def test_petugas_cannot_close_assign_route_or_merge(
    make_report: Any, officers: dict[str, Any]
) -> None:
    p, k = officers["petugas"], officers["koordinator"]
    case = assign_case(make_report().case, p, actor=k)
    other = make_report().case
    assert refused(lambda: transition_case(case, Stage.STOPPED, actor=p, reason="x")) == "forbidden"
    assert refused(lambda: assign_case(case, p, actor=p)) == "forbidden"
    assert refused(lambda: route_case(case, "datun", actor=p)) == "forbidden"
    assert refused(lambda: merge_cases(case, [other], actor=p, reason="sama")) == "forbidden"
    assert Case.objects.get(pk=case.pk).stage == Stage.RECEIVED


@pytest.mark.parametrize("role", ["koordinator", "admin"])
def test_koordinator_and_admin_act_on_any_case(
    make_report: Any, officers: dict[str, Any], role: str
) -> None:
    actor = officers[role]
    case = make_report().case
    case = assign_case(case, officers["petugas"], actor=actor)
    case = route_case(case, "gakkumdu", actor=actor)
    case = transition_case(case, Stage.STUDY, actor=actor)
    case = transition_case(case, Stage.STOPPED, actor=actor, reason="tidak cukup bukti")
    assert case.stage == Stage.STOPPED


@pytest.mark.parametrize("who", ["pimpinan", "anonymous", "public"])
def test_pimpinan_and_the_public_change_nothing(
    make_report: Any, officers: dict[str, Any], who: str
) -> None:
    actor: Any = {
        "pimpinan": officers["pimpinan"],
        "anonymous": AnonymousUser(),
        "public": "public",
    }[who]
    case = make_report().case
    other = make_report().case
    assert refused(lambda: transition_case(case, Stage.STUDY, actor=actor)) == "forbidden"
    assert (
        refused(lambda: transition_case(case, Stage.STOPPED, actor=actor, reason="x"))
        == "forbidden"
    )
    assert refused(lambda: assign_case(case, officers["petugas"], actor=actor)) == "forbidden"
    assert refused(lambda: route_case(case, "datun", actor=actor)) == "forbidden"
    assert refused(lambda: merge_cases(case, [other], actor=actor, reason="x")) == "forbidden"
    case.refresh_from_db()
    assert (case.stage, case.assignee, case.route) == (Stage.RECEIVED, None, "gakkumdu")


def test_visibility_filter_per_role(make_report: Any, officers: dict[str, Any]) -> None:
    mine = assign_case(make_report().case, officers["petugas"], actor=officers["koordinator"])
    make_report()
    assert list(Case.objects.visible_to(officers["petugas"])) == [mine]
    assert Case.objects.visible_to(officers["petugas2"]).count() == 0
    for role in ("koordinator", "pimpinan", "admin"):
        assert Case.objects.visible_to(officers[role]).count() == 2
    assert Case.objects.visible_to(AnonymousUser()).count() == 0
