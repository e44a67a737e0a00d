"""Running services for end-to-end tests: each on its own PostgreSQL database,
all on one real Kafka broker under topics unique to the test."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import pytest

from chassis.runner import ServiceProcess
from chassis.testing.fixtures import common_settings


@dataclass
class Running:
    service: Any  # the bootstrapped service object (Registry, Assessment, ...)
    process: ServiceProcess

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.process.grpc_bound_port}"

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.process.http_bound_port}"

    def channel(self, role: str | None = None, jurisdiction: str | None = None) -> grpc.Channel:
        """A channel to the service; with a role, every call carries a token for it
        (jurisdiction defaults to the widest the role may hold)."""
        channel = grpc.insecure_channel(self.grpc_target)
        if role is None:
            return channel
        from chassis.security.grpc_auth import authenticated_channel
        from chassis.security.testing import token_for

        return authenticated_channel(channel, token_for(role, jurisdiction))


@pytest.fixture
def start_service(database_factory: Callable[[str], str], kafka_bootstrap: str,
                  topic_prefix: str) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []

    def start(name: str, parts: tuple[str, ...] | None = None, database_url: str | None = None) -> Running:
        module = __import__(f"{name}.bootstrap", fromlist=["bootstrap"])
        main = __import__(f"{name}.entrypoints.main", fromlist=["build_process"])
        config = __import__(f"{name}.config", fromlist=["Settings"])
        url = database_url or database_factory(name)
        settings = config.Settings(common=common_settings(name, url, kafka_bootstrap, topic_prefix))
        service = module.bootstrap(settings)
        process = main.build_process(service, parts or main.PARTS)
        process.drain_seconds = 0
        process.start()
        running = Running(service, process)
        started.append(running)
        return running

    yield start
    for running in reversed(started):
        running.process.stop()
