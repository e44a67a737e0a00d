"""Read-model rows in and out."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, func, select

from assessment.adapters import orm
from assessment.domain.events import HouseholdRegistered
from assessment.domain.model import VillageSummary


class HouseholdReadModel:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def knows(self, household_id: str) -> bool:
        return self.connection.execute(select(orm.registered_households.c.household_id).where(
            orm.registered_households.c.household_id == household_id)).first() is not None

    def add_registered(self, event: HouseholdRegistered) -> None:
        self.connection.execute(orm.registered_households.insert().values(
            household_id=event.household_id, province_code=event.province_code, city_code=event.city_code,
            county_code=event.county_code, township_code=event.township_code,
            village_code=event.village_code, category=event.category, people=event.people,
            recorded_at=datetime.now(UTC)))

    def village_summary(self, village_code: str) -> VillageSummary:
        t = orm.registered_households
        row = self.connection.execute(
            select(func.count(), func.coalesce(func.sum(t.c.people), 0)).where(t.c.village_code == village_code)
        ).one()
        return VillageSummary(village_code, int(row[0]), int(row[1]))
