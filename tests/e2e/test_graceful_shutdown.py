"""SIGTERM under load: the service stops taking requests, finishes what is in
flight, commits offsets and flushes its producer; after a restart nothing is
lost and nothing is counted twice."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2_grpc

from e2e_support import household_request, summary_of, wait_for

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServiceSubprocess:
    """A service as operators run it: its own process, its console script."""

    def __init__(self, name: str, database_url: str, kafka_bootstrap: str, prefix: str) -> None:
        self.name = name
        self.grpc_port, self.http_port = free_port(), free_port()
        upper = name.upper()
        self.env = {**os.environ,
                    f"SHUANGDAO_{upper}_DATABASE_URL": database_url,
                    f"SHUANGDAO_{upper}_GRPC_PORT": str(self.grpc_port),
                    f"SHUANGDAO_{upper}_HTTP_PORT": str(self.http_port),
                    "SHUANGDAO_KAFKA_BOOTSTRAP": kafka_bootstrap,
                    "SHUANGDAO_TOPIC_PREFIX": prefix,
                    "SHUANGDAO_CONSUMER_GROUP": f"{prefix}{name}"}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "ServiceSubprocess":
        script = Path(sys.executable).with_name(f"shuangdao-{self.name}")
        self.process = subprocess.Popen([str(script)], env=self.env, cwd=REPO,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.serving, timeout=30)
        return self

    def serving(self) -> bool:
        try:
            with grpc.insecure_channel(f"127.0.0.1:{self.grpc_port}") as channel:
                grpc.channel_ready_future(channel).result(timeout=0.5)
            return True
        except grpc.FutureTimeoutError:
            return False

    def terminate(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def subprocesses() -> Iterator[list[ServiceSubprocess]]:
    started: list[ServiceSubprocess] = []
    yield started
    for service in started:
        service.kill()


class Load:
    """Clients registering households until told to stop, remembering which
    registrations the registry acknowledged."""

    def __init__(self, target: str, clients: int = 4) -> None:
        self.target = target
        self.acknowledged: set[str] = set()
        self.refused = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(clients)]

    def client(self, n: int) -> None:
        channel = grpc.insecure_channel(self.target)
        stub = registry_pb2_grpc.RegistryServiceStub(channel)
        seed = n * 1000
        while not self.stop.is_set():
            seed += 1
            request = household_request(seed=seed)
            request.household_id = str(uuid.uuid4())
            try:
                stub.RegisterHousehold(request, timeout=5)
                with self.lock:
                    self.acknowledged.add(request.household_id)
            except grpc.RpcError:
                with self.lock:
                    self.refused += 1
                time.sleep(0.01)
        channel.close()

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)


def registered_ids(database_url: str) -> set[str]:
    from sqlalchemy import create_engine, select

    from registry.adapters import orm

    engine = create_engine(database_url)
    with engine.connect() as connection:
        ids = {row[0] for row in connection.execute(select(orm.households.c.id))}
    engine.dispose()
    return ids


def test_sigterm_to_the_registry_under_load_loses_no_acknowledged_registration_and_counts_none_twice(
        start_service: Callable[..., Any], database_factory: Callable[[str], str], kafka_bootstrap: str,
        topic_prefix: str, subprocesses: list[ServiceSubprocess]) -> None:
    assessment = start_service("assessment")
    database = database_factory("registry")
    registry = ServiceSubprocess("registry", database, kafka_bootstrap, topic_prefix).start()
    subprocesses.append(registry)
    with Load(f"127.0.0.1:{registry.grpc_port}") as load:
        wait_for(lambda: len(load.acknowledged) >= 20, timeout=30)
        assert registry.terminate() == 0  # a clean exit, not a crash
        time.sleep(0.3)  # clients now see the server gone
    acknowledged = set(load.acknowledged)
    stored = registered_ids(database)
    assert acknowledged <= stored  # every "OK" the caller saw is durable

    # Restarted, its relay publishes whatever the drained one left; each once.
    subprocesses.append(ServiceSubprocess("registry", database, kafka_bootstrap, topic_prefix).start())
    wait_for(lambda: summary_of(assessment).registered_households == len(stored), timeout=30)
    time.sleep(1)
    assert summary_of(assessment).registered_households == len(stored)


def test_sigterm_to_the_assessment_while_it_consumes_loses_and_doubles_nothing(
        start_service: Callable[..., Any], database_factory: Callable[[str], str], kafka_bootstrap: str,
        topic_prefix: str, subprocesses: list[ServiceSubprocess]) -> None:
    registry = start_service("registry")
    database = database_factory("assessment")
    assessment = ServiceSubprocess("assessment", database, kafka_bootstrap, topic_prefix).start()
    subprocesses.append(assessment)
    with Load(registry.grpc_target) as load:
        wait_for(lambda: len(load.acknowledged) >= 30, timeout=30)
        assert assessment.terminate() == 0
        time.sleep(0.5)  # registrations go on while the assessment is down
    total = len(load.acknowledged)

    restarted = ServiceSubprocess("assessment", database, kafka_bootstrap, topic_prefix).start()
    subprocesses.append(restarted)

    class Channel:
        def channel(self) -> grpc.Channel:
            return grpc.insecure_channel(f"127.0.0.1:{restarted.grpc_port}")

    wait_for(lambda: summary_of(Channel()).registered_households == total, timeout=60)
    time.sleep(1)
    assert summary_of(Channel()).registered_households == total
