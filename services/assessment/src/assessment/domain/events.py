"""Facts from other services, in the assessment's own terms. Built only from
events: the assessment never asks another service for a number it scores.

Every fact names its subject (a household, survey, allocation...) and carries
the producer's own time (`at`), so storing it is an idempotent upsert keyed by
the subject, and "which came later" is decided by the producer's clock, never
by the order of delivery."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


class Event:
    """Marker base."""


@dataclass(frozen=True)
class Divisions:
    province_code: str
    city_code: str
    county_code: str
    township_code: str
    village_code: str


class VillageFact(Event):
    """A fact about one village: it touches that village's scores."""

    divisions: Divisions
    at: datetime

    @property
    def village_code(self) -> str:
        return self.divisions.village_code


@dataclass(frozen=True)
class HouseholdRegistered(VillageFact):
    household_id: str
    divisions: Divisions
    category: str
    people: int
    at: datetime
    able_to_work: int = 0
    entry_income_per_capita_fen: int = 0

    # Kept for GetVillageSummary's callers, who read the codes flat.
    @property
    def province_code(self) -> str:
        return self.divisions.province_code

    @property
    def city_code(self) -> str:
        return self.divisions.city_code

    @property
    def county_code(self) -> str:
        return self.divisions.county_code

    @property
    def township_code(self) -> str:
        return self.divisions.township_code


@dataclass(frozen=True)
class SurveyRecorded(VillageFact):
    survey_id: str
    household_id: str
    divisions: Divisions
    year: int
    household_size: int
    income_components_fen: int  # wages + farming + business + property + transfers - costs
    net_income_fen: int
    per_capita_net_income_fen: int
    guarantees_met: bool
    supersedes_survey_id: str
    at: datetime


@dataclass(frozen=True)
class HouseholdStatusChanged(VillageFact):
    """Exit or return to poverty: the latest by producer time is in force."""

    household_id: str
    divisions: Divisions
    status: str  # "exited" | "returned"
    year: int
    people: int
    at: datetime


@dataclass(frozen=True)
class RiskFlagged(VillageFact):
    household_id: str
    divisions: Divisions
    category: str
    rule: str
    at: datetime


@dataclass(frozen=True)
class RiskCleared(VillageFact):
    """Clears every risk of the household flagged before `at`."""

    household_id: str
    divisions: Divisions
    at: datetime


@dataclass(frozen=True)
class UnitPaired(VillageFact):
    pairing_id: str
    unit_id: str
    unit_kind: str
    divisions: Divisions
    start: date
    at: datetime


@dataclass(frozen=True)
class PairingEnded(VillageFact):
    pairing_id: str
    unit_id: str
    divisions: Divisions
    end: date
    at: datetime


@dataclass(frozen=True)
class PlanAdopted(VillageFact):
    plan_id: str
    unit_id: str
    divisions: Divisions
    year: int
    planned_funds_fen: int
    target_collective_income_fen: int
    at: datetime


@dataclass(frozen=True)
class CadreStationed(VillageFact):
    cadre_id: str
    unit_id: str
    divisions: Divisions
    start: date
    at: datetime


@dataclass(frozen=True)
class CadreWithdrawn(VillageFact):
    cadre_id: str
    unit_id: str
    divisions: Divisions
    end: date
    at: datetime


@dataclass(frozen=True)
class AttendanceSummarised(VillageFact):
    cadre_id: str
    unit_id: str
    divisions: Divisions
    month: str  # YYYY-MM
    working_days: int
    days_in_village: int
    days_on_approved_leave: int
    days_absent_without_leave: int
    revision: int
    at: datetime


@dataclass(frozen=True)
class InspectionRecorded(VillageFact):
    inspection_id: str
    cadre_id: str
    unit_id: str
    divisions: Divisions
    inspected_on: date
    present: bool
    excused: bool  # on approved leave or on a rest day
    at: datetime


@dataclass(frozen=True)
class ComplaintRecorded(VillageFact):
    complaint_id: str
    cadre_id: str
    divisions: Divisions
    received_on: date
    at: datetime


@dataclass(frozen=True)
class ComplaintResolved(VillageFact):
    complaint_id: str
    cadre_id: str
    divisions: Divisions
    upheld: bool
    at: datetime


@dataclass(frozen=True)
class FundsAllocated(VillageFact):
    allocation_id: str
    source_kind: str
    unit_id: str
    divisions: Divisions
    amount_fen: int
    year: int
    at: datetime


@dataclass(frozen=True)
class FundsDisbursed(VillageFact):
    disbursement_id: str
    allocation_id: str
    divisions: Divisions
    amount_fen: int
    at: datetime


@dataclass(frozen=True)
class DisbursementReversed(VillageFact):
    reversal_id: str
    disbursement_id: str
    allocation_id: str
    divisions: Divisions
    amount_fen: int
    at: datetime


@dataclass(frozen=True)
class ProjectCreated(VillageFact):
    project_id: str
    divisions: Divisions
    poor_households: int
    at: datetime


@dataclass(frozen=True)
class CollectiveIncomeRecorded(VillageFact):
    record_id: str
    divisions: Divisions
    year: int
    amount_fen: int
    at: datetime


@dataclass(frozen=True)
class ClockTicked(Event):
    """The province's clock reached `as_of`: deadlines up to it have passed
    for every village, including those that have sent nothing since."""

    as_of: datetime


@dataclass(frozen=True)
class Ignored(Event):
    """A contract event the assessment reads nothing from (submissions,
    workflow steps, leave decisions...): accepted and acknowledged, not stored."""

    type: str
