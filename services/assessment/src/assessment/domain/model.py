"""The read model as the scoring rules see it: plain values, loaded from the
stored facts of one village (every target is scored from its village's facts)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from assessment.domain.events import Divisions


@dataclass(frozen=True)
class VillageSummary:
    village_code: str
    registered_households: int
    registered_people: int

    @classmethod
    def empty(cls, village_code: str) -> "VillageSummary":
        return cls(village_code, 0, 0)


@dataclass(frozen=True)
class Survey:
    survey_id: str
    household_id: str
    year: int
    household_size: int
    income_components_fen: int
    net_income_fen: int
    per_capita_net_income_fen: int
    guarantees_met: bool
    supersedes_survey_id: str
    at: datetime


@dataclass(frozen=True)
class Household:
    household_id: str
    registered: bool
    people: int  # registered member count (0 while only surveys are known)
    registered_at: datetime | None
    status: str  # "poor" | "exited" | "returned"
    surveys: tuple[Survey, ...]  # every survey, superseded ones included
    open_risk_since: datetime | None

    def effective_surveys(self) -> dict[int, Survey]:
        """One survey per year: corrections supersede what they name; among
        the rest the latest by producer time (then id) stands."""
        superseded = {s.supersedes_survey_id for s in self.surveys if s.supersedes_survey_id}
        chosen: dict[int, Survey] = {}
        for survey in self.surveys:
            if survey.survey_id in superseded:
                continue
            current = chosen.get(survey.year)
            if current is None or (survey.at, survey.survey_id) > (current.at, current.survey_id):
                chosen[survey.year] = survey
        return chosen


@dataclass(frozen=True)
class Allocation:
    allocation_id: str
    source_kind: str
    unit_id: str
    amount_fen: int
    year: int
    at: datetime
    disbursed_fen: int
    reversed_fen: int
    first_disbursed_at: datetime | None


@dataclass(frozen=True)
class AttendanceMonth:
    cadre_id: str
    unit_id: str
    month: str
    working_days: int
    days_absent_without_leave: int
    revision: int
    at: datetime


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    cadre_id: str
    unit_id: str
    inspected_on: date
    present: bool
    excused: bool
    at: datetime

    @property
    def passed(self) -> bool:
        return self.present or self.excused


@dataclass(frozen=True)
class Complaint:
    complaint_id: str
    cadre_id: str
    upheld: bool | None  # None while unresolved


@dataclass(frozen=True)
class Stationing:
    cadre_id: str
    unit_id: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Pairing:
    pairing_id: str
    unit_id: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Plan:
    plan_id: str
    unit_id: str
    year: int
    planned_funds_fen: int


@dataclass(frozen=True)
class Project:
    project_id: str
    poor_households: int
    at: datetime


@dataclass(frozen=True)
class StreamPosition:
    """Where in the event stream a score stands: the number of distinct facts
    it was computed from and the producer time of the latest. Independent of
    delivery order and duplicates, so a rebuild reaches the same position."""

    facts: int
    last_fact_at: datetime | None


@dataclass(frozen=True)
class VillageFacts:
    divisions: Divisions
    households: tuple[Household, ...] = ()
    allocations: tuple[Allocation, ...] = ()
    attendance: tuple[AttendanceMonth, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    stationings: tuple[Stationing, ...] = ()
    pairings: tuple[Pairing, ...] = ()
    plans: tuple[Plan, ...] = ()
    projects: tuple[Project, ...] = ()
    collective_income: dict[int, int] = field(default_factory=dict)  # year -> fen (correction applied)
    position: StreamPosition = StreamPosition(0, None)
    # The province's latest clock tick when the facts were read: time passes
    # for a village that sends nothing, so its deadlines fall due all the same.
    clock: datetime | None = None

    @property
    def as_of(self) -> datetime | None:
        """Where time stands for this village: its latest fact or the latest
        tick, whichever is later (both come from events, so a rebuild agrees)."""
        moments = [t for t in (self.position.last_fact_at, self.clock) if t is not None]
        return max(moments, default=None)

    @property
    def registered(self) -> tuple[Household, ...]:
        return tuple(h for h in self.households if h.registered)

    def cadre_ids(self) -> set[str]:
        return ({s.cadre_id for s in self.stationings} | {a.cadre_id for a in self.attendance}
                | {i.cadre_id for i in self.inspections} | {c.cadre_id for c in self.complaints})

    def unit_ids(self) -> set[str]:
        return {p.unit_id for p in self.pairings} | {p.unit_id for p in self.plans}


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    weight: int
    points_centi: int
    measurable: bool
    raw_value: str  # exact decimal text, "" when not measurable
    formula: str
    counts: tuple[tuple[str, int], ...]
    note: str


@dataclass(frozen=True)
class Constituent:
    target_id: str
    score_centi: int
    weight: int
    unqualified: bool


@dataclass(frozen=True)
class Score:
    target_kind: str
    target_id: str
    divisions: Divisions
    score_centi: int
    grade_by_score: str
    unqualified_by: tuple[str, ...]  # ids of the false-data flags in force
    rubric_version: str
    as_of: datetime | None
    position: StreamPosition
    indicators: tuple[IndicatorResult, ...] = ()
    constituents: tuple[Constituent, ...] = ()
    weight: int = 0  # poor households (villages), for aggregation

    @property
    def unqualified(self) -> bool:
        return bool(self.unqualified_by)

    @property
    def grade(self) -> str:
        return "poor" if self.unqualified else self.grade_by_score

    @property
    def score_text(self) -> str:
        return centi_text(self.score_centi)


class ScoreLine(NamedTuple):
    """What a ranking shows of a score: a plain tuple, since a province-wide
    ranking builds thousands of them per request."""

    target_id: str
    score_centi: int
    grade_by_score: str
    unqualified: bool

    @property
    def grade(self) -> str:
        return "poor" if self.unqualified else self.grade_by_score

    @property
    def score_text(self) -> str:
        return centi_text(self.score_centi)


def centi_text(centi: int) -> str:
    sign = "-" if centi < 0 else ""
    return f"{sign}{abs(centi) // 100}.{abs(centi) % 100:02d}"


@dataclass(frozen=True)
class FlagSpec:
    """A flag that should be in force, as the rules find it."""

    target_kind: str
    target_id: str
    rule: str
    subject: str  # what the flag is about within the target (a survey, month...)
    evidence: str
    since: datetime | None  # when the finding became true, in the stream's (producers') time


@dataclass(frozen=True)
class Flag:
    flag_id: str
    target_kind: str
    target_id: str
    divisions: Divisions
    rule: str
    evidence: str
    raised_at: datetime | None
    cleared_at: datetime | None
    active: bool


@dataclass(frozen=True)
class ScoreRecalculated:
    score: Score
    computed_at: datetime


@dataclass(frozen=True)
class FlagRaised:
    flag: Flag


@dataclass(frozen=True)
class FlagCleared:
    flag: Flag
    reason: str
