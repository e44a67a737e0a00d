"""Size limits: a request body over 1 MiB is a 413 with the JSON error body
on every service that takes one (the gRPC 4 MiB limit is in test_grpc_fuzz),
and a page size over the documented maximum is refused, never served."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
import requests
from shuangdao.registry.v1 import registry_pb2, registry_pb2_grpc

from chassis.security.testing import token_for

# One write route per service (they share the chassis limit); the
# assessment's JSON API is read-only, so it has no body to limit.
WRITE_ROUTES = {"registry": "/v1/households", "cadres": "/v1/support-units", "funds": "/v1/sources"}
MAX_PAGE = 500  # registry.proto and openapi.yaml: page_size 1..500, 0 means the default


def bearer(role: str = "provincial_office") -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(role)}"}


@pytest.mark.parametrize("name", list(WRITE_ROUTES))
def test_a_request_body_over_one_mebibyte_is_refused_with_413_and_a_json_error(
        name: str, start_service: Callable[..., Any]) -> None:
    running = start_service(name, parts=("http",))
    body = b'{"name": "' + b"x" * (1024 * 1024 + 1) + b'"}'
    response = requests.post(f"{running.http_base}{WRITE_ROUTES[name]}", data=body, timeout=30,
                             headers={**bearer(), "Content-Type": "application/json"})
    assert response.status_code == 413, response.text[:300]
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "REQUEST_ENTITY_TOO_LARGE"
    assert requests.get(f"{running.http_base}/healthz", timeout=5).status_code == 200


def test_a_huge_page_size_is_refused_over_http_and_grpc_and_the_maximum_is_served(
        start_service: Callable[..., Any]) -> None:
    running = start_service("registry", parts=("http", "grpc"))
    url = f"{running.http_base}/v1/households"
    for size in (MAX_PAGE + 1, 2**31, 10**30, -1):
        response = requests.get(url, params={"division_code": "440000000000", "page_size": size}, headers=bearer(),
                                timeout=10)
        assert response.status_code == 400, (size, response.text[:300])
        assert response.json()["error"]["field_violations"][0]["field"] == "page_size"
    assert requests.get(url, params={"division_code": "440000000000", "page_size": MAX_PAGE}, headers=bearer(),
                        timeout=10).status_code == 200

    stub = registry_pb2_grpc.RegistryServiceStub(running.channel(role="provincial_office"))
    for size in (MAX_PAGE + 1, 2**31 - 1, -1, -(2**31)):
        with pytest.raises(grpc.RpcError) as refused:
            stub.ListHouseholds(registry_pb2.ListHouseholdsRequest(division_code="440000000000", page_size=size),
                                timeout=10)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, (size, refused.value.details())
    served = stub.ListHouseholds(registry_pb2.ListHouseholdsRequest(division_code="440000000000",
                                                                    page_size=MAX_PAGE), timeout=10)
    assert served.total_size == 0
