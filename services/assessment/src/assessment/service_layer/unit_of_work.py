"""One transaction per consumed event: the read-model change and the
processed-event row commit together."""
from __future__ import annotations

from sqlalchemy import Connection

from chassis.unit_of_work import SqlUnitOfWork

from assessment.adapters.repository import HouseholdReadModel


class UnitOfWork(SqlUnitOfWork):
    households: HouseholdReadModel

    def open(self, connection: Connection) -> None:
        self.households = HouseholdReadModel(connection)
