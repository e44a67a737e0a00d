"""gRPC authentication: a server interceptor that turns `authorization: Bearer
<jwt>` metadata into the current Principal (UNAUTHENTICATED otherwise), a
client interceptor that attaches a token, and (optional) mutual TLS.

Health checking and reflection stay open: probes and grpcurl carry no token.

Wiring, in the server builder:
    interceptors=[MetricsInterceptor(metrics), AuthInterceptor(TokenVerifier.from_env(service))]
(after the metrics interceptor, so refused calls are still counted)."""
from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc

from chassis.errors import Unauthenticated
from chassis.security.context import current_principal, principal_var
from chassis.security.tokens import Principal, TokenVerifier, bearer_token
from chassis.settings import SettingError, env_bool, env_str

__all__ = ["AuthInterceptor", "BearerTokenInterceptor", "OPEN_SERVICES", "TlsSettings", "authenticated_channel",
           "bearer_metadata", "bind_port", "channel_credentials", "current_principal", "server_credentials"]

OPEN_SERVICES = frozenset({
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})

Behaviour = Callable[[Any, grpc.ServicerContext], Any]


class AuthInterceptor(grpc.ServerInterceptor):
    """Verifies the bearer token of every call to a protected service and binds
    the Principal for the servicer (`current_principal()`)."""

    def __init__(self, verifier: TokenVerifier, open_services: Iterable[str] = OPEN_SERVICES) -> None:
        self.verifier = verifier
        self.open_services = frozenset(open_services)

    def intercept_service(self, continuation: Callable[..., Any], details: grpc.HandlerCallDetails) -> Any:
        handler = continuation(details)
        if handler is None:
            return None
        service = details.method.lstrip("/").rpartition("/")[0]
        if service in self.open_services:
            return handler
        # Verified in the worker thread that runs the call, so the principal is
        # bound where the servicer runs (intercept_service runs elsewhere).
        return _wrap(handler, self._authenticate)

    def _authenticate(self, context: grpc.ServicerContext) -> Principal:
        values = [v for k, v in context.invocation_metadata() or () if k == "authorization"]
        try:
            if len(values) > 1:
                raise Unauthenticated("more than one authorization metadata entry")
            raw = values[0] if values else None
            return self.verifier.verify(bearer_token(raw if isinstance(raw, str) else None))
        except Unauthenticated as error:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, error.message)
            raise  # abort raises; this keeps type checkers and readers sure


def _wrap(handler: grpc.RpcMethodHandler, authenticate: Callable[[grpc.ServicerContext], Principal]) -> Any:
    def unary(behaviour: Behaviour) -> Behaviour:
        def call(request: Any, context: grpc.ServicerContext) -> Any:
            token = principal_var.set(authenticate(context))
            try:
                return behaviour(request, context)
            finally:
                principal_var.reset(token)
        return call

    def streaming(behaviour: Behaviour) -> Behaviour:
        def call(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            token = principal_var.set(authenticate(context))
            try:
                yield from behaviour(request, context)
            finally:
                principal_var.reset(token)
        return call

    serializers = {"request_deserializer": handler.request_deserializer,
                   "response_serializer": handler.response_serializer}
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(unary(handler.unary_unary), **serializers)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(streaming(handler.unary_stream), **serializers)
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(unary(handler.stream_unary), **serializers)
    return grpc.stream_stream_rpc_method_handler(streaming(handler.stream_stream), **serializers)


# ---------------------------------------------------------------------------- client side

def bearer_metadata(token: str) -> tuple[tuple[str, str], ...]:
    """Per-call metadata: `stub.GetHousehold(request, metadata=bearer_metadata(token))`."""
    return (("authorization", f"Bearer {token}"),)


class _CallDetails(collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials",
                                                           "wait_for_ready", "compression")),
                   grpc.ClientCallDetails):
    pass


class BearerTokenInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                             grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds the token to every call of a channel. `token` may be a callable, so a
    long-lived client can fetch a fresh token before the old one expires."""

    def __init__(self, token: str | Callable[[], str]) -> None:
        self._token = token if callable(token) else (lambda: token)

    def _with_token(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = [(k, v) for k, v in (details.metadata or ()) if k != "authorization"]
        metadata.append(("authorization", f"Bearer {self._token()}"))
        return _CallDetails(details.method, details.timeout, metadata, details.credentials,
                            getattr(details, "wait_for_ready", None), getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation: Callable[..., Any], details: grpc.ClientCallDetails,
                              request: Any) -> Any:
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation: Callable[..., Any], details: grpc.ClientCallDetails,
                               request: Any) -> Any:
        return continuation(self._with_token(details), request)

    def intercept_stream_unary(self, continuation: Callable[..., Any], details: grpc.ClientCallDetails,
                               request_iterator: Any) -> Any:
        return continuation(self._with_token(details), request_iterator)

    def intercept_stream_stream(self, continuation: Callable[..., Any], details: grpc.ClientCallDetails,
                                request_iterator: Any) -> Any:
        return continuation(self._with_token(details), request_iterator)


def authenticated_channel(channel: grpc.Channel, token: str | Callable[[], str]) -> grpc.Channel:
    """A channel whose every call carries the token."""
    return grpc.intercept_channel(channel, BearerTokenInterceptor(token))


# ---------------------------------------------------------------------------- mutual TLS

def server_credentials(cert_chain: bytes, private_key: bytes, client_ca: bytes | None = None,
                       require_client_auth: bool = True) -> grpc.ServerCredentials:
    """TLS for a gRPC server; with `client_ca`, clients must present a
    certificate that CA signed (mutual TLS)."""
    return grpc.ssl_server_credentials([(private_key, cert_chain)], root_certificates=client_ca,
                                       require_client_auth=bool(client_ca) and require_client_auth)


def channel_credentials(ca: bytes, client_cert: bytes | None = None,
                        client_key: bytes | None = None) -> grpc.ChannelCredentials:
    """TLS for a client: trust servers signed by `ca`, and present our own
    certificate when the server asks for one."""
    return grpc.ssl_channel_credentials(root_certificates=ca, private_key=client_key, certificate_chain=client_cert)


@dataclass(frozen=True)
class TlsSettings:
    """`SHUANGDAO_GRPC_TLS_CERT_FILE` / `_KEY_FILE` (this service's certificate,
    used as server and as client), `SHUANGDAO_GRPC_TLS_CA_FILE` (the CA peers
    must be signed by), `SHUANGDAO_GRPC_TLS_REQUIRE_CLIENT_CERT` (default on).
    None of them set: plain gRPC (the embedded default)."""

    cert_file: Path
    key_file: Path
    ca_file: Path
    require_client_cert: bool = True

    @classmethod
    def from_env(cls, service: str) -> "TlsSettings | None":
        names = ("GRPC_TLS_CERT_FILE", "GRPC_TLS_KEY_FILE", "GRPC_TLS_CA_FILE")
        values = [env_str(service, n, "") for n in names]
        if not any(values):
            return None
        missing = [f"SHUANGDAO_{n}" for n, v in zip(names, values) if not v]
        if missing:
            raise SettingError(f"gRPC TLS needs {', '.join(missing)} as well")
        unreadable = [v for v in values if not Path(v).is_file()]
        if unreadable:
            raise SettingError(f"gRPC TLS file(s) not found: {', '.join(unreadable)}")
        return cls(*(Path(v) for v in values), env_bool(service, "GRPC_TLS_REQUIRE_CLIENT_CERT", True))

    def server(self) -> grpc.ServerCredentials:
        return server_credentials(self.cert_file.read_bytes(), self.key_file.read_bytes(),
                                  self.ca_file.read_bytes(), self.require_client_cert)

    def channel(self) -> grpc.ChannelCredentials:
        return channel_credentials(self.ca_file.read_bytes(), self.cert_file.read_bytes(), self.key_file.read_bytes())


def bind_port(server: grpc.Server, address: str, tls: TlsSettings | None) -> int:
    """Binds with TLS when configured, plain otherwise; returns the bound port."""
    port = server.add_secure_port(address, tls.server()) if tls else server.add_insecure_port(address)
    if port == 0:
        raise OSError(f"could not bind gRPC port {address}")
    return port


# A gRPC connection is long-lived and carries every call: behind one address
# that balances connections (a Kubernetes ClusterIP Service) all of a client's
# calls would go to one replica. A target that resolves to every replica (a
# headless Service: dns:///name:port) with round_robin spreads them call by call.
BALANCED = ("grpc.lb_policy_name", "round_robin")


def open_channel(target: str, tls: TlsSettings | None = None, token: str | Callable[[], str] | None = None,
                 options: Iterable[tuple[str, Any]] = ()) -> grpc.Channel:
    """A client channel: TLS when configured, carrying a token when given,
    its calls spread over every address the target resolves to."""
    chosen = list(options)
    if all(name != BALANCED[0] for name, _ in chosen):
        chosen.append(BALANCED)
    channel = grpc.secure_channel(target, tls.channel(), options=chosen) if tls else \
        grpc.insecure_channel(target, options=chosen)
    return authenticated_channel(channel, token) if token is not None else channel
