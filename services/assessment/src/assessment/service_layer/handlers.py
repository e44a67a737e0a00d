"""Event handlers that keep the read model. Every one is safe to run twice:
the inbox stops redelivery, and the read model is keyed by the event's subject
so even a replay under another event id cannot count a household twice."""
from __future__ import annotations

from collections.abc import Callable

from chassis.unit_of_work import DuplicateDelivery

from assessment.domain import events
from assessment.service_layer.unit_of_work import UnitOfWork


def record_household_registered(event: events.HouseholdRegistered, uow: UnitOfWork) -> None:
    if not uow.households.knows(event.household_id):
        uow.households.add_registered(event)


HANDLERS: dict[type, Callable[[events.Event, UnitOfWork], None]] = {
    events.HouseholdRegistered: record_household_registered,  # type: ignore[dict-item]
}


def apply_once(event: events.Event, event_id: str, uow: UnitOfWork) -> bool:
    """Applies an inbound event exactly once per consumer group. Returns False
    for a duplicate delivery."""
    handler = HANDLERS[type(event)]
    try:
        with uow:
            if not uow.begin_inbound(event_id):
                return False
            handler(event, uow)
            uow.commit()
    except DuplicateDelivery:
        return False
    return True
