"""The cadres service end to end over real PostgreSQL and Kafka: the Sanpai
case loads through the public gRPC API and its events reach the topics; the
JSON API answers like gRPC, documents itself, and refuses bad input with a
clear 4xx."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from kafka import KafkaConsumer
from shuangdao.cadres.v1 import cadres_pb2 as pb
from shuangdao.cadres.v1 import cadres_pb2_grpc, events_pb2

from cadres.demo import sanpai
from chassis.grpc_errors import field_violations_of
from chassis.security.testing import token_for
from e2e_support import get_json, post_json


def records_of(bootstrap: str, topic: str, wanted: int) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=(4, 3),
                             group_id=f"check-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             consumer_timeout_ms=15000)
    found = []
    for record in consumer:
        found.append(record)
        if len(found) >= wanted:
            break
    consumer.close()
    return found


OFFICE = "provincial_office"
SANPAI = "441826108201"


def load_sanpai(cadres: Any) -> sanpai.SanpaiIds:
    return sanpai.load(cadres.channel(role=OFFICE), cadres.channel(role="support_unit", jurisdiction=SANPAI))


def test_the_sanpai_case_loads_through_the_public_api_and_announces_its_events(
        start_service: Callable[..., Any], kafka_bootstrap: str) -> None:
    cadres = start_service("cadres", parts=("grpc", "relay"))
    ids = load_sanpai(cadres)
    assert load_sanpai(cadres) == ids  # loading twice changes nothing

    stub = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role="auditor"))
    unit = stub.GetSupportUnit(pb.GetSupportUnitRequest(unit_id=ids.unit_id), timeout=5)
    assert unit.name == "Guangdong Provincial Tobacco Monopoly Bureau"
    assert unit.kind == events_pb2.UNIT_KIND_ENTERPRISE and unit.top_leader.title == "Director"
    [pairing] = stub.ListPairings(pb.ListPairingsRequest(village_code="441826108201"), timeout=5).pairings
    assert (pairing.unit_id, pairing.start_date, pairing.active) == (ids.unit_id, "2010-03-04", True)
    assert pairing.village.county_code == "441826000000" and pairing.village.township_code == "441826108000"
    cadre = stub.GetCadre(pb.GetCadreRequest(cadre_id=ids.cadre_id), timeout=5)
    assert cadre.name == "Wang Qingming"
    [stationing] = cadre.stationings
    assert (stationing.start_date, stationing.end_date, stationing.active) == ("2010-03-04", "2013-01-31", False)
    plans = stub.ListPlans(pb.ListPlansRequest(pairing_id=ids.pairing_id), timeout=5)
    assert [p.year for p in plans.yearly_plans] == [2010, 2011]
    assert sum(p.planned_funds_fen for p in plans.yearly_plans) == 587_600_000  # 5.876 million yuan
    assert plans.village_plan.strategy

    topic = cadres.service.settings.topic
    pairing_events = records_of(kafka_bootstrap, topic("cadres.pairing.v1"), 3)
    assert [dict(r.headers)["type"] for r in pairing_events] == [b"unit-paired", b"plan-adopted", b"plan-adopted"]
    assert {r.key for r in pairing_events} == {ids.pairing_id.encode()}
    paired = events_pb2.UnitPaired.FromString(pairing_events[0].value)
    assert (paired.unit_kind, paired.village.village_code, paired.start_date) == (
        events_pb2.UNIT_KIND_ENTERPRISE, "441826108201", "2010-03-04")
    cadre_events = records_of(kafka_bootstrap, topic("cadres.cadre.v1"), 2)
    assert [dict(r.headers)["type"] for r in cadre_events] == [b"cadre-stationed", b"cadre-withdrawn"]
    assert events_pb2.CadreWithdrawn.FromString(cadre_events[1].value).end_date == "2013-01-31"
    assert all(b"Wang" not in r.value for r in cadre_events)


def test_a_second_unit_for_sanpai_is_refused_naming_the_tobacco_bureau_pairing(
        start_service: Callable[..., Any]) -> None:
    cadres = start_service("cadres", parts=("grpc",))
    ids = load_sanpai(cadres)
    stub = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role=OFFICE))
    other = stub.RegisterSupportUnit(pb.RegisterSupportUnitRequest(
        name="Provincial Department of Civil Affairs", kind=events_pb2.UNIT_KIND_PROVINCIAL_ORGAN,
        top_leader=pb.TopLeader(name="A Director", since="2010-01-01")), timeout=5)
    with pytest.raises(grpc.RpcError) as error:
        stub.PairUnit(pb.PairUnitRequest(unit_id=other.unit_id, village_code="441826108201",
                                         start_date="2012-01-01"), timeout=5)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert ids.pairing_id in error.value.details()


def test_grpc_reports_every_malformed_field_at_once(start_service: Callable[..., Any]) -> None:
    cadres = start_service("cadres", parts=("grpc",))
    stub = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role=OFFICE))
    with pytest.raises(grpc.RpcError) as error:
        stub.RegisterSupportUnit(pb.RegisterSupportUnitRequest(kind=99), timeout=5)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in field_violations_of(error.value)} == {
        "name", "kind", "top_leader.name", "top_leader.since"}


def test_the_json_api_pairs_stations_and_refuses_a_second_cadre_with_409(
        start_service: Callable[..., Any]) -> None:
    cadres = start_service("cadres", parts=("http",))
    base = cadres.http_base
    office, unit_token = token_for(OFFICE), token_for("support_unit", "441826100201")
    status, unit = post_json(f"{base}/v1/support-units", {
        "name": "Shenzhen Futian District", "kind": "pearl_river_delta_city_unit",
        "top_leader": {"name": "District Head", "title": "Head", "since": "2019-01-01"}}, office)
    assert status == 201 and unit["top_leader"]["since"] == "2019-01-01"
    status, pairing = post_json(f"{base}/v1/pairings", {"unit_id": unit["unit_id"], "village_code": "441826100201",
                                                        "start_date": "2020-01-02"}, office)
    assert status == 201 and pairing["active"] is True
    cadre_ids = [post_json(f"{base}/v1/cadres", {"unit_id": unit["unit_id"], "name": f"Cadre {n}"},
                           unit_token)[1]["cadre_id"] for n in (1, 2)]
    status, first = post_json(f"{base}/v1/cadres/{cadre_ids[0]}/stationing",
                              {"pairing_id": pairing["pairing_id"], "start_date": "2020-01-02"}, unit_token)
    assert status == 201 and first["village"]["village_code"] == "441826100201"
    status, body = post_json(f"{base}/v1/cadres/{cadre_ids[1]}/stationing",
                             {"pairing_id": pairing["pairing_id"], "start_date": "2020-02-03"}, unit_token)
    assert status == 409 and body["error"]["code"] == "FAILED_PRECONDITION"
    assert first["stationing_id"] in body["error"]["message"]
    status, listed = get_json(f"{base}/v1/stationings?village_code=441826100201",
                              token_for("village_cadre", "441826100201"))
    assert status == 200 and [s["cadre_id"] for s in listed["stationings"]] == [cadre_ids[0]]


def test_bad_json_is_a_400_naming_every_field_and_unknown_records_are_404(
        start_service: Callable[..., Any]) -> None:
    cadres = start_service("cadres", parts=("http",))
    base = cadres.http_base
    office = token_for(OFFICE)
    status, body = post_json(f"{base}/v1/pairings", {"unit_id": 7, "village_code": "441826000000",
                                                     "start_date": "4 March 2010"}, office)
    assert status == 400 and body["error"]["code"] == "INVALID_ARGUMENT"
    assert {v["field"] for v in body["error"]["field_violations"]} == {"unit_id", "village_code", "start_date"}
    status, body = get_json(f"{base}/v1/cadres/{uuid.uuid4()}", office)
    assert status == 404 and body["error"]["code"] == "NOT_FOUND"
    status, body = get_json(f"{base}/v1/cadres/not-a-uuid/attendance/2010-13", office)
    assert status == 400 and {v["field"] for v in body["error"]["field_violations"]} == {"cadre_id", "month"}


def test_the_openapi_document_lists_every_route_of_the_json_api(start_service: Callable[..., Any]) -> None:
    cadres = start_service("cadres", parts=("http",))
    status, document = get_json(f"{cadres.http_base}/openapi.json")
    assert status == 200 and document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, item in document["paths"].items() for method in item}
    app = cadres.process.app
    served = {(rule.rule.replace("<", "{").replace(">", "}"), method)
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == served
