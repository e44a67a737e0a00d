"""One transaction per command: the change and its events (in the outbox)
commit together or not at all."""
from __future__ import annotations

from sqlalchemy import Connection

from chassis.unit_of_work import SqlUnitOfWork

from registry.adapters.repository import (DivisionRepository, HouseholdRepository, SubmissionRepository,
                                          SurveyRepository)


class UnitOfWork(SqlUnitOfWork):
    households: HouseholdRepository
    surveys: SurveyRepository
    divisions: DivisionRepository
    submissions: SubmissionRepository

    def open(self, connection: Connection) -> None:
        self.households = HouseholdRepository(connection)
        self.surveys = SurveyRepository(connection)
        self.divisions = DivisionRepository(connection)
        self.submissions = SubmissionRepository(connection)

    def collect_new_events(self) -> list[object]:
        found = super().collect_new_events()
        for household in self.households.seen:
            found.extend(household.events)
            household.events.clear()
        return found
