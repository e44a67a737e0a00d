"""RegisterHouseholds over gRPC and POST /v1/households:batch over JSON, on
real PostgreSQL: per-item answers, the batch limit, and a provincial-size batch."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.grpc_errors import field_violations_of
from chassis.security.testing import token_for
from e2e_support import VILLAGE, household_request, post_json


REGISTRAR = token_for("prefecture_registrar")


def stub_of(registry: Any) -> registry_pb2_grpc.RegistryServiceStub:
    return registry_pb2_grpc.RegistryServiceStub(registry.channel(role="prefecture_registrar"))


def test_a_grpc_batch_of_1000_households_of_about_4_members_registers_in_well_under_a_few_seconds(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    request = R.RegisterHouseholdsRequest(households=[
        household_request(people=3 + seed % 3, seed=seed) for seed in range(1000)])
    assert sum(len(h.members) for h in request.households) == 3999
    started = time.perf_counter()
    response = stub_of(registry).RegisterHouseholds(request, timeout=30)
    elapsed = time.perf_counter() - started
    print(f"RegisterHouseholds: 1000 households, 3999 members in {elapsed * 1000:.0f} ms")
    assert (response.registered_count, response.already_registered_count, response.rejected_count) == (1000, 0, 0)
    assert {r.outcome for r in response.results} == {R.BATCH_OUTCOME_REGISTERED}
    # A guard against gross regressions on a shared 2-core machine, not the benchmark (bench/ is).
    assert elapsed < 5


def test_a_grpc_batch_answers_each_item_and_one_over_the_limit_is_refused(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    stub = stub_of(registry)
    good, bad = household_request(seed=1), household_request(seed=2)
    del bad.members[:]
    response = stub.RegisterHouseholds(R.RegisterHouseholdsRequest(households=[good, bad, good]), timeout=10)
    assert [r.outcome for r in response.results] == [
        R.BATCH_OUTCOME_REGISTERED, R.BATCH_OUTCOME_INVALID_ARGUMENT, R.BATCH_OUTCOME_ALREADY_EXISTS]
    assert [(v.field, v.description) for v in response.results[1].field_violations] == [
        ("members", "a household needs at least one member")]
    assert response.results[2].field_violations[0].field == "members[0].national_id"
    with pytest.raises(grpc.RpcError) as refused:
        stub.RegisterHouseholds(R.RegisterHouseholdsRequest(
            households=[household_request(seed=10 + n) for n in range(1001)]), timeout=30)
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in field_violations_of(refused.value)] == ["households"]


def test_the_json_batch_answers_each_item_including_wrong_types_and_refuses_over_the_limit(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("http",))
    url = f"{registry.http_base}/v1/households:batch"
    good = {"village_code": VILLAGE, "category": "dibao", "members": [{"name": "Fang Ming", "relation": "head"}]}
    status, body = post_json(url, {"households": [good, {**good, "land_area_m2": "big"}, "not an object"]}, REGISTRAR)
    assert status == 200
    assert [(r["index"], r["outcome"]) for r in body["results"]] == [
        (0, "registered"), (1, "invalid_argument"), (2, "invalid_argument")]
    assert body["results"][1]["field_violations"] == [{"field": "land_area_m2", "description": "must be an integer"}]
    assert (body["registered_count"], body["already_registered_count"], body["rejected_count"]) == (1, 0, 2)
    status, error = post_json(url, {"households": [good] * 1001}, REGISTRAR)
    assert status == 400
    assert error["error"]["field_violations"][0]["field"] == "households"
    status, error = post_json(url, {"households": "all of them"}, REGISTRAR)
    assert status == 400
