"""One transaction per command: the movement, its journal, its idempotency key,
its audit entry and its events (in the outbox) commit together or not at all."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, Table

from chassis.outbox import OutgoingEvent
from chassis.security import audit
from chassis.unit_of_work import SqlUnitOfWork

from funds.adapters import orm
from funds.adapters.repository import FundsRepository


class UnitOfWork(SqlUnitOfWork):
    funds: FundsRepository

    def __init__(self, engine: Engine, outbox_table: Table, inbox_table: Table,
                 translate: Callable[[Any], OutgoingEvent], writing: bool = True) -> None:
        super().__init__(engine, outbox_table, inbox_table, translate)
        self.writing = writing

    def open(self, connection: Connection) -> None:
        if self.writing and connection.dialect.name == "sqlite":
            # SQLite has no row locks. Taking its one write lock at BEGIN makes
            # the check-then-write of a movement atomic: the default deferred
            # BEGIN would let two transactions read the same balance first.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        self.funds = FundsRepository(connection)

    def record(self, event: object) -> None:
        self.pending_events.append(event)

    def audit(self, entry: audit.AuditEntry) -> None:
        """Appends to the hash-chained trail inside this transaction."""
        audit.append(self._require(), orm.audit_log, entry)
