"""One transaction per command: the change, its events (in the outbox) and its
audit entry commit together or not at all."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table

from chassis.outbox import OutgoingEvent
from chassis.security import audit
from chassis.unit_of_work import SqlUnitOfWork

from registry.adapters import orm
from registry.adapters.identity import Identity
from registry.adapters.repository import (DivisionRepository, HouseholdRepository, SubmissionRepository,
                                          SurveyRepository)


class UnitOfWork(SqlUnitOfWork):
    households: HouseholdRepository
    surveys: SurveyRepository
    divisions: DivisionRepository
    submissions: SubmissionRepository

    def __init__(self, engine: Engine, outbox_table: Table, inbox_table: Table,
                 translate: Callable[[Any], OutgoingEvent], identity: Identity, consumer_group: str = "") -> None:
        super().__init__(engine, outbox_table, inbox_table, translate, consumer_group=consumer_group)
        self.identity = identity

    def open(self, connection: Connection) -> None:
        self.households = HouseholdRepository(connection, self.identity)
        self.surveys = SurveyRepository(connection)
        self.divisions = DivisionRepository(connection)
        self.submissions = SubmissionRepository(connection)

    @contextmanager
    def reading(self) -> Iterator["UnitOfWork"]:
        """For a view: the repositories on a connection outside any
        transaction. Under READ COMMITTED each statement of a transaction saw
        its own snapshot anyway, so a read loses nothing and saves the BEGIN
        and ROLLBACK round trips (a third of a household read's latency)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            self.open(connection)
            yield self

    def audit(self, *entries: audit.AuditEntry) -> None:
        """Appends to the hash-chained trail inside this transaction."""
        audit.append_many(self._require(), orm.audit_log, list(entries))

    def collect_new_events(self) -> list[object]:
        found = super().collect_new_events()
        for household in self.households.seen:
            found.extend(household.events)
            household.events.clear()
        return found
