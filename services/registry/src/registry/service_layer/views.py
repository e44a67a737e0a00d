"""Read side: queries answered straight from the registry's tables."""
from __future__ import annotations

from chassis.errors import NotFound

from registry.domain import model
from registry.service_layer.unit_of_work import UnitOfWork


def get_household(household_id: str, uow: UnitOfWork) -> model.Household:
    with uow:
        household = uow.households.get(household_id)
    if household is None:
        raise NotFound(f"household {household_id} not found")
    return household
