"""The gRPC interceptor on a real server: bearer tokens in metadata, probes
left open, principal bound for servicer code, and optional mutual TLS."""
from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc

from chassis.grpc_errors import maps_errors
from chassis.grpc_server import MetricsInterceptor
from chassis.metrics import ServiceMetrics
from chassis.security.context import authorize_current, current_principal
from chassis.security.grpc_auth import (AuthInterceptor, TlsSettings, authenticated_channel, bearer_metadata,
                                        bind_port, open_channel)
from chassis.security.keys import make_certs
from chassis.security.policy import Role
from chassis.security.testing import token_for, verifier

SERVICE = "shuangdao.test.v1.Probe"


class Probe:
    """A servicer as a service would write one: reads the caller, authorizes, answers."""

    @maps_errors
    def WhoAmI(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        caller = current_principal()
        return f"{caller.subject}@{caller.jurisdiction}".encode()

    @maps_errors
    def ReadVillage(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        caller = authorize_current("registry.household.read", request.decode())
        return f"{caller.subject} reads {request.decode()}".encode()

    def Watch(self, request: bytes, context: grpc.ServicerContext) -> Iterator[bytes]:
        for n in range(3):
            yield f"{current_principal().subject}:{n}".encode()


def probe_handlers() -> grpc.GenericRpcHandler:
    probe = Probe()
    return grpc.method_handlers_generic_handler(SERVICE, {
        "WhoAmI": grpc.unary_unary_rpc_method_handler(probe.WhoAmI),
        "ReadVillage": grpc.unary_unary_rpc_method_handler(probe.ReadVillage),
        "Watch": grpc.unary_stream_rpc_method_handler(probe.Watch),
    })


def start_server(metrics: ServiceMetrics, tls: TlsSettings | None = None) -> tuple[grpc.Server, int]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4),
                         interceptors=[MetricsInterceptor(metrics), AuthInterceptor(verifier())])
    server.add_generic_rpc_handlers((probe_handlers(),))
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection([SERVICE, "grpc.health.v1.Health", reflection.SERVICE_NAME], server)
    port = bind_port(server, "127.0.0.1:0", tls)
    server.start()
    return server, port


@pytest.fixture
def metrics() -> ServiceMetrics:
    return ServiceMetrics("probe")


@pytest.fixture
def target(metrics: ServiceMetrics) -> Iterator[str]:
    server, port = start_server(metrics)
    yield f"127.0.0.1:{port}"
    server.stop(grace=None)


@pytest.fixture
def channel(target: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(target) as opened:
        yield opened


def call(channel: grpc.Channel, method: str, request: bytes = b"", **kwargs: Any) -> bytes:
    return channel.unary_unary(f"/{SERVICE}/{method}")(request, timeout=10, **kwargs)


def refused(channel: grpc.Channel, method: str, request: bytes = b"", **kwargs: Any) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call(channel, method, request, **kwargs)
    return caught.value


def test_a_call_without_a_token_is_unauthenticated_and_says_how_to_authenticate(channel: grpc.Channel) -> None:
    error = refused(channel, "WhoAmI")

    assert error.code() is grpc.StatusCode.UNAUTHENTICATED
    assert error.details() == "missing credentials: send 'authorization: Bearer <token>'"


@pytest.mark.parametrize("value, problem", [
    ("Bearer not-a-jwt", "token is not a well-formed JWT"),
    ("Basic YWxpY2U6cHc=", "authorization must read 'Bearer <token>'"),
])
def test_a_call_with_a_bad_token_is_unauthenticated(channel: grpc.Channel, value: str, problem: str) -> None:
    error = refused(channel, "WhoAmI", metadata=(("authorization", value),))

    assert error.code() is grpc.StatusCode.UNAUTHENTICATED and problem in error.details()


def test_a_call_with_a_valid_token_reaches_the_servicer_as_that_principal(channel: grpc.Channel) -> None:
    token = token_for(Role.COUNTY_APPROVER, "441826000000", subject="alice")

    assert call(channel, "WhoAmI", metadata=bearer_metadata(token)) == b"alice@441826000000"


def test_a_channel_wrapped_with_a_token_carries_it_on_every_call(channel: grpc.Channel) -> None:
    wrapped = authenticated_channel(channel, lambda: token_for(Role.AUDITOR, subject="auditor-1"))

    assert call(wrapped, "WhoAmI") == b"auditor-1@440000000000"
    assert list(wrapped.unary_stream(f"/{SERVICE}/Watch")(b"", timeout=10)) == \
        [b"auditor-1:0", b"auditor-1:1", b"auditor-1:2"]


def test_a_streaming_call_without_a_token_is_unauthenticated(channel: grpc.Channel) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        list(channel.unary_stream(f"/{SERVICE}/Watch")(b"", timeout=10))

    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_inside_and_outside_the_jurisdiction_the_servicer_allows_and_denies(channel: grpc.Channel) -> None:
    token = bearer_metadata(token_for(Role.COUNTY_APPROVER, "441826000000", subject="alice"))

    assert call(channel, "ReadVillage", b"441826100201", metadata=token) == b"alice reads 441826100201"
    error = refused(channel, "ReadVillage", b"441825100201", metadata=token)
    assert error.code() is grpc.StatusCode.PERMISSION_DENIED
    assert "lies outside the caller's jurisdiction 441826000000" in error.details()


def test_a_role_without_the_action_is_denied(channel: grpc.Channel) -> None:
    error = refused(channel, "ReadVillage", b"441826100201", metadata=bearer_metadata(token_for(Role.OPERATOR)))

    assert error.code() is grpc.StatusCode.PERMISSION_DENIED
    assert "registry.household.read is not granted to role(s) operator" in error.details()


def test_health_checks_and_reflection_need_no_token(channel: grpc.Channel) -> None:
    status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
    services = reflection_pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10)

    assert status.status == health_pb2.HealthCheckResponse.SERVING
    assert SERVICE in {s.name for s in next(services).list_services_response.service}


def test_refused_calls_are_still_counted_by_the_metrics_interceptor(channel: grpc.Channel,
                                                                    metrics: ServiceMetrics) -> None:
    refused(channel, "WhoAmI")

    assert metrics.registry.get_sample_value("grpc_server_handled_total", {
        "grpc_type": "unary", "grpc_service": SERVICE, "grpc_method": "WhoAmI",
        "grpc_code": "UNAUTHENTICATED"}) == 1.0


def test_an_unknown_method_stays_unimplemented(channel: grpc.Channel) -> None:
    error = refused(channel, "NoSuchMethod")

    assert error.code() is grpc.StatusCode.UNIMPLEMENTED


# ---------------------------------------------------------------- mutual TLS

@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tls")
    make_certs(out, names=("registry", "client"))
    return out


def tls_for(certs: Path, name: str) -> TlsSettings:
    return TlsSettings(certs / f"{name}.pem", certs / f"{name}-key.pem", certs / "ca.pem")


def test_over_mutual_tls_a_client_with_a_certificate_from_our_ca_gets_through(
        certs: Path, metrics: ServiceMetrics) -> None:
    server, port = start_server(metrics, tls_for(certs, "registry"))
    try:
        token = token_for(Role.AUDITOR, subject="auditor-2")
        with open_channel(f"localhost:{port}", tls_for(certs, "client"), token) as secured:
            assert call(secured, "WhoAmI") == b"auditor-2@440000000000"
    finally:
        server.stop(grace=None)


def test_over_mutual_tls_a_client_without_a_certificate_is_turned_away(
        certs: Path, tmp_path: Path, metrics: ServiceMetrics) -> None:
    server, port = start_server(metrics, tls_for(certs, "registry"))
    other_ca = tmp_path / "other"
    make_certs(other_ca, names=("client",))
    try:
        no_cert = grpc.ssl_channel_credentials(root_certificates=(certs / "ca.pem").read_bytes())
        with grpc.secure_channel(f"localhost:{port}", no_cert) as anonymous:
            assert refused(anonymous, "WhoAmI").code() is grpc.StatusCode.UNAVAILABLE
        foreign = TlsSettings(other_ca / "client.pem", other_ca / "client-key.pem", certs / "ca.pem")
        with open_channel(f"localhost:{port}", foreign) as untrusted:
            assert refused(untrusted, "WhoAmI").code() is grpc.StatusCode.UNAVAILABLE
    finally:
        server.stop(grace=None)


def test_tls_settings_come_from_the_environment_all_or_nothing(certs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert TlsSettings.from_env("registry") is None
    monkeypatch.setenv("SHUANGDAO_GRPC_TLS_CERT_FILE", str(certs / "registry.pem"))
    with pytest.raises(Exception, match="SHUANGDAO_GRPC_TLS_KEY_FILE, SHUANGDAO_GRPC_TLS_CA_FILE"):
        TlsSettings.from_env("registry")
    monkeypatch.setenv("SHUANGDAO_GRPC_TLS_KEY_FILE", str(certs / "registry-key.pem"))
    monkeypatch.setenv("SHUANGDAO_GRPC_TLS_CA_FILE", str(certs / "ca.pem"))

    loaded = TlsSettings.from_env("registry")

    assert loaded is not None and loaded.require_client_cert and loaded.ca_file == certs / "ca.pem"
