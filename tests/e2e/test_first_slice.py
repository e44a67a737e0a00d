"""The first slice across services: a household registered at the registry is
counted by the assessment, over real Kafka and PostgreSQL."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2, registry_pb2_grpc

from chassis.grpc_errors import field_violations_of
from e2e_support import VILLAGE, household_request, office_token, post_json, summary_of, wait_for

def test_a_household_registered_over_grpc_shows_in_the_village_summary(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    assert summary_of(assessment).registered_households == 0

    stub = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    reply = stub.RegisterHousehold(household_request(people=4), timeout=5)

    wait_for(lambda: summary_of(assessment).registered_households == 1)
    summary = summary_of(assessment)
    assert (summary.registered_households, summary.registered_people) == (1, 4)
    stored = stub.GetHousehold(registry_pb2.GetHouseholdRequest(household_id=reply.household_id), timeout=5)
    assert stored.divisions.county_code == "441826000000" and len(stored.members) == 4


def test_a_household_registered_as_json_shows_in_the_summary_too(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    status, body = post_json(f"{registry.http_base}/v1/households", {
        "village_code": VILLAGE, "category": "wubao",
        "members": [{"name": "Lone Elder", "relation": "head", "sex": "male", "birth_date": "1940-05-05"}]},
        office_token())
    assert status == 201 and body["household_id"]
    wait_for(lambda: summary_of(assessment).registered_people == 1)


@pytest.mark.parametrize("mutate, field", [
    (lambda r: r.ClearField("village_code"), "village_code"),
    (lambda r: setattr(r.members[1], "name", ""), "members[1].name"),
    (lambda r: r.ClearField("members"), "members"),
])
def test_invalid_registrations_are_refused_with_field_violations_and_leave_no_trace(
        start_service: Callable[..., Any], mutate: Callable[[Any], None], field: str) -> None:
    registry = start_service("registry", parts=("grpc", "http"))
    request = household_request()
    mutate(request)
    with pytest.raises(grpc.RpcError) as error:
        registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office")).RegisterHousehold(request, timeout=5)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field in {v.field for v in field_violations_of(error.value)}
    assert_nothing_stored(registry.service)


def test_invalid_json_is_a_400_with_field_violations_and_leaves_no_trace(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("http",))
    status, body = post_json(f"{registry.http_base}/v1/households",
                             {"village_code": "", "category": "dibao", "members": [{"name": 7}]}, office_token())
    assert status == 400
    fields = {v["field"] for v in body["error"]["field_violations"]}
    assert {"village_code", "members[0].name"} <= fields
    assert body["error"]["code"] == "INVALID_ARGUMENT"
    status, body = post_json(f"{registry.http_base}/v1/households", ["not", "an", "object"], office_token())
    assert status == 400 and body["error"]["field_violations"][0]["field"] == "body"
    assert_nothing_stored(registry.service)


def assert_nothing_stored(registry: Any) -> None:
    from sqlalchemy import func, select

    from registry.adapters import orm

    with registry.engine.connect() as connection:
        for table in (orm.households, orm.members, orm.outbox):
            assert connection.execute(select(func.count()).select_from(table)).scalar_one() == 0
