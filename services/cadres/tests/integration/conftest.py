"""A cadres service on a fresh PostgreSQL database and the test's own topics,
with a clock the test sets (calendar rules depend on what "today" is)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from chassis.testing.fixtures import common_settings
from cadres.bootstrap import Service, bootstrap
from cadres.config import Rules, Settings


@dataclass
class FixedClock:
    now: datetime = datetime(2011, 4, 10, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def service(postgres_url: str, kafka_bootstrap: str, topic_prefix: str, clock: FixedClock) -> Iterator[Service]:
    settings = Settings(common=common_settings("cadres", postgres_url, kafka_bootstrap, topic_prefix), rules=Rules())
    built = bootstrap(settings, clock=clock)
    yield built
    built.relay.close()
    built.engine.dispose()
