"""What callers ask the cadres service to do, already typed (the adapters turn
JSON and protobuf into these, reporting every malformed field at once). Empty
optional ids mean "let the service choose"."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cadres.domain.vocabulary import (AttendanceMark, ComplaintFinding, ComplaintSubject, InspectionMethod,
                                      InspectionOutcome, LeaveDecision, Recorder, UnitKind)

if TYPE_CHECKING:
    from chassis.security.tokens import Principal


class Command:
    """Marker base. Every command names its `actor`: the verified caller, or
    None when the service acts on its own (the attendance clock)."""


@dataclass(frozen=True)
class RegisterSupportUnit(Command):
    name: str
    kind: UnitKind
    leader_name: str
    leader_title: str
    leader_since: date
    unit_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class ChangeTopLeader(Command):
    unit_id: str
    leader_name: str
    leader_title: str
    leader_since: date
    actor: Principal | None = None


@dataclass(frozen=True)
class PairUnit(Command):
    unit_id: str
    village_code: str
    start_date: date
    pairing_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class EndPairing(Command):
    pairing_id: str
    end_date: date
    reason: str
    actor: Principal | None = None


@dataclass(frozen=True)
class AdoptVillagePlan(Command):
    pairing_id: str
    strategy: str
    adopted_on: date
    actor: Principal | None = None


@dataclass(frozen=True)
class AdoptYearlyPlan(Command):
    pairing_id: str
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int
    measures: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class RegisterCadre(Command):
    unit_id: str
    name: str
    position: str = ""
    phone: str = ""
    cadre_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class StationCadre(Command):
    cadre_id: str
    pairing_id: str
    start_date: date
    register_from: date | None = None
    # Loading history: a stationing that has already ended.
    end_date: date | None = None
    end_reason: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class WithdrawCadre(Command):
    cadre_id: str
    end_date: date
    reason: str
    actor: Principal | None = None


@dataclass(frozen=True)
class RotateCadre(Command):
    outgoing_cadre_id: str
    incoming_cadre_id: str
    handover_date: date
    reason: str
    actor: Principal | None = None


@dataclass(frozen=True)
class RecordAttendance(Command):
    cadre_id: str
    day: date
    mark: AttendanceMark
    recorded_by: Recorder
    note: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class RequestLeave(Command):
    cadre_id: str
    first_day: date
    last_day: date
    reason: str
    leave_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class DecideLeave(Command):
    leave_id: str
    decision: LeaveDecision
    decided_by: str
    note: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class RecordInspection(Command):
    cadre_id: str
    inspected_on: date
    method: InspectionMethod
    outcome: InspectionOutcome
    inspector: str
    note: str = ""
    inspection_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class RecordComplaint(Command):
    cadre_id: str
    received_on: date
    subject: ComplaintSubject
    details: str = ""
    complaint_id: str = ""
    actor: Principal | None = None


@dataclass(frozen=True)
class ResolveComplaint(Command):
    complaint_id: str
    resolved_on: date
    finding: ComplaintFinding
    resolution: str
    actor: Principal | None = None


@dataclass(frozen=True)
class SummariseAttendance(Command):
    """Re-counts the months of the given day for every cadre stationed on it
    (the month-end close; also after a holiday list changes)."""

    day: date
    actor: Principal | None = None
