"""Transactional outbox: events are rows written in the same transaction as the
change they describe; a relay publishes them and then marks them published.

A crash between publishing and marking republishes the same event id, which
consumers recognise (see inbox). Ordering per key holds because only one relay
works at a time (a PostgreSQL advisory lock; SQLite runs one process anyway)."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from kafka import KafkaProducer
from sqlalchemy import (BigInteger, Column, Connection, DateTime, Engine, Index, Integer, LargeBinary,
                        MetaData, String, Table, func, select, text, update)

from chassis.db import bulk_insert
from chassis.kafka import Envelope, close_quietly
from chassis.metrics import ServiceMetrics

log = logging.getLogger(__name__)

# Arbitrary but fixed: identifies "the outbox relay" among advisory locks.
RELAY_LOCK_KEY = 0x5D0B0C5


def outbox_table(metadata: MetaData) -> Table:
    table = Table(
        "outbox", metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("type", String(100), nullable=False),
        Column("schema", String(200), nullable=False),
        Column("source", String(100), nullable=False),
        Column("occurred_at", String(40), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True),
    )
    Index("ix_outbox_unpublished", table.c.id,
          postgresql_where=table.c.published_at.is_(None), sqlite_where=table.c.published_at.is_(None))
    return table


@dataclass(frozen=True)
class OutgoingEvent:
    """A serialised event ready for the outbox."""

    topic: str
    key: str
    envelope: Envelope
    payload: bytes


def append(connection: Connection, table: Table, events: list[OutgoingEvent]) -> None:
    """Called inside the unit of work's transaction."""
    if not events:
        return
    now = datetime.now(UTC)
    log_recorded(events)
    bulk_insert(connection, table, [
        {"event_id": e.envelope.id, "topic": e.topic, "key": e.key, "type": e.envelope.type,
         "schema": e.envelope.schema, "source": e.envelope.source, "occurred_at": e.envelope.time,
         "payload": e.payload, "created_at": now}
        for e in events
    ])


# Event ids per "events recorded" line: a batch of a thousand events is ten
# lines of a few kilobytes, well under what log shippers split lines at.
IDS_PER_LINE = 100


def log_recorded(events: list[OutgoingEvent]) -> None:
    """With the request id of the call (from the logging context), these lines
    link a request to the events it caused, so one registration can be followed
    from the API into every consumer's log. One event: one "event recorded"
    line. A batch: "events recorded" lines per type and topic, each naming up
    to IDS_PER_LINE event ids, so a thousand-household batch costs ten log
    records rather than a thousand while every id is still findable."""
    if len(events) == 1:
        e = events[0]
        log.info("event recorded", extra={"fields": {"event_id": e.envelope.id, "event_type": e.envelope.type,
                                                     "topic": e.topic}})
        return
    groups: dict[tuple[str, str], list[str]] = {}
    for e in events:
        groups.setdefault((e.envelope.type, e.topic), []).append(e.envelope.id)
    for (event_type, topic), ids in groups.items():
        for start in range(0, len(ids), IDS_PER_LINE):
            chunk = ids[start:start + IDS_PER_LINE]
            log.info("events recorded", extra={"fields": {"event_type": event_type, "topic": topic,
                                                          "count": len(chunk), "event_ids": chunk}})


def backlog(engine: Engine, table: Table) -> int:
    with engine.connect() as connection:
        return int(connection.execute(
            select(func.count()).select_from(table).where(table.c.published_at.is_(None))).scalar_one())


class OutboxRelay:
    """Publishes unpublished rows in id order, acks=all, then marks them."""

    def __init__(self, engine: Engine, table: Table, producer_factory: Callable[[], KafkaProducer],
                 metrics: ServiceMetrics, batch_size: int = 500, idle_sleep: float = 0.05) -> None:
        self.engine = engine
        self.table = table
        self.producer_factory = producer_factory
        self.metrics = metrics
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self._producer: KafkaProducer | None = None
        # Test seam: called after sending and before marking, to simulate a crash there.
        self.after_publish_hook: Callable[[list[int]], None] | None = None

    @property
    def producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = self.producer_factory()
        return self._producer

    def run(self, stop: threading.Event) -> None:
        backoff = 0.5
        while not stop.is_set():
            try:
                published = self.publish_batch()
                backoff = 0.5
                if published == 0:
                    stop.wait(self.idle_sleep)
            except Exception:
                log.exception("outbox relay failed; retrying")
                self._reset_producer()
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
        self.close()

    def publish_batch(self) -> int:
        """Publishes at most one batch; returns how many rows it published."""
        with self.engine.begin() as connection:
            if not self._hold_relay_lock(connection):
                return 0
            rows = connection.execute(
                select(self.table).where(self.table.c.published_at.is_(None))
                .order_by(self.table.c.id).limit(self.batch_size)).all()
            if not rows:
                return 0
            futures = [self.producer.send(
                row.topic, key=row.key.encode(), value=row.payload,
                headers=Envelope(id=row.event_id, source=row.source, type=row.type, schema=row.schema,
                                 time=row.occurred_at).headers())
                for row in rows]
            self.producer.flush(timeout=30)
            for future in futures:
                future.get(timeout=30)  # raises if any send failed: nothing gets marked
            ids = [row.id for row in rows]
            if self.after_publish_hook:
                self.after_publish_hook(ids)
            now = datetime.now(UTC)
            connection.execute(update(self.table).where(self.table.c.id.in_(ids)).values(published_at=now))
        for row in rows:
            log.debug("event published", extra={"fields": {"event_id": row.event_id, "topic": row.topic}})
            self.metrics.events_published.labels(row.topic, row.type).inc()
            created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
            self.metrics.outbox_publish_seconds.observe(max(0.0, (now - created).total_seconds()))
        return len(rows)

    def _hold_relay_lock(self, connection: Connection) -> bool:
        if connection.dialect.name != "postgresql":
            return True
        return bool(connection.execute(text("SELECT pg_try_advisory_xact_lock(:k)"),
                                       {"k": RELAY_LOCK_KEY}).scalar_one())

    def _reset_producer(self) -> None:
        close_quietly(self._producer, timeout=1)
        self._producer = None

    def close(self) -> None:
        if self._producer is not None:
            self._producer.flush(timeout=10)
            self._producer.close(timeout=5)
            self._producer = None


def drain(relay: OutboxRelay, timeout: float = 10.0) -> None:
    """Publishes until the outbox is empty (tests, shutdown)."""
    deadline = time.monotonic() + timeout
    while relay.publish_batch() and time.monotonic() < deadline:
        pass


def backlog_for_metrics(engine: Engine, table: Table) -> float:
    """Backlog for a scrape: NaN rather than a failed scrape while the database is down."""
    try:
        return float(backlog(engine, table))
    except Exception:
        return float("nan")
