"""Pooled PostgreSQL connections: a connection just given back is used again
without a ping (a round trip per request saved); one that sat idle is pinged,
and a dead one is replaced before anybody sees it."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from chassis.db import make_engine


@pytest.fixture
def engine(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setattr("chassis.db.IDLE_BEFORE_PING_S", 0.5)
    engine = make_engine(postgres_url, pool_size=1)
    yield engine
    engine.dispose()


def pings_counted(engine: Engine) -> list[int]:
    """Counts the dialect's pings (the real ping still runs)."""
    counted = [0]
    ping = engine.dialect.do_ping

    def counting(dbapi_connection: object) -> bool:
        counted[0] += 1
        return ping(dbapi_connection)

    engine.dialect.do_ping = counting  # type: ignore[method-assign]
    return counted


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_given_back_moments_ago_is_used_again_without_a_ping(engine: Engine) -> None:
    pings = pings_counted(engine)
    first = backend_pid(engine)
    assert [backend_pid(engine) for _ in range(5)] == [first] * 5
    assert pings[0] == 0


def test_a_connection_idle_for_longer_is_pinged_before_use(engine: Engine) -> None:
    pings = pings_counted(engine)
    first = backend_pid(engine)
    time.sleep(0.7)
    assert backend_pid(engine) == first
    assert pings[0] == 1


def test_a_pooled_connection_the_server_cut_while_idle_is_replaced_unnoticed(
        engine: Engine, postgres_url: str) -> None:
    # As after a database restart: the pooled connection's backend is gone.
    victim = backend_pid(engine)
    other = make_engine(postgres_url)
    try:
        with other.connect() as connection:
            assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": victim}).scalar_one()
    finally:
        other.dispose()
    time.sleep(0.7)
    assert backend_pid(engine) != victim  # no error reached the caller
