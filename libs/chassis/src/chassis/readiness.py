"""Readiness: false while the database or Kafka is unreachable, so load
balancers and Kubernetes stop sending work the service cannot finish."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine

from chassis.db import database_reachable


def kafka_reachable(bootstrap: str, timeout: float = 1.0) -> bool:
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
                return True
        except (OSError, ValueError):
            continue
    return False


class Readiness:
    """Named checks, each cached briefly so probes cannot hammer the database."""

    def __init__(self, cache_seconds: float = 1.0) -> None:
        self.checks: dict[str, Callable[[], bool]] = {}
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()
        self.shutting_down = False

    def add(self, name: str, check: Callable[[], bool]) -> "Readiness":
        self.checks[name] = check
        return self

    def add_database(self, engine: Engine) -> "Readiness":
        return self.add("database", lambda: database_reachable(engine))

    def add_kafka(self, bootstrap: str) -> "Readiness":
        return self.add("kafka", lambda: kafka_reachable(bootstrap))

    def report(self) -> dict[str, bool]:
        now = time.monotonic()
        result: dict[str, bool] = {}
        for name, check in self.checks.items():
            with self._lock:
                cached = self._cache.get(name)
            if cached and now - cached[0] < self.cache_seconds:
                result[name] = cached[1]
                continue
            try:
                ok = bool(check())
            except Exception:
                ok = False
            with self._lock:
                self._cache[name] = (now, ok)
            result[name] = ok
        result["accepting"] = not self.shutting_down
        return result

    def ready(self) -> bool:
        return all(self.report().values())
