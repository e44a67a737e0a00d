"""Prometheus metrics every service exposes, on a registry of its own so that
several services (or tests) can live in one process."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class ServiceMetrics:
    """The standard families. Labels never carry a household or person id."""

    def __init__(self, service: str, registry: CollectorRegistry | None = None) -> None:
        self.service = service
        self.registry = registry or CollectorRegistry()
        r = self.registry
        # Names match go-grpc-prometheus so stock dashboards work unchanged.
        self.grpc_started = Counter(
            "grpc_server_started_total", "RPCs started on the server.",
            ["grpc_type", "grpc_service", "grpc_method"], registry=r)
        self.grpc_handled = Counter(
            "grpc_server_handled_total", "RPCs completed on the server, regardless of success or failure.",
            ["grpc_type", "grpc_service", "grpc_method", "grpc_code"], registry=r)
        self.grpc_seconds = Histogram(
            "grpc_server_handling_seconds", "Response latency of RPCs handled by the server.",
            ["grpc_type", "grpc_service", "grpc_method"], buckets=LATENCY_BUCKETS, registry=r)
        self.http_requests = Counter(
            "http_requests_total", "HTTP requests handled.", ["method", "endpoint", "status"], registry=r)
        self.http_seconds = Histogram(
            "http_request_duration_seconds", "HTTP request latency.", ["method", "endpoint"],
            buckets=LATENCY_BUCKETS, registry=r)
        self.events_published = Counter(
            "shuangdao_events_published_total", "Events published from the outbox.", ["topic", "type"], registry=r)
        self.events_consumed = Counter(
            "shuangdao_events_consumed_total", "Events applied by a consumer.", ["topic", "type"], registry=r)
        self.events_duplicate = Counter(
            "shuangdao_events_duplicate_total", "Redelivered events recognised and skipped.", ["topic", "type"],
            registry=r)
        self.events_dead_lettered = Counter(
            "shuangdao_events_dead_lettered_total", "Messages sent to a dead-letter topic.", ["topic", "reason"],
            registry=r)
        self.events_failed = Counter(
            "shuangdao_events_failed_total", "Handler failures that will be retried.", ["topic", "type"],
            registry=r)
        self.event_handling_seconds = Histogram(
            "shuangdao_event_handling_seconds", "Time to apply one consumed event.", ["topic"],
            buckets=LATENCY_BUCKETS, registry=r)
        self.outbox_backlog = Gauge(
            "shuangdao_outbox_backlog", "Outbox rows not yet published.", registry=r)
        self.outbox_publish_seconds = Histogram(
            "shuangdao_outbox_publish_latency_seconds", "Time from an event's commit to its publication.",
            buckets=LATENCY_BUCKETS, registry=r)
        self.consumer_lag = Gauge(
            "kafka_consumergroup_lag", "Messages behind the end of the partition.",
            ["consumergroup", "topic", "partition"], registry=r)

    def track_outbox_backlog(self, count: Callable[[], int]) -> None:
        """Read the backlog at scrape time so the gauge is never stale."""
        self.outbox_backlog.set_function(count)

    def track_counts(self, name: str, documentation: str, labels: str | tuple[str, ...],
                     read: Callable[[], dict[Any, float]]) -> None:
        """A domain gauge by one label, read at scrape time (see QueryGauge)."""
        self.registry.register(QueryGauge(name, documentation, labels, read))


class QueryGauge(Collector):
    """A gauge family read from the service's own database at scrape time
    (households by status, open flags by rule, ...): never stale, and no
    bookkeeping in the handlers. A failed read yields no samples, not a failed
    scrape."""

    def __init__(self, name: str, documentation: str, labels: str | tuple[str, ...],
                 read: Callable[[], dict[Any, float]]) -> None:
        """`read` returns {label value: count}, or {(value, value, ...): count} for several labels."""
        self.name, self.documentation, self.read = name, documentation, read
        self.labels = (labels,) if isinstance(labels, str) else labels

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(self.name, self.documentation, labels=list(self.labels))
        try:
            values = self.read()
        except Exception:
            values = {}
        for key, count in sorted(values.items()):
            family.add_metric([str(k) for k in (key if isinstance(key, tuple) else (key,))], count)
        yield family

    def describe(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily(self.name, self.documentation, labels=list(self.labels))


def track_pool(metrics: ServiceMetrics, pool: Any) -> None:
    """Database connections in use, idle and beyond the pool size."""
    def read() -> dict[str, float]:
        return {"checked_out": pool.checkedout(), "idle": pool.checkedin(), "overflow": max(0, pool.overflow())}

    metrics.registry.register(QueryGauge("shuangdao_db_pool_connections", "Database pool connections by state.",
                                         "state", read))
