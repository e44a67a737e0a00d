"""Event handlers that keep the read model. Every one is safe to run twice and
in any order: the inbox stops redelivery, each fact is stored by its subject
(so a replay under another event id changes nothing), and every score, flag and
figure is recomputed from the stored facts rather than adjusted by the event."""
from __future__ import annotations

from chassis.unit_of_work import DuplicateDelivery

from assessment.domain import events
from assessment.domain.rubric import Rubric
from assessment.service_layer.assess import (advance_clock, lock_divisions, move_clock, reassess_aggregates,
                                             reassess_village, reassess_villages, sync_village_flags)
from assessment.service_layer.unit_of_work import UnitOfWork


def handle(event: events.Event, uow: UnitOfWork, rubric: Rubric) -> None:
    """Within the unit of work: store the fact, reassess what it touches."""
    if isinstance(event, events.Ignored):
        return
    if isinstance(event, events.ClockTicked):
        advance_clock(event.as_of, uow, rubric)
        return
    assert isinstance(event, events.VillageFact), type(event)
    uow.clock.lock_shared()  # before the county and city locks; see ClockStore
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
        applied = [event for (event, _), fresh in zip(batch, outcomes) if fresh]
        fresh = [event for event in applied if isinstance(event, events.VillageFact)]
        ticks = [event.as_of for event in applied if isinstance(event, events.ClockTicked)]
        # The clock lock before any other (fact rows, counties, cities); see ClockStore.
        if ticks:
            uow.clock.lock_exclusive()
        else:
            uow.clock.lock_shared()
        uow.facts.record_many(fresh)
        # The latest tick of the batch stands for all of them: the clock only moves forward.
        due = move_clock(max(ticks), uow, rubric) if ticks else []
        touched = sorted({event.village_code for event in fresh})
        known = uow.loader.divisions_many(sorted(set(touched) | set(due)))
        divisions = [known[code] for code in touched if code in known]
        lock_divisions(list(known.values()), uow)
        loaded = uow.loader.villages(sorted(known))
        reassess_villages([loaded[code] for code in touched if code in loaded], uow, rubric)
        # Villages the tick made due and no fact of the batch touched: their flags only.
        sync_village_flags([loaded[code] for code in due if code in loaded and code not in touched], uow, rubric)
        # Counties and cities once per batch, not once per village of the batch.
        reassess_aggregates(divisions, uow, rubric)
        uow.commit()
    return outcomes
