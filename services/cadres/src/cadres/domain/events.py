"""Facts the cadres service announces. Cadres appear only by id: names and
phones stay in this service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cadres.domain.divisions import DivisionPath
from cadres.domain.model import AttendanceSummary
from cadres.domain.vocabulary import ComplaintSubject, InspectionMethod, UnitKind


class Event:
    """Marker base."""


class PairingEvent(Event):
    """Goes to cadres.pairing.v1, keyed by pairing id."""

    pairing_id: str


class CadreEvent(Event):
    """Goes to cadres.cadre.v1, keyed by cadre id."""

    cadre_id: str


@dataclass(frozen=True)
class UnitPaired(PairingEvent):
    pairing_id: str
    unit_id: str
    unit_name: str
    unit_kind: UnitKind
    village: DivisionPath
    start_date: date


@dataclass(frozen=True)
class PairingEnded(PairingEvent):
    pairing_id: str
    unit_id: str
    village: DivisionPath
    end_date: date
    reason: str


@dataclass(frozen=True)
class PlanAdopted(PairingEvent):
    plan_id: str
    pairing_id: str
    unit_id: str
    village: DivisionPath
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int


@dataclass(frozen=True)
class CadreStationed(CadreEvent):
    cadre_id: str
    unit_id: str
    pairing_id: str
    village: DivisionPath
    start_date: date
    replaces_cadre_id: str


@dataclass(frozen=True)
class CadreWithdrawn(CadreEvent):
    cadre_id: str
    unit_id: str
    village: DivisionPath
    end_date: date
    reason: str


@dataclass(frozen=True)
class AttendanceSummarised(CadreEvent):
    cadre_id: str
    unit_id: str
    village: DivisionPath
    month: str
    summary: AttendanceSummary
    revision: int


@dataclass(frozen=True)
class LeaveDecided(CadreEvent):
    leave_id: str
    cadre_id: str
    village: DivisionPath
    first_day: date
    last_day: date
    approved: bool
    decided_at: datetime


@dataclass(frozen=True)
class InspectionRecorded(CadreEvent):
    inspection_id: str
    cadre_id: str
    unit_id: str
    village: DivisionPath
    inspected_on: date
    method: InspectionMethod
    present: bool
    on_approved_leave: bool
    on_rest_day: bool


@dataclass(frozen=True)
class ComplaintRecorded(CadreEvent):
    complaint_id: str
    cadre_id: str
    village: DivisionPath
    received_on: date
    subject: ComplaintSubject


@dataclass(frozen=True)
class ComplaintResolved(CadreEvent):
    complaint_id: str
    cadre_id: str
    village: DivisionPath
    resolved_on: date
    upheld: bool
