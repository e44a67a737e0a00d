"""One for one: a support unit is paired with one poor village, and a village
with one unit, at any moment. Pairings keep their history; a conflict names
the pairing in the way."""
from __future__ import annotations

from datetime import date

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain import events
from cadres.domain.divisions import path_of_village
from cadres.domain.ids import new_id
from cadres.domain.model import Pairing, Stationing, SupportUnit


def _describe(pairing: Pairing) -> str:
    until = pairing.end.isoformat() if pairing.end else "now (active)"
    return (f"pairing {pairing.id} of unit {pairing.unit_id} with village {pairing.village.village} "
            f"from {pairing.start.isoformat()} to {until}")


def conflict_with(start: date, existing: list[Pairing]) -> Pairing | None:
    """A new pairing runs from `start` with no end yet, so any pairing still
    running on or after that day overlaps it."""
    for pairing in sorted(existing, key=lambda p: p.start):
        if pairing.end is None or pairing.end >= start:
            return pairing
    return None


def pair(pairing_id: str, unit: SupportUnit, village_code: str, start: date, today: date,
         unit_pairings: list[Pairing], village_pairings: list[Pairing]) -> Pairing:
    collect([FieldViolation("start_date", "must not be after today")] if start > today else [])
    clash = conflict_with(start, unit_pairings)
    if clash is not None:
        raise FailedPrecondition(f"one for one: unit {unit.id} is already in {_describe(clash)}")
    clash = conflict_with(start, village_pairings)
    if clash is not None:
        raise FailedPrecondition(f"one for one: village {village_code} is already in {_describe(clash)}")
    return Pairing(id=new_id(pairing_id), unit_id=unit.id, village=path_of_village(village_code), start=start)


def paired_event(pairing: Pairing, unit: SupportUnit) -> events.UnitPaired:
    return events.UnitPaired(pairing_id=pairing.id, unit_id=unit.id, unit_name=unit.name, unit_kind=unit.kind,
                             village=pairing.village, start_date=pairing.start)


def end(pairing: Pairing, end_date: date, reason: str, today: date,
        stationings: list[Stationing]) -> events.PairingEnded:
    violations: list[FieldViolation] = []
    if end_date > today:
        violations.append(FieldViolation("end_date", "must not be after today"))
    if end_date < pairing.start:
        violations.append(FieldViolation("end_date", f"must not be before the start {pairing.start.isoformat()}"))
    collect(violations)
    if not pairing.active:
        raise FailedPrecondition(f"pairing {pairing.id} already ended on {pairing.end.isoformat()}")  # type: ignore[union-attr]
    for stationing in stationings:
        if stationing.active:
            raise FailedPrecondition(f"pairing {pairing.id} still has cadre {stationing.cadre_id} stationed "
                                     f"(stationing {stationing.id}); withdraw the cadre first")
        if stationing.end is not None and stationing.end > end_date:
            raise FailedPrecondition(f"cadre {stationing.cadre_id} was stationed until {stationing.end.isoformat()} "
                                     f"(stationing {stationing.id}); the pairing cannot end before that")
    pairing.end, pairing.end_reason = end_date, reason
    return events.PairingEnded(pairing_id=pairing.id, unit_id=pairing.unit_id, village=pairing.village,
                               end_date=end_date, reason=reason)
