"""Facts the registry announces. They never carry a national ID or a name."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from registry.domain.divisions import DivisionPath
from registry.domain.rules import Guarantees, Hardship, Income
from registry.domain.vocabulary import Category, Decision, RiskCategory, Step


class Event:
    """Marker base: something that happened to an aggregate."""


@dataclass(frozen=True)
class HouseholdRegistered(Event):
    household_id: str
    divisions: DivisionPath
    category: Category
    member_count: int
    registered_at: datetime
    able_to_work_count: int = 0
    entry_income_per_capita_fen: int = 0


@dataclass(frozen=True)
class HouseholdSubmitted(Event):
    household_id: str
    divisions: DivisionPath
    category: Category
    member_count: int
    submitted_at: datetime
    via_county_system: bool = False


@dataclass(frozen=True)
class StepDecided(Event):
    household_id: str
    divisions: DivisionPath
    step: Step
    decision: Decision
    reason: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class HouseholdRejected(Event):
    household_id: str
    divisions: DivisionPath
    step: Step
    reason: str
    rejected_at: datetime


@dataclass(frozen=True)
class SurveyRecorded(Event):
    household_id: str
    divisions: DivisionPath
    survey_id: str
    year: int
    household_size: int
    income: Income
    per_capita_net_income_fen: int
    guarantees: Guarantees
    hardship: Hardship
    supersedes_survey_id: str
    recorded_at: datetime


@dataclass(frozen=True)
class ExitProposed(Event):
    household_id: str
    divisions: DivisionPath
    year: int
    per_capita_net_income_fen: int
    proposed_at: datetime


@dataclass(frozen=True)
class HouseholdExited(Event):
    household_id: str
    divisions: DivisionPath
    year: int
    member_count: int
    per_capita_net_income_fen: int
    exited_at: datetime


@dataclass(frozen=True)
class RiskFlagged(Event):
    household_id: str
    divisions: DivisionPath
    category: RiskCategory
    rule: str
    evidence: str
    flagged_at: datetime


@dataclass(frozen=True)
class RiskCleared(Event):
    household_id: str
    divisions: DivisionPath
    reason: str
    cleared_at: datetime


@dataclass(frozen=True)
class ReturnedToPoverty(Event):
    household_id: str
    divisions: DivisionPath
    year: int
    member_count: int
    per_capita_net_income_fen: int
    returned_at: datetime


@dataclass(frozen=True)
class SubmissionDecided(Event):
    """The one result a county system gets for a submission (result topic)."""
    submission_id: str
    county_system_id: str
    accepted: bool
    household_id: str
    reasons: tuple[tuple[str, str], ...] = field(default=())
    decided_at: datetime | None = None
