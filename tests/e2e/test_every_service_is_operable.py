"""What operators and integrators rely on from every service: gRPC health and
reflection, /healthz, /readyz that tells the truth, and /metrics."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from sqlalchemy import text

from chassis.testing.fixtures import common_settings

SERVICES = ["registry", "assessment", "funds", "cadres"]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def reflected_services(channel: grpc.Channel) -> set[str]:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    [reply] = list(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]),
                                             timeout=5))
    return {s.name for s in reply.list_services_response.service}


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_answers_health_reflection_and_its_http_probes(
        start_service: Callable[..., Any], name: str) -> None:
    running = start_service(name)
    channel = running.channel()
    health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert health.status == health_pb2.HealthCheckResponse.SERVING
    assert "grpc.health.v1.Health" in reflected_services(channel)
    assert get(f"{running.http_base}/healthz")[0] == 200
    status, body = get(f"{running.http_base}/readyz")
    assert (status, json.loads(body)["ready"]) == (200, True)
    status, metrics = get(f"{running.http_base}/metrics")
    assert status == 200
    for family in ("grpc_server_handled_total", "shuangdao_events_published_total",
                   "shuangdao_outbox_backlog 0.0", "http_requests_total"):
        assert family in metrics, family


def test_grpc_metrics_count_calls_under_the_standard_names(start_service: Callable[..., Any]) -> None:
    assessment = start_service("assessment", parts=("grpc", "http"))
    from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc

    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role="provincial_office"))
    stub.GetVillageSummary(assessment_pb2.GetVillageSummaryRequest(village_code="441826108201"), timeout=5)
    with pytest.raises(grpc.RpcError):
        stub.GetVillageSummary(assessment_pb2.GetVillageSummaryRequest(village_code="bad"), timeout=5)
    labels = {"grpc_type": "unary", "grpc_service": "shuangdao.assessment.v1.AssessmentService",
              "grpc_method": "GetVillageSummary"}
    value = assessment.service.metrics.registry.get_sample_value
    assert value("grpc_server_started_total", labels) == 2
    assert value("grpc_server_handled_total", {**labels, "grpc_code": "OK"}) == 1
    assert value("grpc_server_handled_total", {**labels, "grpc_code": "INVALID_ARGUMENT"}) == 1
    assert value("grpc_server_handling_seconds_count", labels) == 2
    assert "shuangdao.assessment.v1.AssessmentService" in reflected_services(assessment.channel())


def test_readiness_is_false_while_kafka_is_unreachable(database_factory: Callable[[str], str],
                                                        topic_prefix: str) -> None:
    from registry.bootstrap import bootstrap
    from registry.config import Settings

    registry = bootstrap(Settings(common=common_settings("registry", database_factory("registry"),
                                                         "127.0.0.1:1", topic_prefix)))
    report = registry.readiness.report()
    assert report == {"database": True, "kafka": False, "accepting": True}


def test_readiness_is_false_while_the_database_is_unreachable(
        start_service: Callable[..., Any], postgres_base_url: str) -> None:
    running = start_service("registry", parts=("http",))
    assert get(f"{running.http_base}/readyz")[0] == 200
    engine = running.service.engine
    database = engine.url.database
    from sqlalchemy import create_engine

    admin = create_engine(postgres_base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
    admin.dispose()
    running.service.readiness.cache_seconds = 0
    status, body = get(f"{running.http_base}/readyz")
    assert status == 503
    assert json.loads(body)["checks"]["database"] is False
