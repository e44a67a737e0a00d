"""ListDivisions: the division table as reference data, so clients (the
portal's drill-down) can name places and walk down the hierarchy."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from e2e_support import get_json
from chassis.security.testing import token_for

PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE = "440000000000", "441800000000", "441826000000", "441826108000", \
    "441826108201"


@pytest.fixture
def registry(start_service: Callable[..., Any]) -> Any:
    return start_service("registry", parts=("grpc", "http"))


def stub_as(registry: Any, role: str, jurisdiction: str | None = None) -> Any:
    return registry_pb2_grpc.RegistryServiceStub(registry.channel(role=role, jurisdiction=jurisdiction))


def test_the_children_of_a_division_come_with_the_division_and_the_way_down_to_it(registry: Any) -> None:
    answer = stub_as(registry, "county_approver", COUNTY).ListDivisions(
        R.ListDivisionsRequest(parent_code=TOWNSHIP), timeout=10)
    assert (answer.parent.code, answer.parent.name, answer.parent.level) == (TOWNSHIP, "Sanpai Town", "township")
    assert [(d.code, d.level) for d in answer.ancestors] == [(PROVINCE, "province"), (CITY, "city"),
                                                             (COUNTY, "county")]
    assert VILLAGE in [d.code for d in answer.divisions]
    assert all(d.parent_code == TOWNSHIP for d in answer.divisions)
    assert [d.code for d in answer.divisions] == sorted(d.code for d in answer.divisions)


def test_without_a_parent_the_top_level_divisions_are_listed(registry: Any) -> None:
    answer = stub_as(registry, "provincial_office", PROVINCE).ListDivisions(R.ListDivisionsRequest(), timeout=10)
    assert not answer.HasField("parent") and not answer.ancestors
    assert [(d.code, d.level) for d in answer.divisions] == [(PROVINCE, "province")]


def test_division_names_are_reference_data_any_official_may_read_outside_their_jurisdiction(registry: Any) -> None:
    answer = stub_as(registry, "village_cadre", "441826100201").ListDivisions(
        R.ListDivisionsRequest(parent_code=CITY), timeout=10)
    assert COUNTY in [d.code for d in answer.divisions]


def test_a_county_system_and_an_operator_may_not_list_divisions(registry: Any) -> None:
    for role in ("county_system", "operator"):
        with pytest.raises(grpc.RpcError) as refused:
            stub_as(registry, role).ListDivisions(R.ListDivisionsRequest(parent_code=COUNTY), timeout=10)
        assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED


def test_an_unknown_parent_is_not_found_and_a_malformed_one_is_invalid(registry: Any) -> None:
    stub = stub_as(registry, "provincial_office", PROVINCE)
    with pytest.raises(grpc.RpcError) as unknown:
        stub.ListDivisions(R.ListDivisionsRequest(parent_code="441826999000"), timeout=10)
    assert unknown.value.code() is grpc.StatusCode.NOT_FOUND and "441826999000" in unknown.value.details()
    with pytest.raises(grpc.RpcError) as malformed:
        stub.ListDivisions(R.ListDivisionsRequest(parent_code="4418"), timeout=10)
    assert malformed.value.code() is grpc.StatusCode.INVALID_ARGUMENT


def test_the_json_route_answers_the_same_and_maps_errors(registry: Any) -> None:
    token = token_for("county_approver", COUNTY)
    status, body = get_json(f"{registry.http_base}/v1/divisions?parent_code={COUNTY}", token)
    assert status == 200 and body["parent"]["name"] == "Liannan Yao Autonomous County"
    assert TOWNSHIP in [d["code"] for d in body["divisions"]] and body["ancestors"][0]["code"] == PROVINCE
    status, body = get_json(f"{registry.http_base}/v1/divisions", token)
    assert status == 200 and body["parent"] is None
    status, body = get_json(f"{registry.http_base}/v1/divisions?parent_code=441826999000", token)
    assert status == 404 and body["error"]["code"] == "NOT_FOUND"
    status, body = get_json(f"{registry.http_base}/v1/divisions?parent_code=x", token)
    assert status == 400 and body["error"]["field_violations"][0]["field"] == "parent_code"
