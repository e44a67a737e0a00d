"""The household aggregate: its file, where it stands in the registration
workflow, and its dynamic management (surveys, exit, risk, return)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from chassis.errors import AlreadyExists, FailedPrecondition, FieldViolation, InvalidArgument, collect

from registry.domain import events as ev
from registry.domain.commands import FileInput, MemberInput
from registry.domain.divisions import DivisionPath, path_of_village
from registry.domain.household_file import HouseholdFile, Member, parse_enum, parse_file
from registry.domain.rules import (Guarantees, Hardship, Income, RiskFinding, Rules, meets_exit_rule,
                                   per_capita_fen, risk_after_exit, yuan)
from registry.domain.vocabulary import (Category, Decision, RiskCategory, Status, Step)

# Calendar rules (notice days, survey years) follow the local calendar.
LOCAL = ZoneInfo("Asia/Shanghai")
MAX_REASON_LENGTH = 1000
MAX_ACTOR_LENGTH = 100
FIRST_SURVEY_YEAR = 2000

NEXT_STEP = {Step.VILLAGE_VERIFICATION: Step.VILLAGE_DISCUSSION, Step.VILLAGE_DISCUSSION: Step.TOWNSHIP_REVIEW,
             Step.TOWNSHIP_REVIEW: Step.COUNTY_APPROVAL, Step.COUNTY_APPROVAL: Step.PREFECTURE_REGISTRATION}


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    actor: str = ""
    step: Step | None = None
    decision: Decision | None = None
    reason: str = ""
    survey_id: str = ""
    year: int = 0


@dataclass(frozen=True)
class Objection:
    text: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class RiskFlag:
    category: RiskCategory
    rule: str
    evidence: str
    flagged_at: datetime


@dataclass(frozen=True)
class Survey:
    id: str
    household_id: str
    year: int
    household_size: int
    income: Income
    guarantees: Guarantees
    hardship: Hardship
    recorded_by: str
    recorded_at: datetime
    supersedes_survey_id: str = ""

    @property
    def per_capita_fen(self) -> int:
        return per_capita_fen(self.income.net_fen, self.household_size)

    def meets_exit_rule(self, rules: Rules) -> bool:
        return meets_exit_rule(self.per_capita_fen, self.guarantees, rules)


class DuplicatePerson(AlreadyExists):
    """A member is already in another active household. Carries the field paths,
    so county systems and bulk imports can report them like violations."""

    def __init__(self, violations: list[FieldViolation]) -> None:
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in violations))
        self.violations = violations


@dataclass
class Household:
    id: str
    divisions: DivisionPath
    file: HouseholdFile
    status: Status
    registered_at: datetime | None = None
    submitted_at: datetime | None = None
    current_step: Step | None = None
    notice_ends_on: date | None = None
    objections: list[Objection] = field(default_factory=list)
    risk: RiskFlag | None = None
    exited_at: datetime | None = None
    via_county_system: bool = False
    events: list[ev.Event] = field(default_factory=list, compare=False, repr=False)
    new_history: list[HistoryEntry] = field(default_factory=list, compare=False, repr=False)
    # Set when the members changed and must be stored again.
    members_changed: bool = field(default=False, compare=False, repr=False)

    # -- the file ---------------------------------------------------------
    @property
    def category(self) -> Category:
        return self.file.category

    @property
    def members(self) -> list[Member]:
        return self.file.members

    @property
    def village_code(self) -> str:
        return self.divisions.village

    @property
    def size(self) -> int:
        return self.file.size

    def _record(self, entry: HistoryEntry, *happened: ev.Event) -> None:
        self.new_history.append(entry)
        self.events.extend(happened)

    def _require(self, allowed: set[Status], wanted: str) -> None:
        if self.status not in allowed:
            where = f" at step {self.current_step.value}" if self.current_step else ""
            raise FailedPrecondition(f"household {self.id} is {self.status.value}{where}; cannot {wanted}")

    # -- registration workflow -------------------------------------------
    def decide(self, step: Step, decision: Decision, reason: str, decided_by: str, now: datetime,
               rules: Rules) -> None:
        if step not in NEXT_STEP and step is not Step.PREFECTURE_REGISTRATION:
            raise InvalidArgument([FieldViolation("step", f"{step.value} is not decided with DecideStep")])
        if self.status is not Status.PENDING or self.current_step is not step:
            where = f"at step {self.current_step.value}" if self.current_step else "waiting for no step"
            raise FailedPrecondition(f"household {self.id} is {self.status.value} {where}; "
                                     f"cannot decide {step.value}")
        if decision is Decision.APPROVE and step is Step.TOWNSHIP_REVIEW:
            self._require_notice_over(now)
            if self.objections and not reason:
                raise InvalidArgument([FieldViolation(
                    "reason", f"is required to approve over {len(self.objections)} recorded objection(s)")])
        decided = ev.StepDecided(self.id, self.divisions, step, decision, reason, decided_by, now)
        entry = HistoryEntry(at=now, kind="step-decided", actor=decided_by, step=step, decision=decision,
                             reason=reason)
        if decision is Decision.REJECT:
            self.status, self.current_step = Status.REJECTED, None
            self._record(entry, decided, ev.HouseholdRejected(self.id, self.divisions, step, reason, now))
        elif decision is Decision.SEND_BACK:
            self.status, self.current_step = Status.SENT_BACK, None
            self._record(entry, decided)
        elif step is Step.PREFECTURE_REGISTRATION:
            self.status, self.current_step, self.registered_at = Status.REGISTERED, None, now
            self._record(entry, decided)
            self._registered(now)
        else:
            if step is Step.VILLAGE_DISCUSSION:
                # The meeting agreed; the list goes up on the notice board today.
                self.notice_ends_on = local_date(now) + timedelta(days=rules.notice_days)
            self.current_step = NEXT_STEP[step]
            self._record(entry, decided)

    def _require_notice_over(self, now: datetime) -> None:
        if self.notice_ends_on is not None and local_date(now) < self.notice_ends_on:
            raise FailedPrecondition(f"household {self.id} is on public notice until {self.notice_ends_on}; "
                                     f"the township may review it from that day")

    def on_notice(self, now: datetime) -> bool:
        return (self.status is Status.PENDING and self.current_step is Step.TOWNSHIP_REVIEW
                and self.notice_ends_on is not None and local_date(now) < self.notice_ends_on)

    def record_objection(self, text: str, recorded_by: str, now: datetime) -> None:
        if not self.on_notice(now):
            raise FailedPrecondition(f"household {self.id} is not on public notice "
                                     f"({self.status.value}{', step ' + self.current_step.value if self.current_step else ''}); "
                                     "objections are recorded during the notice period")
        self.objections.append(Objection(text, recorded_by, now))
        self._record(HistoryEntry(at=now, kind="objection-recorded", actor=recorded_by, step=Step.VILLAGE_DISCUSSION,
                                  reason=text))

    def resubmit(self, corrected: HouseholdFile, submitted_by: str, now: datetime) -> None:
        self._require({Status.SENT_BACK}, "be resubmitted (only a household sent back can be)")
        self.file, self.divisions, self.members_changed = corrected, path_of_village(corrected.village_code), True
        self.status, self.current_step = Status.PENDING, Step.VILLAGE_VERIFICATION
        self.notice_ends_on, self.objections, self.submitted_at = None, [], now
        self._record(HistoryEntry(at=now, kind="resubmitted", actor=submitted_by, step=Step.APPLICATION,
                                  decision=Decision.APPROVE),
                     ev.HouseholdSubmitted(self.id, self.divisions, self.category, self.size, now,
                                           self.via_county_system))

    def _registered(self, now: datetime) -> None:
        self.events.append(ev.HouseholdRegistered(
            household_id=self.id, divisions=self.divisions, category=self.category, member_count=self.size,
            registered_at=now, able_to_work_count=self.file.able_to_work_count,
            entry_income_per_capita_fen=self.file.income_per_capita_fen))
        self.new_history.append(HistoryEntry(at=now, kind="registered"))

    # -- dynamic management ----------------------------------------------
    def record_survey(self, survey: Survey, previous_year: Survey | None, rules: Rules) -> None:
        self._require({Status.REGISTERED, Status.EXIT_PROPOSED, Status.EXITED}, "be surveyed before it is registered")
        self._record(HistoryEntry(at=survey.recorded_at, kind="survey-recorded", actor=survey.recorded_by,
                                  survey_id=survey.id, year=survey.year),
                     ev.SurveyRecorded(self.id, self.divisions, survey.id, survey.year, survey.household_size,
                                       survey.income, survey.per_capita_fen, survey.guarantees, survey.hardship,
                                       survey.supersedes_survey_id, survey.recorded_at))
        if self.status is Status.EXITED:
            previous = previous_year.per_capita_fen if previous_year else None
            self._watch(risk_after_exit(survey.per_capita_fen, survey.guarantees, survey.hardship, previous, rules),
                        survey, survey.recorded_at)

    def _watch(self, finding: RiskFinding | None, survey: Survey, now: datetime) -> None:
        if finding is None:
            if self.risk is not None:
                self._clear_risk(f"survey {survey.year} shows no risk", now)
            return
        if self.risk is not None and (self.risk.category, self.risk.rule) == (finding.category, finding.rule):
            return
        self.risk = RiskFlag(finding.category, finding.rule, finding.evidence, now)
        self._record(HistoryEntry(at=now, kind="risk-flagged", reason=f"{finding.rule}: {finding.evidence}",
                                  survey_id=survey.id, year=survey.year),
                     ev.RiskFlagged(self.id, self.divisions, finding.category, finding.rule, finding.evidence, now))

    def _clear_risk(self, reason: str, now: datetime) -> None:
        self.risk = None
        self._record(HistoryEntry(at=now, kind="risk-cleared", reason=reason),
                     ev.RiskCleared(self.id, self.divisions, reason, now))

    def propose_exit(self, latest: Survey | None, proposed_by: str, now: datetime, rules: Rules) -> None:
        self._require({Status.REGISTERED}, "be proposed for exit")
        if latest is None:
            raise FailedPrecondition(f"household {self.id} has no survey; exit needs the latest survey to meet "
                                     "the exit rule")
        if not latest.meets_exit_rule(rules):
            raise FailedPrecondition(
                f"the latest survey ({latest.year}) does not meet the exit rule: per-capita net income "
                f"{yuan(latest.per_capita_fen)} (needs at least {yuan(rules.exit_line_fen)}), basic guarantees "
                f"{'met' if latest.guarantees.all_met else 'not all met'}")
        self.status, self.current_step = Status.EXIT_PROPOSED, Step.EXIT_VILLAGE_CONFIRMATION
        self._record(HistoryEntry(at=now, kind="exit-proposed", actor=proposed_by, survey_id=latest.id,
                                  year=latest.year),
                     ev.ExitProposed(self.id, self.divisions, latest.year, latest.per_capita_fen, now))

    def confirm_exit(self, step: Step, decision: Decision, reason: str, decided_by: str, latest: Survey | None,
                     now: datetime, rules: Rules) -> None:
        if step not in (Step.EXIT_VILLAGE_CONFIRMATION, Step.EXIT_COUNTY_CONFIRMATION):
            raise InvalidArgument([FieldViolation("step", "must be exit_village_confirmation or "
                                                          "exit_county_confirmation")])
        if decision is Decision.SEND_BACK:
            raise InvalidArgument([FieldViolation("decision", "an exit is approved or rejected")])
        if self.status is not Status.EXIT_PROPOSED or self.current_step is not step:
            where = f"at step {self.current_step.value}" if self.current_step else "with no exit step pending"
            raise FailedPrecondition(f"household {self.id} is {self.status.value} {where}; cannot decide {step.value}")
        entry = HistoryEntry(at=now, kind="step-decided", actor=decided_by, step=step, decision=decision,
                             reason=reason)
        decided = ev.StepDecided(self.id, self.divisions, step, decision, reason, decided_by, now)
        if decision is Decision.REJECT:
            self.status, self.current_step = Status.REGISTERED, None
            self._record(entry, decided)
        elif step is Step.EXIT_VILLAGE_CONFIRMATION:
            self.current_step = Step.EXIT_COUNTY_CONFIRMATION
            self._record(entry, decided)
        else:
            if latest is None or not latest.meets_exit_rule(rules):
                raise FailedPrecondition(f"household {self.id}: the latest survey no longer meets the exit rule")
            self.status, self.current_step, self.exited_at = Status.EXITED, None, now
            self._record(entry, decided)
            self._record(HistoryEntry(at=now, kind="exited", year=latest.year),
                         ev.HouseholdExited(self.id, self.divisions, latest.year, self.size,
                                            latest.per_capita_fen, now))

    def return_to_poverty(self, latest: Survey | None, reason: str, decided_by: str, now: datetime) -> None:
        self._require({Status.EXITED}, "return to poverty (only an exited household can)")
        if self.risk is None:
            raise FailedPrecondition(f"household {self.id} is exited and not flagged at risk; a return to poverty "
                                     "follows a risk flag")
        year = latest.year if latest else local_date(now).year
        per_capita = latest.per_capita_fen if latest else 0
        self.status, self.exited_at = Status.REGISTERED, None
        self._record(HistoryEntry(at=now, kind="returned-to-poverty", actor=decided_by, reason=reason, year=year),
                     ev.ReturnedToPoverty(self.id, self.divisions, year, self.size, per_capita, now))
        self._clear_risk("returned to poverty: back in the register", now)


# -- factories --------------------------------------------------------------
def new_household_id() -> str:
    return str(uuid.uuid4())


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def check_actor(value: str, at: str, violations: list[FieldViolation]) -> None:
    if not value.strip():
        violations.append(FieldViolation(at, "is required (the account deciding)"))
    elif len(value) > MAX_ACTOR_LENGTH:
        violations.append(FieldViolation(at, f"must be at most {MAX_ACTOR_LENGTH} characters"))


def check_reason(value: str, required: bool, violations: list[FieldViolation]) -> None:
    if required and not value.strip():
        violations.append(FieldViolation("reason", "is required to reject or send back"))
    elif len(value) > MAX_REASON_LENGTH:
        violations.append(FieldViolation("reason", f"must be at most {MAX_REASON_LENGTH} characters"))


def parse_step(value: str, violations: list[FieldViolation]) -> Step | None:
    return parse_enum(Step, value, "step", violations)


def parse_decision(value: str, violations: list[FieldViolation]) -> Decision | None:
    return parse_enum(Decision, value, "decision", violations)


def submitted(household_id: str, household_file: HouseholdFile, submitted_by: str, now: datetime,
              via_county_system: bool = False) -> Household:
    household = Household(id=household_id or new_household_id(), divisions=path_of_village(household_file.village_code),
                          file=household_file, status=Status.PENDING, submitted_at=now,
                          current_step=Step.VILLAGE_VERIFICATION, via_county_system=via_county_system,
                          members_changed=True)
    household._record(HistoryEntry(at=now, kind="submitted", actor=submitted_by, step=Step.APPLICATION,
                                   decision=Decision.APPROVE),
                      ev.HouseholdSubmitted(household.id, household.divisions, household.category, household.size,
                                            now, via_county_system))
    return household


def registered_directly(household_id: str, household_file: HouseholdFile, now: datetime) -> Household:
    household = Household(id=household_id or new_household_id(), divisions=path_of_village(household_file.village_code),
                          file=household_file, status=Status.REGISTERED, registered_at=now, submitted_at=now,
                          members_changed=True)
    household.new_history.append(HistoryEntry(at=now, kind="migrated", reason="approval chain completed outside the system"))
    household._registered(now)
    return household


def register(household_id: str, village_code: str, category: str,
             members: list[tuple[str, str, str, str, str]], now: datetime, rules: Rules | None = None) -> Household:
    """A household registered at once (migration). Raises InvalidArgument listing every problem."""
    violations: list[FieldViolation] = []
    if household_id and not is_uuid(household_id):
        violations.append(FieldViolation("household_id", "must be a UUID when given"))
    raw = FileInput(village_code=village_code, category=category,
                    members=tuple(MemberInput(*m) for m in members))
    household_file = parse_file(raw, local_date(now), rules or Rules(), False, violations)
    collect(violations)
    return registered_directly(household_id, household_file, now)  # type: ignore[arg-type]


def duplicate_people(household_file: HouseholdFile, holders: dict[str, tuple[str, str]],
                     own_id: str = "") -> list[FieldViolation]:
    """`holders`: ID number -> (household id, village code) of active households holding it."""
    found = []
    for n, member in enumerate(household_file.members):
        holder = holders.get(member.national_id) if member.national_id else None
        if holder and holder[0] != own_id:
            found.append(FieldViolation(f"members[{n}].national_id",
                                        f"this person is already a member of active household {holder[0]} "
                                        f"in village {holder[1]}"))
    return found


def new_survey(household: Household, year: int, income: Income, guarantees: Guarantees, hardship: Hardship,
               household_size: int, recorded_by: str, corrects: str, now: datetime,
               violations: list[FieldViolation]) -> Survey | None:
    this_year = local_date(now).year
    if not FIRST_SURVEY_YEAR <= year <= this_year:
        violations.append(FieldViolation("year", f"must be between {FIRST_SURVEY_YEAR} and {this_year}"))
    for name in ("wages_fen", "farming_fen", "business_fen", "property_fen", "transfers_fen", "costs_fen"):
        value = getattr(income, name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000_000:
            violations.append(FieldViolation(f"income.{name}", "must be an integer between 0 and 10000000000 fen"))
    size = household_size or household.size
    if not 1 <= size <= 30:
        violations.append(FieldViolation("household_size", "must be between 1 and 30"))
    check_actor(recorded_by, "recorded_by", violations)
    if violations:
        return None
    return Survey(id=str(uuid.uuid4()), household_id=household.id, year=year, household_size=size, income=income,
                  guarantees=guarantees, hardship=hardship, recorded_by=recorded_by, recorded_at=now,
                  supersedes_survey_id=corrects)
