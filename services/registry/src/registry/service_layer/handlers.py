"""One function per command. Each opens its own unit of work."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from registry.domain import commands, model
from registry.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def register_household(command: commands.RegisterHousehold, uow: UnitOfWork, clock: Clock = utc_now) -> str:
    household = model.register(
        household_id=command.household_id, village_code=command.village_code, category=command.category,
        members=[(m.name, m.national_id, m.relation, m.sex, m.birth_date) for m in command.members],
        now=clock())
    with uow:
        if command.household_id and uow.households.get(command.household_id) is not None:
            # A retry of a call that already succeeded: same answer, no second event.
            return command.household_id
        uow.households.add(household)
        uow.commit()
    return household.id
