"""SIGTERM under load: the service stops taking requests, finishes what is in
flight, commits offsets and flushes its producer; after a restart nothing is
lost and nothing is counted twice."""
from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.testing.processes import ServiceSubprocess
from chassis.security.grpc_auth import authenticated_channel
from e2e_support import household_request, office_token, summary_of, wait_for


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
        # Registrations need registry.household.register: the provincial office may.
        channel = authenticated_channel(grpc.insecure_channel(self.target), office_token())
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
    with Load(registry.grpc_target) as load:
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
    wait_for(lambda: summary_of(restarted).registered_households == total, timeout=60)
    time.sleep(1)
    assert summary_of(restarted).registered_households == total
