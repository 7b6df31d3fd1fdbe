"""The neutrality JSON API over HTTP: shapes, order, limits and field-level 422 errors."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CHECK = "/api/v1/neutrality/check"
CLASSIFY = "/api/v1/classify"
PARTISAN = "Ayo dukung paslon nomor 3, coblos Pramono-Rano! #JakartaMenyala"
CIVIC = "Ayo datang ke TPS 27 November, gunakan hak pilihmu, tolak politik uang! #PilkadaDamai"
CONTRACT_KEYS = {
    "id",
    "violation",
    "content_class",
    "targets",
    "rule",
    "sanction",
    "explanation",
    "confidence",
}


def make_act(**overrides: Any) -> dict[str, Any]:
    """A valid act in the CLI input format; keyword overrides replace top-level keys."""
    act: dict[str, Any] = {
        "id": "a1",
        "actor": {"asn": True, "name": "Pelapor Contoh", "nip": "198001012005011001"},
        "action": "share",
        "region": "31",
        "timestamp": "2024-10-01T09:00:00+07:00",
        "content": {"text": PARTISAN, "platform": "instagram"},
    }
    act.update(overrides)
    return act


def post(client: Client, url: str, body: Any) -> Any:
    """POST a JSON body and return the response."""
    return client.post(url, json.dumps(body), content_type="application/json")


def errors(response: Any) -> dict[str, str]:
    """The 422 body as {field: code}."""
    assert response.status_code == 422, response.content
    return {e["field"]: e["code"] for e in response.json()["detail"]}


def test_check_one_act_returns_one_verdict_in_the_contract_shape(client: Client) -> None:
    response = post(client, CHECK, make_act())
    assert response.status_code == 200
    verdict = response.json()
    assert verdict.keys() >= CONTRACT_KEYS
    assert verdict["id"] == "a1"
    assert verdict["violation"] is True
    assert verdict["content_class"] == "partisan"
    assert set(verdict["rule"]) == {"id", "citation"} and verdict["rule"]["citation"]
    assert verdict["sanction"]
    assert 0 <= verdict["confidence"] <= 1
    for target in verdict["targets"]:
        assert set(target) == {"number", "candidate", "region_code"}


def test_before_any_registry_import_the_shipped_races_are_known(client: Client) -> None:
    """A fresh install (no pair in the database) answers as `posko check` does."""
    from posko.candidates.models import CandidatePair

    assert not CandidatePair.objects.exists()
    verdict = post(client, CHECK, make_act()).json()
    assert {(t["number"], t["region_code"]) for t in verdict["targets"]} == {(3, "31")}
    assert "Pramono" in verdict["targets"][0]["candidate"]


def test_check_a_list_keeps_order_and_ids(client: Client) -> None:
    acts = [
        make_act(id="x"),
        make_act(id=7, action="like", content={"text": CIVIC}),
        make_act(id="z", action="view"),
    ]
    response = post(client, CHECK, acts)
    assert response.status_code == 200
    verdicts = response.json()
    assert [v["id"] for v in verdicts] == ["x", 7, "z"]
    assert [v["violation"] for v in verdicts] == [True, False, False]


@pytest.mark.parametrize("text", [PARTISAN, CIVIC, "Selamat pagi, cuaca cerah."])
def test_viewing_is_never_a_violation(client: Client, text: str) -> None:
    response = post(client, CHECK, make_act(action="view", content={"text": text}))
    assert response.json()["violation"] is False


def test_non_asn_actor_is_never_a_violation(client: Client) -> None:
    response = post(client, CHECK, make_act(actor={"asn": False}))
    assert response.status_code == 200
    assert response.json()["violation"] is False


@pytest.mark.parametrize(
    ("act", "field", "code"),
    [
        (make_act(actor={"asn": "yes"}), "actor.asn", "bool_type"),
        (make_act(id=True), "id", "id_type"),
        (make_act(id=None), "id", "id_type"),
        (make_act(action="dance"), "action", "literal_error"),
        (make_act(action=3), "action", "literal_error"),
        (make_act(content={"platform": "x"}), "content.text", "missing"),
        (make_act(content={"text": 5}), "content.text", "string_type"),
        (make_act(content="just text"), "content", "model_type"),
        (make_act(content={"text": "a" * 20_001}), "content.text", "string_too_long"),
        (make_act(region="Jakarta"), "region", "invalid_region"),
        (make_act(timestamp="kemarin"), "timestamp", "invalid_timestamp"),
    ],
)
def test_bad_act_gives_422_with_field_and_code(
    client: Client, act: dict[str, Any], field: str, code: str
) -> None:
    assert errors(post(client, CHECK, act)) == {field: code}


def test_other_names_of_an_action_are_accepted(client: Client) -> None:
    response = post(client, CHECK, [make_act(action="Retweet"), make_act(action="join group")])
    assert response.status_code == 200, response.content
    shared, joined = response.json()
    assert shared["violation"] is True and "membagikan" in shared["explanation"]
    assert joined["violation"] is True and "bergabung dengan grup" in joined["explanation"]


def test_errors_in_a_list_name_the_item(client: Client) -> None:
    found = errors(post(client, CHECK, [make_act(), make_act(action="dance")]))
    assert found == {"1.action": "literal_error"}


def test_engine_errors_in_a_list_name_the_item(client: Client) -> None:
    found = errors(post(client, CHECK, [make_act(), make_act(region="DKI")]))
    assert found == {"1.region": "invalid_region"}


def test_empty_list_is_rejected(client: Client) -> None:
    assert errors(post(client, CHECK, [])) == {"": "too_short"}


def test_too_many_acts_are_rejected(client: Client) -> None:
    assert errors(post(client, CHECK, [make_act()] * 1001)) == {"": "too_long"}


@pytest.mark.parametrize("body", ["hello", 42, None])
def test_body_must_be_an_object_or_a_list(client: Client, body: Any) -> None:
    found = errors(post(client, CHECK, body))
    assert set(found.values()) <= {"object_or_list", "missing"}


def test_missing_body_is_422_naming_the_required_fields(client: Client) -> None:
    response = client.post(CHECK, content_type="application/json")
    assert set(errors(response)) == {"id", "actor", "action", "content"}


def test_malformed_json_is_a_client_error_not_500(client: Client) -> None:
    response = client.post(CHECK, '{"id": "a1", ', content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_classify_one_and_many(client: Client) -> None:
    one = post(client, CLASSIFY, {"id": "t1", "text": PARTISAN})
    assert one.status_code == 200
    assert set(one.json()) == {"id", "political", "content_class", "score"}
    assert one.json()["content_class"] == "partisan" and one.json()["political"] is True
    many = post(client, CLASSIFY, [{"id": "t1", "text": CIVIC}, {"id": 2, "text": "Resep soto"}])
    assert [(r["id"], r["content_class"]) for r in many.json()] == [
        ("t1", "civic"),
        (2, "non_political"),
    ]
    assert many.json()[0]["political"] is True and many.json()[1]["political"] is False


def test_classify_validates_fields(client: Client) -> None:
    assert errors(post(client, CLASSIFY, {"id": "t1"})) == {"text": "missing"}
    bad_region = {"id": "t1", "text": CIVIC, "region": "Jakarta"}
    assert errors(post(client, CLASSIFY, bad_region)) == {"region": "invalid_region"}
    undotted = post(client, CLASSIFY, {"id": "t1", "text": CIVIC, "region": "3171"})
    assert undotted.status_code == 200 and undotted.json()["content_class"] == "civic"
    assert errors(post(client, CLASSIFY, {"id": "t1", "text": "x" * 20_001})) == {
        "text": "string_too_long"
    }
    assert errors(post(client, CLASSIFY, [])) == {"": "too_short"}


def test_openapi_shows_the_real_shapes(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(components["ActIn"]["properties"]["action"]["enum"]) == {
        "post",
        "like",
        "comment",
        "share",
        "follow",
        "join_group",
        "profile_photo",
        "view",
    }
    assert set(components["VerdictOut"]["required"]) >= CONTRACT_KEYS
    assert "/api/v1/neutrality/check" in schema["paths"]
    assert "/api/v1/classify" in schema["paths"]


def _live_post(url: str, data: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.mark.django_db(transaction=True)
def test_live_server_checks_a_batch(live_server: Any) -> None:
    body = json.dumps([make_act(id="p"), make_act(id="c", action="like", content={"text": CIVIC})])
    status, verdicts = _live_post(live_server.url + CHECK, body.encode())
    assert status == 200
    assert [(v["id"], v["violation"]) for v in verdicts] == [("p", True), ("c", False)]


@pytest.mark.django_db(transaction=True)
def test_live_server_rejects_bad_input_with_codes(live_server: Any) -> None:
    status, body = _live_post(live_server.url + CHECK, json.dumps(make_act(action="x")).encode())
    assert status == 422
    assert body["detail"][0]["field"] == "action"
    status, body = _live_post(live_server.url + CHECK, b"{not json")
    assert status == 400
    assert body["detail"][0]["code"] == "invalid_json"


def test_large_batch_within_limits_is_answered(client: Client) -> None:
    acts = [make_act(id=str(i), content={"text": "x" * 19_000}) for i in range(200)]
    response = post(client, CHECK, acts)
    assert response.status_code == 200 and len(response.json()) == 200


def test_oversized_request_is_a_client_error(client: Client) -> None:
    """Over DATA_UPLOAD_MAX_MEMORY_SIZE (25 MB) the body is refused before parsing."""
    acts = [make_act(id=str(i), content={"text": "x" * 19_000}) for i in range(1_400)]
    assert post(client, CHECK, acts).status_code in (400, 413)


def test_public_endpoints_are_rate_limited_per_client(client: Client, settings: Any) -> None:
    settings.POSKO_PUBLIC_RATE_LIMIT = "2/m"
    item = {"id": "r", "text": "Ayo coblos nomor 3!"}
    assert post(client, CLASSIFY, item).status_code == 200
    assert post(client, CLASSIFY, item).status_code == 200
    refused = post(client, CLASSIFY, item)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"][0]["code"] == "rate_limited"
    # The self-check page counts its own POSTs the same way.
    form = {"text": "Ayo coblos nomor 3!", "action": "like", "asn": "yes"}
    statuses = [client.post("/cek-netralitas", form).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
