"""The SQL unit of work every service builds on: one transaction per message,
with the outbox written and the inbox checked inside it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.exc import IntegrityError

from chassis import inbox, outbox
from chassis.outbox import OutgoingEvent


class DuplicateDelivery(Exception):
    """Another worker recorded the same event id first; nothing was applied."""


class SqlUnitOfWork:
    def __init__(self, engine: Engine, outbox_table: Table, inbox_table: Table,
                 translate: Callable[[Any], OutgoingEvent], consumer_group: str = "") -> None:
        self.engine = engine
        self.outbox_table = outbox_table
        self.inbox_table = inbox_table
        self.translate = translate
        self.consumer_group = consumer_group
        self.connection: Connection | None = None
        self.pending_events: list[Any] = []
        self._inbound_event_ids: list[str] = []

    def __enter__(self) -> "SqlUnitOfWork":
        self.connection = self.engine.connect()
        self.connection.begin()
        self.pending_events = []
        self.open(self.connection)
        return self

    def open(self, connection: Connection) -> None:
        """Subclasses create their repositories on the connection here."""

    def collect_new_events(self) -> list[Any]:
        """Subclasses add the events their aggregates recorded."""
        found, self.pending_events = self.pending_events, []
        return found

    def __exit__(self, *exc: Any) -> None:
        assert self.connection is not None
        if self.connection.in_transaction():
            self.connection.rollback()
        self.connection.close()
        self.connection = None
        self._inbound_event_ids = []

    def commit(self) -> None:
        connection = self._require()
        outbox.append(connection, self.outbox_table, [self.translate(e) for e in self.collect_new_events()])
        for event_id in self._inbound_event_ids:
            inbox.record_processed(connection, self.inbox_table, self.consumer_group, event_id)
        try:
            connection.commit()
        except IntegrityError as exc:
            if self._inbound_event_ids:
                raise DuplicateDelivery(", ".join(self._inbound_event_ids)) from exc
            raise
        finally:
            self._inbound_event_ids = []

    def rollback(self) -> None:
        self._require().rollback()

    def begin_inbound(self, event_id: str) -> bool:
        """Within the transaction: False if this consumer group already applied
        the event (or it came twice in this batch); otherwise remember it so
        commit records it atomically with the event's effect."""
        if event_id in self._inbound_event_ids or inbox.already_processed(
                self._require(), self.inbox_table, self.consumer_group, event_id):
            return False
        self._inbound_event_ids.append(event_id)
        return True

    def begin_inbound_many(self, event_ids: list[str]) -> list[bool]:
        """The batch form of `begin_inbound`, in one round trip: each id's
        processed-event row is inserted now (ON CONFLICT DO NOTHING), inside
        this transaction, so it commits or rolls back with the batch's effect.
        A row another worker holds uncommitted makes the insert wait for that
        transaction, then count as a duplicate: the same exactly-once effect as
        recording at commit. False for an id already applied, or repeated in
        the list (its first occurrence is the one applied)."""
        connection = self._require()
        # Sorted: two workers inserting overlapping ids (a rebalance hands a
        # batch over) take the index locks in one order, so neither deadlocks.
        fresh = inbox.record_processed_many(connection, self.inbox_table, self.consumer_group,
                                            sorted(set(event_ids) - set(self._inbound_event_ids)))
        outcomes = []
        for event_id in event_ids:
            outcomes.append(event_id in fresh)
            fresh.discard(event_id)
        return outcomes

    def _require(self) -> Connection:
        if self.connection is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self.connection
