"""The JSON and gRPC reads: what they return, and clear errors for bad requests."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessment.bootstrap import Assessment
from assessment.entrypoints.http_app import create_app
from assessment.testing import builders as b

V = "441826108201"


def test_a_score_is_served_as_json_with_its_breakdown(client: Callable[..., Any], feed: Callable[..., None]) -> None:
    feed([b.registered("h", V, 3, "2012-01-01T00:00:00Z"), b.exited("h", V, 2012, 3, "2012-12-01T00:00:00Z")])
    client = client()
    body = client.get(f"/v1/scores/village/{V}").get_json()
    assert body["score"] == f"{body['score_centi'] // 100}.{body['score_centi'] % 100:02d}"
    assert sum(i["points_centi"] for i in body["indicators"]) == body["score_centi"]
    assert {i["indicator"] for i in body["indicators"]} >= {"exit_rate", "cadre_work"}
    ranking = client.get("/v1/rankings/village?division_code=441826000000").get_json()
    assert [e["target_id"] for e in ranking["entries"]] == [V] and ranking["tie_rule"]


def test_bad_requests_get_400_with_every_field_violation_and_unknown_targets_404(
        client: Callable[..., Any]) -> None:
    client = client()
    response = client.get("/v1/scores/planet/earth")
    assert response.status_code == 400
    assert {v["field"] for v in response.get_json()["error"]["field_violations"]} == {"target_kind"}
    response = client.get("/v1/scores/village/12")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "INVALID_ARGUMENT"
    response = client.get("/v1/flags?target_id=x&division_code=abc&include_cleared=maybe")
    assert response.status_code == 400
    response = client.get("/v1/flags?target_id=x&division_code=abc")
    assert {v["field"] for v in response.get_json()["error"]["field_violations"]} == {"target_kind", "division_code"}
    response = client.get(f"/v1/scores/village/{V}")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "NOT_FOUND"


def test_the_openapi_document_lists_every_route_the_app_serves(assessment: Assessment) -> None:
    app = create_app(assessment)
    document = app.test_client().get("/openapi.json").get_json()
    served = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.endpoint != "static"}
    assert served == set(document["paths"])


def test_a_reader_outside_the_village_is_refused_before_learning_whether_it_has_a_score(
        client: Callable[..., Any], feed: Callable[..., None]) -> None:
    feed([b.registered("h", V, 3, "2012-01-01T00:00:00Z")])
    neighbour = client("village_cadre", "441826108202")
    for path in (f"/v1/scores/village/{V}", "/v1/scores/village/441826108203", f"/v1/villages/{V}/summary"):
        response = neighbour.get(path)
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "PERMISSION_DENIED"
    assert client("village_cadre", V).get(f"/v1/villages/{V}/summary").get_json()["registered_households"] == 1
    assert client("operator").get("/v1/scores/cadre/c-1").status_code == 403  # no role, no NOT_FOUND either


def test_flags_and_figures_without_a_division_read_only_the_callers_own_jurisdiction(
        client: Callable[..., Any]) -> None:
    county = client("county_approver", "441826000000")
    assert county.get("/v1/flags").status_code == 200
    assert county.get("/v1/flags?division_code=441827000000").status_code == 403
    assert client("provincial_office").get("/v1/figures").get_json()["division_code"] == "440000000000"
    assert client("county_approver", "441826000000").get("/v1/figures").status_code == 403
    # Rankings are published province-wide: any reader sees any division's.
    assert client("village_cadre", V).get("/v1/rankings/village?division_code=441900000000").status_code == 200
