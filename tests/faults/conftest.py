"""Fixtures of the fault tests: service processes that a test may kill -9, and
a Kafka broker of the test's own (killing the session's broker would break
every other test)."""
from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from chassis.testing.fixtures import repo_root
from chassis.testing.processes import ServiceSubprocess


@pytest.fixture
def processes() -> Iterator[list[ServiceSubprocess]]:
    """Every service process a test starts; whatever is left is killed at the end."""
    started: list[ServiceSubprocess] = []
    yield started
    for service in started:
        service.kill()


def _port_pair() -> int:
    """A free port whose successor is free too (the broker's controller listener)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        try:
            with socket.socket() as s:
                s.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two consecutive free ports")


class OwnBroker:
    """A single-node broker in the test's temporary directory."""

    def __init__(self, name: str, data_dir: Path) -> None:
        self.name, self.data_dir, self.port = name, data_dir, _port_pair()

    def start(self) -> str:
        from devstack.kafka import ensure_broker

        return ensure_broker(self.name, self.port, data_dir=self.data_dir)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def kill(self) -> None:
        """kill -9: no flush, no controlled shutdown."""
        from devstack.kafka import broker_status

        pid = broker_status(self.name, self.data_dir).pid
        assert pid is not None, "the broker is not running"
        os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        from devstack.kafka import stop_broker

        stop_broker(self.name, self.data_dir)

    def create_topics(self, prefix: str) -> list[str]:
        from devstack.topics import create_topics

        return create_topics(self.bootstrap, repo_root() / "deploy" / "kafka" / "topics.yaml", prefix=prefix)


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[OwnBroker]:
    broker = OwnBroker(f"faults-{os.getpid()}-{tmp_path.name}"[:60], tmp_path / "kafka")
    broker.start()
    yield broker
    broker.stop()
