"""Event handlers that keep the read model. Every one is safe to run twice and
in any order: the inbox stops redelivery, each fact is stored by its subject
(so a replay under another event id changes nothing), and every score, flag and
figure is recomputed from the stored facts rather than adjusted by the event."""
from __future__ import annotations

from chassis.unit_of_work import DuplicateDelivery

from assessment.domain import events
from assessment.domain.rubric import Rubric
from assessment.service_layer.assess import reassess_aggregates, reassess_village, reassess_villages
from assessment.service_layer.unit_of_work import UnitOfWork


def handle(event: events.Event, uow: UnitOfWork, rubric: Rubric) -> None:
    """Within the unit of work: store the fact, reassess what it touches."""
    if isinstance(event, events.Ignored):
        return
    assert isinstance(event, events.VillageFact), type(event)
    uow.facts.record(event)
    reassess_village(event.village_code, uow, rubric)


def apply_once(event: events.Event, event_id: str, uow: UnitOfWork, rubric: Rubric) -> bool:
    """Applies an inbound event exactly once per consumer group. Returns False
    for a duplicate delivery."""
    try:
        with uow:
            if not uow.begin_inbound(event_id):
                return False
            handle(event, uow, rubric)
            uow.commit()
    except DuplicateDelivery:
        return False
    return True


def apply_batch(batch: list[tuple[events.Event, str]], uow: UnitOfWork, rubric: Rubric) -> list[bool]:
    """Applies a poll batch in one transaction: every fact stored, then each
    touched village reassessed once (the result is the same as one by one,
    since results are computed from the stored facts). Returns, per event,
    False for a duplicate. Any failure rolls the whole batch back; the
    consumer then settles its events one at a time."""
    with uow:
        outcomes = uow.begin_inbound_many([event_id for _, event_id in batch])
        fresh = [event for (event, _), applied in zip(batch, outcomes)
                 if applied and isinstance(event, events.VillageFact)]
        uow.facts.record_many(fresh)
        touched = sorted({event.village_code for event in fresh})
        known = uow.loader.divisions_many(touched)
        divisions = [known[code] for code in touched if code in known]
        # Every county lock before any city lock, each in order: no deadlock
        # with another consumer doing the same, or reassessing one village.
        # Taken before the facts are read, so a concurrent batch's facts for
        # the same villages are committed and seen.
        for name in sorted({f"county:{d.county_code}" for d in divisions}) + \
                sorted({f"city:{d.city_code}" for d in divisions}):
            uow.scores.lock(name)
        loaded = uow.loader.villages(touched)
        reassess_villages([loaded[code] for code in touched if code in loaded], uow, rubric)
        # Counties and cities once per batch, not once per village of the batch.
        reassess_aggregates(divisions, uow, rubric)
        uow.commit()
    return outcomes
