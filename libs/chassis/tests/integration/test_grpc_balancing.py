"""Calls spread over every replica of an API, and connections that end now and
then so clients can find replicas added since they connected."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator

import grpc
import pytest

from chassis.grpc_server import build_server
from chassis.metrics import ServiceMetrics
from chassis.security.grpc_auth import open_channel

SERVICE = "shuangdao.test.v1.Echo"
WHO = f"/{SERVICE}/Who"


def echo_server(name: str, peers: list[str], max_connection_age_s: float = 300.0) -> tuple[grpc.Server, int]:
    """A server answering its own name and noting each caller's address."""
    def who(request: bytes, context: grpc.ServicerContext) -> bytes:
        peers.append(context.peer())
        return name.encode()

    def add(server: grpc.Server) -> None:
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
            SERVICE, {"Who": grpc.unary_unary_rpc_method_handler(who)}),))

    server, _, port = build_server([add], [SERVICE], 0, ServiceMetrics("echo"),
                                   max_connection_age_s=max_connection_age_s)
    server.start()
    return server, port


@pytest.fixture
def servers() -> Iterator[Callable[..., tuple[grpc.Server, int]]]:
    started: list[grpc.Server] = []

    def start(name: str, peers: list[str], **options: float) -> tuple[grpc.Server, int]:
        server, port = echo_server(name, peers, **options)
        started.append(server)
        return server, port

    yield start
    for server in started:
        server.stop(None)


def test_a_channel_to_every_replica_spreads_its_calls_over_them_in_turn(
        servers: Callable[..., tuple[grpc.Server, int]]) -> None:
    _, first = servers("first", [])
    _, second = servers("second", [])
    with open_channel(f"ipv4:127.0.0.1:{first},127.0.0.1:{second}") as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        who = channel.unary_unary(WHO)
        answers = Counter(who(b"", timeout=5).decode() for _ in range(20))
    # Without round_robin a channel keeps to the first address it reached.
    assert answers == {"first": 10, "second": 10}


def test_a_connection_ends_after_its_maximum_age_and_the_client_reconnects_unnoticed(
        servers: Callable[..., tuple[grpc.Server, int]]) -> None:
    peers: list[str] = []
    _, port = servers("only", peers, max_connection_age_s=1.0)
    with open_channel(f"127.0.0.1:{port}") as channel:
        who = channel.unary_unary(WHO)
        assert who(b"", timeout=5) == b"only"
        deadline = time.monotonic() + 15
        # The server closes the connection after about a second (with jitter);
        # every call still succeeds, and a later one arrives on a new connection.
        while len(set(peers)) < 2 and time.monotonic() < deadline:
            assert who(b"", timeout=5) == b"only"
            time.sleep(0.2)
    assert len(set(peers)) >= 2, f"the first connection was never closed: {set(peers)}"
