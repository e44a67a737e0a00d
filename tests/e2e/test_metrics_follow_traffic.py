"""Operators trust /metrics only if it counts exactly what happened: drive a
known amount of traffic at every service, scrape each /metrics over HTTP and
check the counters moved by exactly that much."""
from __future__ import annotations

import urllib.request
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families
from shuangdao.cadres.v1 import cadres_pb2, cadres_pb2_grpc
from shuangdao.funds.v1 import funds_pb2, funds_pb2_grpc
from shuangdao.registry.v1 import registry_pb2_grpc

from e2e_support import household_request, summary_of, wait_for

REGISTERED, REFUSED, UNAUTHENTICATED, PROBES = 5, 3, 4, 6


def scrape(running: Any) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    with urllib.request.urlopen(f"{running.http_base}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def probe(running: Any, times: int) -> None:
    for _ in range(times):
        urllib.request.urlopen(f"{running.http_base}/healthz", timeout=5).read()


def test_every_services_counters_move_by_exactly_the_traffic_sent(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    funds = start_service("funds")
    cadres = start_service("cadres")

    stub = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    for seed in range(REGISTERED):
        stub.RegisterHousehold(household_request(seed=seed + 1), timeout=10)
    for _ in range(REFUSED):
        bad = household_request()
        bad.ClearField("members")
        with pytest.raises(grpc.RpcError):
            stub.RegisterHousehold(bad, timeout=10)
    anonymous = [(funds_pb2_grpc.FundsServiceStub(funds.channel()).GetSource, funds_pb2.GetSourceRequest()),
                 (cadres_pb2_grpc.CadresServiceStub(cadres.channel()).GetSupportUnit,
                  cadres_pb2.GetSupportUnitRequest())]
    for call, request in anonymous:
        for _ in range(UNAUTHENTICATED):
            with pytest.raises(grpc.RpcError) as refused:
                call(request, timeout=10)
            assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED
    for running in (registry, assessment, funds, cadres):
        probe(running, PROBES)
    wait_for(lambda: summary_of(assessment).registered_households == REGISTERED)

    topic = registry.service.settings.topic("registry.household.v1")
    register = {"grpc_type": "unary", "grpc_service": "shuangdao.registry.v1.RegistryService",
                "grpc_method": "RegisterHousehold"}
    samples = scrape(registry)
    assert value(samples, "grpc_server_started_total", **register) == REGISTERED + REFUSED
    assert value(samples, "grpc_server_handled_total", **register, grpc_code="OK") == REGISTERED
    assert value(samples, "grpc_server_handled_total", **register, grpc_code="INVALID_ARGUMENT") == REFUSED
    assert value(samples, "grpc_server_handling_seconds_count", **register) == REGISTERED + REFUSED
    wait_for(lambda: value(scrape(registry), "shuangdao_events_published_total", topic=topic,
                           type="household-registered") == REGISTERED)
    assert value(scrape(registry), "shuangdao_outbox_backlog") == 0
    assert value(scrape(registry), "shuangdao_households", status="registered") == REGISTERED

    consumed = scrape(assessment)
    assert value(consumed, "shuangdao_events_consumed_total", topic=topic, type="household-registered") == REGISTERED
    assert value(consumed, "shuangdao_events_duplicate_total", topic=topic, type="household-registered") == 0
    assert value(consumed, "shuangdao_events_dead_lettered_total", topic=topic, reason="undecodable") == 0
    # One village received every household: it is scored once, whatever its grade.
    wait_for(lambda: sum(v for (name, labels), v in scrape(assessment).items()
                         if name == "shuangdao_scores" and ("target_kind", "village") in labels) == 1)

    for running, service, method in ((funds, "shuangdao.funds.v1.FundsService", "GetSource"),
                                     (cadres, "shuangdao.cadres.v1.CadresService", "GetSupportUnit")):
        samples = scrape(running)
        assert value(samples, "grpc_server_handled_total", grpc_type="unary", grpc_service=service,
                     grpc_method=method, grpc_code="UNAUTHENTICATED") == UNAUTHENTICATED
    for running in (registry, assessment, funds, cadres):
        assert value(scrape(running), "http_requests_total", method="GET", endpoint="/healthz",
                     status="200") == PROBES
