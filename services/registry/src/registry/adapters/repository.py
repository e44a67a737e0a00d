"""Households in and out of the database."""
from __future__ import annotations

from datetime import UTC

from sqlalchemy import Connection, select

from registry.adapters import orm
from registry.domain.divisions import DivisionPath
from registry.domain.model import Household, Member
from registry.domain.vocabulary import Category, Relation, Sex, Status


class HouseholdRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.seen: list[Household] = []

    def add(self, household: Household) -> None:
        d = household.divisions
        self.connection.execute(orm.households.insert().values(
            id=household.id, province_code=d.province, city_code=d.city, county_code=d.county,
            township_code=d.township, village_code=d.village, category=household.category.value,
            status=household.status.value, registered_at=household.registered_at))
        if household.members:
            self.connection.execute(orm.members.insert(), [
                {"household_id": household.id, "position": n, "name": m.name, "national_id": m.national_id,
                 "relation": m.relation.value, "sex": m.sex.value, "birth_date": m.birth_date}
                for n, m in enumerate(household.members)])
        self.seen.append(household)

    def get(self, household_id: str) -> Household | None:
        row = self.connection.execute(
            select(orm.households).where(orm.households.c.id == household_id)).first()
        if row is None:
            return None
        member_rows = self.connection.execute(
            select(orm.members).where(orm.members.c.household_id == household_id)
            .order_by(orm.members.c.position)).all()
        registered_at = row.registered_at if row.registered_at.tzinfo else row.registered_at.replace(tzinfo=UTC)
        return Household(
            id=row.id,
            divisions=DivisionPath(row.province_code, row.city_code, row.county_code, row.township_code,
                                   row.village_code),
            category=Category(row.category),
            members=[Member(name=m.name, national_id=m.national_id, relation=Relation(m.relation),
                            sex=Sex(m.sex), birth_date=m.birth_date) for m in member_rows],
            status=Status(row.status),
            registered_at=registered_at,
        )
