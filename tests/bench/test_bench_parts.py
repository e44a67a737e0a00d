"""The benchmark's own instruments: how it spreads registration over the API's
replicas, and how it reads what each process spent of the machine's CPU."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent import futures

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R

from bench import cpu, pipeline
from bench.province import build, households

REGISTER = "/shuangdao.registry.v1.RegistryService/RegisterHouseholds"


@pytest.fixture
def two_replicas() -> Iterator[tuple[str, Counter[str]]]:
    """Two stand-in API replicas on ports of their own that accept every batch
    and count the calls each received."""
    calls: Counter[str] = Counter()
    lock = threading.Lock()
    servers, addresses = [], []
    for name in ("first", "second"):
        def register(request: R.RegisterHouseholdsRequest, context: grpc.ServicerContext,
                     name: str = name) -> R.RegisterHouseholdsResponse:
            with lock:
                calls[name] += 1
            return R.RegisterHouseholdsResponse(registered_count=len(request.households))

        handler = grpc.method_handlers_generic_handler("shuangdao.registry.v1.RegistryService", {
            "RegisterHouseholds": grpc.unary_unary_rpc_method_handler(
                register, request_deserializer=R.RegisterHouseholdsRequest.FromString,
                response_serializer=R.RegisterHouseholdsResponse.SerializeToString)})
        server = grpc.server(futures.ThreadPoolExecutor(4), handlers=[handler])
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        servers.append(server)
        addresses.append(f"127.0.0.1:{port}")
    yield "ipv4:" + ",".join(addresses), calls
    for server in servers:
        server.stop(None)


def test_registration_calls_take_turns_across_every_replica_of_the_api(
        two_replicas: tuple[str, Counter[str]]) -> None:
    target, calls = two_replicas
    batches = 16
    everyone = list(households(build(0.003, 7)))[:batches * 10]

    registered, _ = pipeline.register_all(target, everyone, clients=4, batch_size=10)

    assert registered == len(everyone) == batches * 10
    # Each client alternates between the replicas, so each replica gets at
    # least half of every client's calls, rounded down; without round_robin a
    # channel keeps to the first address and the second replica gets none.
    assert sum(calls.values()) == batches
    assert min(calls["first"], calls["second"]) >= (batches - 4) // 2


def test_a_process_cpu_time_grows_by_the_work_it_does() -> None:
    before = cpu.process_cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    assert cpu.process_cpu_seconds(os.getpid()) - before >= 0.2


def test_a_parent_is_charged_with_the_cpu_of_children_it_has_reaped() -> None:
    before = cpu.process_cpu_seconds(os.getpid(), with_children=True)
    pid = os.fork()
    if pid == 0:  # the child burns CPU and leaves at once
        deadline = time.process_time() + 0.3
        while time.process_time() < deadline:
            pass
        os._exit(0)
    os.waitpid(pid, 0)
    assert cpu.process_cpu_seconds(os.getpid(), with_children=True) - before >= 0.2


def test_the_listener_of_a_port_is_found_and_a_closed_port_has_none() -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        assert cpu.listener_pid(port) == os.getpid()
    assert cpu.listener_pid(port) is None


def test_a_process_that_is_gone_has_spent_nothing_more() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    assert cpu.process_cpu_seconds(pid) == 0.0


def test_cpu_spent_is_the_difference_of_two_samples_reader_by_reader() -> None:
    readings = iter([1.0, 10.0, 1.5, 13.0])
    meter = cpu.Meter({"registry api": lambda: next(readings), "postgresql server": lambda: next(readings)})
    first, second = meter.sample(), meter.sample()
    assert cpu.spent(first, second) == {"registry api": 0.5, "postgresql server": 3.0}
