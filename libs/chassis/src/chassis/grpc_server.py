"""A gRPC server with what operators and integrators expect from every service:
health checking, reflection (so grpcurl works without .proto files), standard
metrics and request ids in logs."""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent import futures
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from chassis.logging import bound, request_id_var
from chassis.metrics import ServiceMetrics

log = logging.getLogger(__name__)

ServicerAdder = Callable[[grpc.Server], None]


def _rpc_type(handler: grpc.RpcMethodHandler) -> str:
    if handler.request_streaming and handler.response_streaming:
        return "bidi_stream"
    if handler.request_streaming:
        return "client_stream"
    if handler.response_streaming:
        return "server_stream"
    return "unary"


class _Undecodable:
    """Stands for a request body that did not parse."""


class MetricsInterceptor(grpc.ServerInterceptor):
    """Counts and times unary RPCs under the go-grpc-prometheus names."""

    def __init__(self, metrics: ServiceMetrics) -> None:
        self.metrics = metrics

    def intercept_service(self, continuation: Callable[..., Any], details: grpc.HandlerCallDetails) -> Any:
        handler = continuation(details)
        if handler is None or handler.unary_unary is None:
            return handler
        service, _, method = details.method.lstrip("/").rpartition("/")
        labels = (_rpc_type(handler), service, method)
        inner = handler.unary_unary
        metadata = dict(details.invocation_metadata or ())
        deserialize = handler.request_deserializer

        def safe_deserialize(data: bytes) -> Any:
            # grpcio answers INTERNAL when a request does not parse; it is the
            # caller's mistake, so it gets INVALID_ARGUMENT like any bad input.
            try:
                return deserialize(data) if deserialize else data
            except Exception:
                return _Undecodable()

        def wrapped(request: Any, context: grpc.ServicerContext) -> Any:
            self.metrics.grpc_started.labels(*labels).inc()
            started = time.perf_counter()
            request_id = metadata.get("x-request-id") or str(uuid.uuid4())
            code = grpc.StatusCode.OK
            try:
                if isinstance(request, _Undecodable):
                    context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"the request is not a valid {method} request")
                with bound(request_id_var, request_id):
                    return inner(request, context)
            except Exception:
                # context.abort raises; its code is on the context. Anything
                # else escaping a handler is a bug: gRPC reports it as UNKNOWN.
                code = context.code() or grpc.StatusCode.UNKNOWN
                raise
            finally:
                if code is grpc.StatusCode.OK and context.code() not in (None, grpc.StatusCode.OK):
                    code = context.code()
                self.metrics.grpc_handled.labels(*labels, code.name).inc()
                self.metrics.grpc_seconds.labels(*labels).observe(time.perf_counter() - started)

        return grpc.unary_unary_rpc_method_handler(
            wrapped,
            request_deserializer=safe_deserialize,
            response_serializer=handler.response_serializer,
        )


# *Default*: connections live at most five minutes; calls in flight get 30 s more.
MAX_CONNECTION_AGE_S = 300.0
CONNECTION_AGE_GRACE_S = 30.0


def build_server(
    adders: Iterable[ServicerAdder],
    service_names: Iterable[str],
    port: int,
    metrics: ServiceMetrics,
    host: str = "127.0.0.1",
    max_workers: int = 16,
    interceptors: Iterable[grpc.ServerInterceptor] = (),
    bind: Callable[[grpc.Server, str], int] | None = None,
    max_connection_age_s: float = MAX_CONNECTION_AGE_S,
) -> tuple[grpc.Server, health.HealthServicer, int]:
    """Returns the server (not started), its health servicer and the bound port
    (useful with port 0 in tests). `interceptors` run after the metrics one, so
    refused calls are counted too; `bind` may add TLS."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers),
        interceptors=[MetricsInterceptor(metrics), *interceptors],
        options=[("grpc.max_receive_message_length", 4 * 1024 * 1024),
                 # Clients resolve a name only when they connect: a connection closed
                 # now and then (calls in flight finish first) lets them find replicas
                 # the autoscaler added since.
                 ("grpc.max_connection_age_ms", int(max_connection_age_s * 1000)),
                 ("grpc.max_connection_age_grace_ms", int(CONNECTION_AGE_GRACE_S * 1000))],
    )
    for add in adders:
        add(server)
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = list(service_names)
    reflection.enable_server_reflection(
        [*names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME], server)
    bound_port = bind(server, f"{host}:{port}") if bind else server.add_insecure_port(f"{host}:{port}")
    if bound_port == 0:
        raise OSError(f"could not bind gRPC port {host}:{port}")
    for name in ("", *names):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    return server, health_servicer, bound_port


def set_serving(health_servicer: health.HealthServicer, names: Iterable[str], serving: bool) -> None:
    status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
    for name in ("", *names):
        health_servicer.set(name, status)
