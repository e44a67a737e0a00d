"""One transaction per consumed event: the fact, everything recomputed from
it, the score/flag events for the outbox and the processed-event row commit
together."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from chassis.unit_of_work import SqlUnitOfWork

from assessment.adapters.facts import ClockStore, FactLoader, FactStore
from assessment.adapters.results import FigureStore, FlagStore, ScoreStore


class UnitOfWork(SqlUnitOfWork):
    facts: FactStore
    clock: ClockStore
    loader: FactLoader
    scores: ScoreStore
    flags: FlagStore
    figures: FigureStore
    # False during a rebuild: the scores and flags were announced when first
    # computed; replaying history must not announce them again.
    publish: bool = True

    def open(self, connection: Connection) -> None:
        self.facts = FactStore(connection)
        self.clock = ClockStore(connection)
        self.loader = FactLoader(connection)
        self.scores = ScoreStore(connection)
        self.flags = FlagStore(connection)
        self.figures = FigureStore(connection)

    @property
    def households(self) -> FactLoader:
        return self.loader

    def commit(self) -> None:
        self.flags.flush()
        super().commit()

    def announce(self, event: Any) -> None:
        if self.publish:
            self.pending_events.append(event)
