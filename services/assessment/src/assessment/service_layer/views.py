"""Read side of the assessment API."""
from __future__ import annotations

from assessment.domain.model import VillageSummary
from assessment.service_layer.unit_of_work import UnitOfWork


def village_summary(village_code: str, uow: UnitOfWork) -> VillageSummary:
    with uow:
        return uow.households.village_summary(village_code)
