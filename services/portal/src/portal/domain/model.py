"""View models: what the pages show, in the domain's words. Built by the
gateways from protobuf; never holding protobuf themselves."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_code: str = ""


@dataclass(frozen=True)
class DivisionListing:
    parent: Division | None
    ancestors: list[Division]
    children: list[Division]


@dataclass(frozen=True)
class YearIncome:
    year: int
    surveyed_households: int
    surveyed_people: int
    per_capita_income_fen: int
    counties: int
    disparity_ratio: str
    coefficient_of_variation: str


@dataclass(frozen=True)
class Figures:
    """Registered, exited and at-risk households and people of a division."""
    division_code: str
    registered_households: int
    registered_people: int
    exited_households: int
    exited_people: int
    at_risk_households: int
    at_risk_people: int
    income_by_year: list[YearIncome] = field(default_factory=list)


@dataclass(frozen=True)
class HouseholdRow:
    household_id: str
    village_code: str
    category: str
    status: str
    current_step: str
    member_count: int
    able_to_work_count: int
    entry_income_per_capita_fen: int
    risk_category: str


@dataclass(frozen=True)
class HouseholdPage:
    rows: list[HouseholdRow]
    total_size: int
    total_people: int
    next_page_token: str


# The groups CountHouseholds answers for, by the registry's status words, and at_risk across them.
COUNT_GROUPS = ("registered", "exit_proposed", "exited", "pending", "sent_back", "rejected", "at_risk")


@dataclass(frozen=True)
class HouseholdCounts:
    division: Division
    # group word (COUNT_GROUPS) -> (households, people)
    groups: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class DivisionCounts:
    division: HouseholdCounts
    children: list[HouseholdCounts]

    def of_child(self, code: str) -> dict[str, tuple[int, int]]:
        """A child's groups (zeros for a division the answer did not hold)."""
        found = {c.division.code: c.groups for c in self.children}
        return found.get(code, {g: (0, 0) for g in COUNT_GROUPS})


@dataclass(frozen=True)
class Member:
    name: str
    national_id: str
    relation: str
    sex: str
    birth_date: str
    labour_ability: str
    health: str
    disability: str
    schooling: str


@dataclass(frozen=True)
class HouseholdFile:
    household_id: str
    village_code: str
    county_code: str
    category: str
    status: str
    current_step: str
    members: list[Member]
    causes: list[str]
    entry_income_per_capita_fen: int
    housing_dilapidated: bool
    notice_ends_on: str
    risk_category: str
    risk_evidence: str
    submitted_at: str
    registered_at: str
    exited_at: str


@dataclass(frozen=True)
class Survey:
    survey_id: str
    year: int
    household_size: int
    net_income_fen: int
    per_capita_net_income_fen: int
    meets_exit_rule: bool
    recorded_at: str
    superseded: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    kind: str
    step: str
    decision: str
    reason: str
    actor: str


@dataclass(frozen=True)
class HouseholdHistory:
    entries: list[HistoryEntry]
    surveys: list[Survey]


@dataclass(frozen=True)
class RankingEntry:
    rank: int
    target_id: str
    score: str
    score_centi: int
    grade: str
    unqualified: bool


@dataclass(frozen=True)
class Ranking:
    target_kind: str
    division_code: str
    tie_rule: str
    entries: list[RankingEntry]


@dataclass(frozen=True)
class Indicator:
    indicator: str
    weight: int
    points_centi: int
    measurable: bool
    raw_value: str
    formula: str
    note: str


@dataclass(frozen=True)
class Score:
    target_kind: str
    target_id: str
    village_code: str
    county_code: str
    score: str
    score_centi: int
    grade: str
    grade_by_score: str
    unqualified: bool
    unqualified_by: list[str]
    rubric_version: str
    as_of: str
    indicators: list[Indicator]


@dataclass(frozen=True)
class Flag:
    flag_id: str
    target_kind: str
    target_id: str
    rule: str
    evidence: str
    raised_at: str
    active: bool


@dataclass(frozen=True)
class Stationing:
    village_code: str
    start_date: str
    end_date: str
    active: bool


@dataclass(frozen=True)
class Cadre:
    cadre_id: str
    unit_id: str
    name: str
    position: str
    stationings: list[Stationing]


@dataclass(frozen=True)
class SupportUnit:
    unit_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class AttendanceMonth:
    month: str
    statuses: dict  # date -> status word
    working_days: int
    days_in_village: int
    days_on_approved_leave: int
    weekend_days: int
    days_absent_without_leave: int


@dataclass(frozen=True)
class Leave:
    leave_id: str
    first_day: str
    last_day: str
    reason: str
    status: str
    decided_by: str


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    inspected_on: str
    method: str
    outcome: str
    finding: str
    inspector: str
    note: str


@dataclass(frozen=True)
class KindShare:
    kind: str
    allocated_fen: int
    share_basis_points: int


@dataclass(frozen=True)
class SourceMix:
    division_code: str
    total_allocated_fen: int
    kinds: list[KindShare]
    social_fen: int
    social_share_basis_points: int


@dataclass(frozen=True)
class VillageFunds:
    village_code: str
    allocated_fen: int
    uncommitted_fen: int
    committed_fen: int
    disbursed_fen: int
    utilisation_basis_points: int


@dataclass(frozen=True)
class IdleAllocation:
    allocation_id: str
    village_code: str
    source_kind: str
    purpose: str
    amount_fen: int
    unspent_fen: int
    idle_since: str
    days_idle: int
