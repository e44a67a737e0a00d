"""The records of the cadres context. Plain data: the rules that create and
change them live in pairings.py, stationing.py, attendance.py and conduct.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cadres.domain.divisions import DivisionPath
from cadres.domain.vocabulary import (ComplaintFinding, ComplaintStatus, ComplaintSubject, InspectionFinding,
                                      InspectionMethod, InspectionOutcome, LeaveStatus, UnitKind)


def covers(start: date, end: date | None, day: date) -> bool:
    """Inclusive [start, end]; an open end runs on."""
    return start <= day and (end is None or day <= end)


@dataclass(frozen=True)
class TopLeader:
    name: str
    title: str
    since: date


@dataclass
class SupportUnit:
    id: str
    name: str
    kind: UnitKind
    leaders: list[TopLeader]
    registered_at: datetime

    @property
    def top_leader(self) -> TopLeader:
        return self.leaders[-1]


@dataclass
class Pairing:
    id: str
    unit_id: str
    village: DivisionPath
    start: date
    end: date | None = None
    end_reason: str = ""

    @property
    def active(self) -> bool:
        return self.end is None

    def covers(self, day: date) -> bool:
        return covers(self.start, self.end, day)


@dataclass
class Cadre:
    id: str
    unit_id: str
    name: str
    position: str
    phone: str
    registered_at: datetime


@dataclass
class Stationing:
    id: str
    cadre_id: str
    unit_id: str
    pairing_id: str
    village: DivisionPath
    start: date
    register_from: date
    end: date | None = None
    end_reason: str = ""
    replaces_cadre_id: str = ""
    replaced_by_cadre_id: str = ""

    @property
    def active(self) -> bool:
        return self.end is None

    def covers(self, day: date) -> bool:
        return covers(self.start, self.end, day)


@dataclass
class Leave:
    id: str
    cadre_id: str
    village: DivisionPath
    first_day: date
    last_day: date
    reason: str
    status: LeaveStatus
    requested_at: datetime
    decided_at: datetime | None = None
    decided_by: str = ""
    decision_note: str = ""

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass
class Inspection:
    id: str
    cadre_id: str
    unit_id: str
    village: DivisionPath
    inspected_on: date
    method: InspectionMethod
    outcome: InspectionOutcome
    finding: InspectionFinding
    inspector: str
    note: str
    recorded_at: datetime


@dataclass
class Complaint:
    id: str
    cadre_id: str
    village: DivisionPath
    received_on: date
    subject: ComplaintSubject
    details: str
    status: ComplaintStatus = ComplaintStatus.OPEN
    resolved_on: date | None = None
    finding: ComplaintFinding | None = None
    resolution: str = ""


@dataclass
class VillagePlan:
    pairing_id: str
    village: DivisionPath
    strategy: str
    adopted_on: date


@dataclass
class YearlyPlan:
    id: str
    pairing_id: str
    unit_id: str
    village: DivisionPath
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int
    measures: str
    revision: int
    adopted_at: datetime


@dataclass(frozen=True)
class AttendanceSummary:
    working_days: int = 0
    days_in_village: int = 0
    days_on_approved_leave: int = 0
    weekend_days: int = 0
    days_absent_without_leave: int = 0

    @property
    def empty(self) -> bool:
        return self == AttendanceSummary()


@dataclass(frozen=True)
class StoredSummary:
    """The summary last announced for a cadre's month, and its revision."""

    cadre_id: str
    month: str
    summary: AttendanceSummary
    revision: int
    unit_id: str = ""
    village: DivisionPath | None = field(default=None, compare=False)
