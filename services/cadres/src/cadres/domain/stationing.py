"""Stationing a cadre in the unit's paired village, withdrawing and rotating
cadres. Every stationing is kept, so the village's history of cadres (who
replaced whom, from when to when) is never lost."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain import events
from cadres.domain.calendar import day_before
from cadres.domain.ids import new_id
from cadres.domain.model import Cadre, Pairing, Stationing


def peak_from(start: date, intervals: Iterable[tuple[date, date | None]]) -> int:
    """The most intervals running together on any day from `start` on."""
    changes: list[tuple[date, int]] = []
    for first, last in intervals:
        if last is not None and last < start:
            continue
        changes.append((max(first, start), 1))
        if last is not None:
            changes.append((date.fromordinal(last.toordinal() + 1), -1))
    # Ends sort before starts on the same day: a cadre leaving frees the place that day.
    running = peak = 0
    for _day, change in sorted(changes, key=lambda c: (c[0], c[1])):
        running += change
        peak = max(peak, running)
    return peak


def station(cadre: Cadre, pairing: Pairing, start: date, register_from: date | None, today: date,
            cadre_stationings: list[Stationing], village_stationings: list[Stationing],
            max_per_village: int, replaces_cadre_id: str = "") -> Stationing:
    violations: list[FieldViolation] = []
    if start > today:
        violations.append(FieldViolation("start_date", "must not be after today"))
    if register_from is not None and register_from < start:
        violations.append(FieldViolation("register_from", "must not be before the start date"))
    collect(violations)
    if cadre.unit_id != pairing.unit_id:
        raise FailedPrecondition(f"cadre {cadre.id} belongs to unit {cadre.unit_id}, but pairing {pairing.id} "
                                 f"is of unit {pairing.unit_id}")
    if not pairing.active:
        raise FailedPrecondition(f"pairing {pairing.id} ended on {pairing.end.isoformat()}")  # type: ignore[union-attr]
    if start < pairing.start:
        raise FailedPrecondition(f"pairing {pairing.id} starts on {pairing.start.isoformat()}; "
                                 f"a cadre cannot be stationed before it")
    for other in cadre_stationings:
        if other.end is None or other.end >= start:
            raise FailedPrecondition(f"cadre {cadre.id} is already stationed in village {other.village.village} "
                                     f"(stationing {other.id} from {other.start.isoformat()})")
    if peak_from(start, ((s.start, s.end) for s in village_stationings)) + 1 > max_per_village:
        holders = ", ".join(f"cadre {s.cadre_id} (stationing {s.id})"
                            for s in village_stationings if s.end is None or s.end >= start)
        raise FailedPrecondition(f"village {pairing.village.village} already has {max_per_village} stationed "
                                 f"cadre(s) from {start.isoformat()}: {holders}; withdraw or rotate first")
    return Stationing(id=new_id(), cadre_id=cadre.id, unit_id=cadre.unit_id, pairing_id=pairing.id,
                      village=pairing.village, start=start, register_from=register_from or start,
                      replaces_cadre_id=replaces_cadre_id)


def stationed_event(stationing: Stationing) -> events.CadreStationed:
    return events.CadreStationed(cadre_id=stationing.cadre_id, unit_id=stationing.unit_id,
                                 pairing_id=stationing.pairing_id, village=stationing.village,
                                 start_date=stationing.start, replaces_cadre_id=stationing.replaces_cadre_id)


def active_of(cadre_id: str, stationings: list[Stationing]) -> Stationing:
    for stationing in stationings:
        if stationing.active:
            return stationing
    raise FailedPrecondition(f"cadre {cadre_id} is not stationed in any village now")


def withdraw(stationing: Stationing, end_date: date, reason: str, today: date,
             field: str = "end_date") -> events.CadreWithdrawn:
    violations: list[FieldViolation] = []
    if end_date > today:
        violations.append(FieldViolation(field, "must not be after today"))
    collect(violations)
    if end_date < stationing.start:
        raise FailedPrecondition(f"cadre {stationing.cadre_id} was stationed from {stationing.start.isoformat()} "
                                 f"(stationing {stationing.id}); the last day cannot be before that")
    stationing.end, stationing.end_reason = end_date, reason
    return events.CadreWithdrawn(cadre_id=stationing.cadre_id, unit_id=stationing.unit_id,
                                 village=stationing.village, end_date=end_date, reason=reason)


def rotation_last_day(handover: date) -> date:
    """The outgoing cadre's last day: the day before the incoming one's first,
    so the village never counts two cadres (or none) on one day."""
    return day_before(handover)
