"""The operator CLI reports what is really there: each service's health,
readiness and outbox backlog, and consumer lag as the broker sees it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from shuangdao.registry.v1 import registry_pb2_grpc

from e2e_support import household_request, summary_of, wait_for
from shuangdao_ops.cli import main
from shuangdao_ops.lag import group_lag


def endpoint_arg(running: Any, name: str) -> str:
    return f"{name}={running.grpc_target},{running.http_base}"


def test_status_shows_every_service_serving_ready_and_its_outbox_backlog(
        start_service: Callable[..., Any], capsys: pytest.CaptureFixture[str]) -> None:
    registry = start_service("registry", parts=("grpc", "http"))  # no relay: events wait in the outbox
    office = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    office.RegisterHousehold(household_request(), timeout=5)
    code = main(["status", "--service", endpoint_arg(registry, "registry")])
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("registry"))
    assert code == 0
    assert line.split()[:4] == ["registry", "SERVING", "yes", "1"]
    assert "database=ok" in line and "kafka=ok" in line


def test_status_fails_and_says_so_when_a_service_is_down(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["status", "--service", "registry=127.0.0.1:1,http://127.0.0.1:1"])
    assert code == 1
    assert "DOWN" in capsys.readouterr().out


def test_lag_is_read_from_the_broker_even_while_the_consumer_is_stopped(
        start_service: Callable[..., Any], kafka_bootstrap: str) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment", parts=("grpc", "consumer"))
    stub = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    stub.RegisterHousehold(household_request(seed=1), timeout=5)
    wait_for(lambda: summary_of(assessment).registered_households == 1)
    group = assessment.service.settings.common.consumer_group
    wait_for(lambda: sum(r.lag for r in group_lag(kafka_bootstrap, [group])) == 0)

    assessment.process.stop()
    stub.RegisterHousehold(household_request(seed=2), timeout=5)
    stub.RegisterHousehold(household_request(seed=3), timeout=5)
    wait_for(lambda: sum(r.lag for r in group_lag(kafka_bootstrap, [group])) == 2)
    rows = group_lag(kafka_bootstrap, [group])
    assert {r.topic for r in rows} == {registry.service.settings.topic("registry.household.v1")}
