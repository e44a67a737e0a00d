"""CountHouseholds over the wire: gRPC and JSON answer the same counts, and a
caller outside the division hears nothing about it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R

import portal_scenario as s
from e2e_support import get_json
from chassis.security.testing import token_for

GROUPS = ("registered", "exit_proposed", "exited", "pending", "sent_back", "rejected", "at_risk")


@pytest.fixture
def registry(start_service: Callable[..., Any]) -> Any:
    running = start_service("registry", parts=("grpc", "http"))
    s.load_divisions(running)  # the synthetic second county (Lianshan)
    return running


def test_grpc_and_json_give_the_same_counts_for_the_division_and_each_below_it(registry: Any) -> None:
    s.register(registry, s.SANPAI, 2)
    s.register(registry, s.SANJIANG_1, 1)
    answer = s.registry_stub(registry, "county_approver", s.LIANNAN).CountHouseholds(
        R.CountHouseholdsRequest(division_code=s.LIANNAN), timeout=10)
    by_code = {c.division.code: c for c in answer.children}
    registered = {code: (c.registered.households, c.registered.people) for code, c in by_code.items()}
    assert answer.division.division.code == s.LIANNAN
    assert answer.division.registered.households == 3
    assert answer.division.registered.people == sum(people for _, people in registered.values()) > 3
    assert registered[s.SANPAI_TOWN][0] == 2 and registered[s.SANJIANG_TOWN][0] == 1
    status, body = get_json(f"{registry.http_base}/v1/divisions/{s.LIANNAN}/household-counts",
                            token_for("county_approver", s.LIANNAN))
    assert status == 200
    as_json = {c["division"]["code"]: c for c in body["children"]}
    assert list(as_json) == list(by_code)
    for code, counts in by_code.items():
        assert {g: (as_json[code][g]["households"], as_json[code][g]["people"]) for g in GROUPS} == \
            {g: (getattr(counts, g).households, getattr(counts, g).people) for g in GROUPS}


def test_a_county_official_asking_about_another_county_or_the_city_is_refused_both_ways(registry: Any) -> None:
    s.register(registry, s.LIANSHAN_VILLAGE, 1)
    stub = s.registry_stub(registry, "county_approver", s.LIANNAN)
    token = token_for("county_approver", s.LIANNAN)
    for outside in (s.LIANSHAN, s.LIANSHAN_VILLAGE, s.CITY, s.PROVINCE):
        with pytest.raises(grpc.RpcError) as refused:
            stub.CountHouseholds(R.CountHouseholdsRequest(division_code=outside), timeout=10)
        assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
        status, body = get_json(f"{registry.http_base}/v1/divisions/{outside}/household-counts", token)
        assert status == 403 and "households" not in str(body) and "children" not in body


def test_an_unknown_division_is_not_found_and_a_malformed_one_invalid_over_json(registry: Any) -> None:
    token = token_for("provincial_office", s.PROVINCE)
    status, body = get_json(f"{registry.http_base}/v1/divisions/441826999000/household-counts", token)
    assert status == 404 and body["error"]["code"] == "NOT_FOUND"
    status, body = get_json(f"{registry.http_base}/v1/divisions/44x/household-counts", token)
    assert status == 400 and body["error"]["field_violations"][0]["field"] == "division_code"
