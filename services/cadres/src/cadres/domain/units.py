"""Support units and their top leaders: the leader is accountable for the
result, so every change keeps the previous leaders in the history."""
from __future__ import annotations

from datetime import date, datetime

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain.ids import new_id
from cadres.domain.model import SupportUnit, TopLeader
from cadres.domain.vocabulary import UnitKind


def register(unit_id: str, name: str, kind: UnitKind, leader: TopLeader, today: date,
             now: datetime) -> SupportUnit:
    violations: list[FieldViolation] = []
    if leader.since > today:
        violations.append(FieldViolation("top_leader.since", "must not be after today"))
    collect(violations)
    return SupportUnit(id=new_id(unit_id), name=name, kind=kind, leaders=[leader], registered_at=now)


def change_top_leader(unit: SupportUnit, leader: TopLeader, today: date) -> None:
    collect([FieldViolation("top_leader.since", "must not be after today")] if leader.since > today else [])
    current = unit.top_leader
    if leader.since <= current.since:
        raise FailedPrecondition(
            f"unit {unit.id}: the new top leader must take office after the current one "
            f"(in office since {current.since.isoformat()})")
    unit.leaders.append(leader)
