"""What one service says about itself: gRPC health, /readyz, /metrics."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Endpoint:
    name: str
    grpc: str  # host:port
    http: str  # base URL


@dataclass
class ServiceStatus:
    name: str
    grpc_serving: bool
    ready: bool
    checks: dict[str, bool] = field(default_factory=dict)
    outbox_backlog: float | None = None
    consumer_lag: float | None = None
    dead_lettered: float | None = None
    error: str = ""


def grpc_serving(target: str, timeout: float = 2.0) -> bool:
    try:
        with grpc.insecure_channel(target) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
        return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.RpcError:
        return False


def readiness(base: str, timeout: float = 2.0) -> tuple[bool, dict[str, bool]]:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=timeout) as response:
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = json.loads(error.read() or b"{}")
    except (urllib.error.URLError, OSError, ValueError):
        return False, {}
    return bool(body.get("ready")), dict(body.get("checks", {}))


def metric_sums(base: str, names: set[str], timeout: float = 2.0) -> dict[str, float]:
    """Sum of every sample of each named family (all label sets)."""
    with urllib.request.urlopen(f"{base}/metrics", timeout=timeout) as response:
        text = response.read().decode()
    sums: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in names and sample.value == sample.value:  # NaN != NaN
                sums[sample.name] = sums.get(sample.name, 0.0) + sample.value
    return sums


def status_of(endpoint: Endpoint) -> ServiceStatus:
    ready, checks = readiness(endpoint.http)
    status = ServiceStatus(endpoint.name, grpc_serving(endpoint.grpc), ready, checks)
    try:
        sums = metric_sums(endpoint.http, {"shuangdao_outbox_backlog", "kafka_consumergroup_lag",
                                            "shuangdao_events_dead_lettered_total"})
        status.outbox_backlog = sums.get("shuangdao_outbox_backlog")
        status.consumer_lag = sums.get("kafka_consumergroup_lag")
        status.dead_lettered = sums.get("shuangdao_events_dead_lettered_total", 0.0)
    except (urllib.error.URLError, OSError) as error:
        status.error = str(error)
    return status
