"""One function per command. Each opens its own unit of work; validation
collects every problem before anything is written."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from chassis.errors import (AlreadyExists, FailedPrecondition, FieldViolation, InvalidArgument, NotFound,
                            ServiceError, collect)
from chassis.security.jurisdiction import is_division_code
from chassis.security.policy import Decision as Verdict, decide

from registry.domain import commands, model
from registry.domain.divisions import Division, problems_with
from registry.domain.events import SubmissionDecided
from registry.domain.household_file import HouseholdFile, parse_enum, parse_file
from registry.domain.model import Household, local_date
from registry.domain.rules import Rules
from registry.domain.vocabulary import Decision, DivisionLevel
from registry.service_layer import security
from registry.service_layer.security import gate, household_entry, snapshot
from registry.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def division_codes(raw: commands.FileInput) -> list[str]:
    return [c for c in (raw.village_code.strip(), raw.natural_village_code.strip()) if c]


def _divisions_violations(household_file: HouseholdFile, known: dict[str, Division]) -> list[FieldViolation]:
    """The division table is the source of truth for which villages exist."""
    found = []
    village = known.get(household_file.village_code)
    if village is None or village.level is not DivisionLevel.VILLAGE:
        found.append(FieldViolation("village_code", f"unknown village {household_file.village_code} "
                                                    "(not in the division table)"))
    if household_file.natural_village_code:
        natural = known.get(household_file.natural_village_code)
        if natural is None or natural.level is not DivisionLevel.NATURAL_VILLAGE or \
                natural.parent_code != household_file.village_code:
            found.append(FieldViolation("natural_village_code", f"{household_file.natural_village_code} is not a "
                                                                f"natural village of {household_file.village_code}"))
    return found


def file_problems(raw: commands.FileInput, household_id: str, strict: bool, known: dict[str, Division],
                   rules: Rules, now: datetime) -> tuple[HouseholdFile | None, list[FieldViolation]]:
    """Parses the file and checks it against the divisions (`known`, loaded by
    the caller: one query for a whole batch). Returns every problem found."""
    violations: list[FieldViolation] = []
    if household_id and not model.is_uuid(household_id):
        violations.append(FieldViolation("household_id", "must be a UUID when given"))
    household_file = parse_file(raw, local_date(now), rules, strict, violations)
    if household_file is not None:
        violations += _divisions_violations(household_file, known)
    elif raw.village_code.strip() and not any(v.field == "village_code" for v in violations):
        violations += _village_only(raw.village_code.strip(), known)
    return (household_file if not violations else None), violations


def _parse_checked(raw: commands.FileInput, household_id: str, strict: bool, uow: UnitOfWork, rules: Rules,
                   now: datetime) -> HouseholdFile:
    """Parses the file and checks it against the divisions and the people
    already registered; raises with every problem found."""
    household_file, violations = file_problems(raw, household_id, strict, uow.divisions.get_many(
        division_codes(raw)), rules, now)
    collect(violations)
    assert household_file is not None
    duplicates = model.duplicate_people(household_file, uow.households.holders(household_file.id_numbers),
                                        own_id=household_id)
    if duplicates:
        raise model.DuplicatePerson(duplicates)
    return household_file


def _village_only(code: str, known: dict[str, Division]) -> list[FieldViolation]:
    village = known.get(code)
    if village is None or village.level is not DivisionLevel.VILLAGE:
        return [FieldViolation("village_code", f"unknown village {code} (not in the division table)")]
    return []


def _commit(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError as exc:
        # Another transaction took one of these people (or this id) first.
        raise AlreadyExists("a member or the household id was registered concurrently by another request; "
                            "retry to see which") from exc


REGISTER = "registry.household.register"
SUBMIT = "registry.household.submit"


def register_household(command: commands.RegisterHousehold, uow: UnitOfWork, rules: Rules = Rules(),
                       clock: Clock = utc_now) -> str:
    now = clock()
    gate(command.actor, REGISTER, command.village_code.strip())
    with uow:
        if command.household_id and model.is_uuid(command.household_id):
            existing = uow.households.get(command.household_id)
            if existing is not None:
                gate(command.actor, REGISTER, existing.divisions.village)
                # A retry of a call that already succeeded: same answer, no second event.
                return command.household_id
        household_file = _parse_checked(command.file, command.household_id, False, uow, rules, now)
        household = model.registered_directly(command.household_id, household_file, now)
        uow.households.add(household)
        uow.audit(household_entry(command.actor, REGISTER, None, household))
        _commit(uow)
    return household.id


def submit_household(command: commands.SubmitHousehold, uow: UnitOfWork, rules: Rules = Rules(),
                     clock: Clock = utc_now) -> str:
    now = clock()
    gate(command.actor, SUBMIT, command.file.village_code.strip())
    with uow:
        if command.household_id and model.is_uuid(command.household_id):
            existing = uow.households.get(command.household_id)
            if existing is not None:
                gate(command.actor, SUBMIT, existing.divisions.village)
                return command.household_id
        household = _new_submission(command, uow, rules, now)
        uow.households.add(household)
        uow.audit(household_entry(command.actor, SUBMIT, None, household))
        _commit(uow)
    return household.id


def _new_submission(command: commands.SubmitHousehold, uow: UnitOfWork, rules: Rules, now: datetime) -> Household:
    problems: list[FieldViolation] = []
    model.check_actor(command.submitted_by, "submitted_by", problems)
    try:
        household_file = _parse_checked(command.file, command.household_id, True, uow, rules, now)
    except InvalidArgument as error:
        raise InvalidArgument(problems + error.violations) from None
    collect(problems)
    return model.submitted(command.household_id, household_file, command.submitted_by, now,
                           command.via_county_system)


def _load(uow: UnitOfWork, household_id: str, actor: security.Principal | None, *actions: str) -> Household:
    """The household, locked, once the caller may perform `actions` on it: a
    caller who may not learns nothing, not even whether it exists."""
    household = uow.households.get(household_id, for_update=True) if household_id else None
    for action in actions:
        gate(actor, action, household.divisions.village if household is not None else None)
    if household is None:
        raise NotFound(f"household {household_id!r} not found")
    return household


def _changed(uow: UnitOfWork, actor: security.Principal | None, action: str, before: dict | None,
             household: Household) -> None:
    uow.households.save(household)
    uow.audit(household_entry(actor, action, before, household))
    _commit(uow)


def decide_step(command: commands.DecideStep, uow: UnitOfWork, rules: Rules = Rules(),
                clock: Clock = utc_now) -> Household:
    violations: list[FieldViolation] = []
    step = model.parse_step(command.step, violations)
    decision = model.parse_decision(command.decision, violations)
    model.check_actor(command.decided_by, "decided_by", violations)
    model.check_reason(command.reason, decision in (Decision.REJECT, Decision.SEND_BACK), violations)
    collect(violations)
    now = clock()
    with uow:
        action = f"registry.step.decide.{step.value}"  # type: ignore[union-attr]
        household = _load(uow, command.household_id, command.actor, action)
        before = snapshot(household)
        household.decide(step, decision, command.reason.strip(), command.decided_by, now, rules)  # type: ignore[arg-type]
        _changed(uow, command.actor, action, before, household)
    return household


OBJECTION = "registry.objection.record"
RESUBMIT = "registry.household.resubmit"
SURVEY = "registry.survey.record"
PROPOSE_EXIT = "registry.exit.propose"
CONFIRM_EXIT = "registry.exit.confirm"
RETURN = "registry.household.return_to_poverty"
LOAD_DIVISIONS = "registry.division.load"
INGEST = "registry.submission.ingest"


def record_objection(command: commands.RecordObjection, uow: UnitOfWork, clock: Clock = utc_now) -> Household:
    violations: list[FieldViolation] = []
    if not command.text.strip() or len(command.text) > model.MAX_REASON_LENGTH:
        violations.append(FieldViolation("text", f"is required, at most {model.MAX_REASON_LENGTH} characters"))
    model.check_actor(command.recorded_by, "recorded_by", violations)
    collect(violations)
    with uow:
        household = _load(uow, command.household_id, command.actor, OBJECTION)
        before = snapshot(household)
        household.record_objection(command.text.strip(), command.recorded_by, clock())
        _changed(uow, command.actor, OBJECTION, before, household)
    return household


def resubmit_household(command: commands.ResubmitHousehold, uow: UnitOfWork, rules: Rules = Rules(),
                       clock: Clock = utc_now) -> Household:
    now = clock()
    problems: list[FieldViolation] = []
    model.check_actor(command.submitted_by, "submitted_by", problems)
    collect(problems)
    with uow:
        household = _load(uow, command.household_id, command.actor, RESUBMIT)
        # The corrected file may not move the household out of the caller's reach.
        gate(command.actor, RESUBMIT, command.file.village_code.strip())
        before = snapshot(household)
        if household.status.value != "sent_back":
            household.resubmit(household.file, command.submitted_by, now)  # raises FailedPrecondition
        corrected = _parse_checked(command.file, household.id, True, uow, rules, now)
        household.resubmit(corrected, command.submitted_by, now)
        _changed(uow, command.actor, RESUBMIT, before, household)
    return household


def record_survey(command: commands.RecordSurvey, uow: UnitOfWork, rules: Rules = Rules(),
                  clock: Clock = utc_now) -> model.Survey:
    now = clock()
    with uow:
        household = _load(uow, command.household_id, command.actor, SURVEY)
        before = snapshot(household)
        violations: list[FieldViolation] = []
        survey = model.new_survey(household, command.year, command.income, command.guarantees, command.hardship,
                                  command.household_size, command.recorded_by, command.corrects_survey_id, now,
                                  violations)
        collect(violations)
        assert survey is not None
        current = uow.surveys.current_for_year(household.id, command.year)
        if current is not None and command.corrects_survey_id != current.id:
            raise FailedPrecondition(f"household {household.id} already has survey {current.id} for {command.year}; "
                                     "to correct it, send corrects_survey_id with that id")
        if current is None and command.corrects_survey_id:
            raise FailedPrecondition(f"survey {command.corrects_survey_id} is not the current {command.year} "
                                     f"survey of household {household.id}")
        household.record_survey(survey, uow.surveys.latest(household.id, before_year=command.year), rules)
        uow.surveys.add(survey)
        uow.households.save(household)
        uow.audit(security.entry(command.actor, SURVEY, "household", household.id, household.divisions.village,
                                 before, {**(snapshot(household) or {}), "survey_id": survey.id,
                                          "year": survey.year, "corrects": command.corrects_survey_id or None}))
        _commit(uow)
    return survey


def propose_exit(command: commands.ProposeExit, uow: UnitOfWork, rules: Rules = Rules(),
                 clock: Clock = utc_now) -> Household:
    violations: list[FieldViolation] = []
    model.check_actor(command.proposed_by, "proposed_by", violations)
    collect(violations)
    with uow:
        household = _load(uow, command.household_id, command.actor, PROPOSE_EXIT)
        before = snapshot(household)
        household.propose_exit(uow.surveys.latest(household.id), command.proposed_by, clock(), rules)
        _changed(uow, command.actor, PROPOSE_EXIT, before, household)
    return household


def confirm_exit(command: commands.ConfirmExit, uow: UnitOfWork, rules: Rules = Rules(),
                 clock: Clock = utc_now) -> Household:
    violations: list[FieldViolation] = []
    step = model.parse_step(command.step, violations)
    decision = model.parse_decision(command.decision, violations)
    model.check_actor(command.decided_by, "decided_by", violations)
    model.check_reason(command.reason, decision is Decision.REJECT, violations)
    collect(violations)
    with uow:
        # The coarse gate, then the one of the step being confirmed (village or county).
        step_action = f"registry.step.decide.{step.value}"  # type: ignore[union-attr]
        household = _load(uow, command.household_id, command.actor, CONFIRM_EXIT, step_action)
        before = snapshot(household)
        household.confirm_exit(step, decision, command.reason.strip(), command.decided_by,  # type: ignore[arg-type]
                               uow.surveys.latest(household.id), clock(), rules)
        _changed(uow, command.actor, step_action, before, household)
    return household


def return_to_poverty(command: commands.ReturnToPoverty, uow: UnitOfWork, clock: Clock = utc_now) -> Household:
    violations: list[FieldViolation] = []
    model.check_actor(command.decided_by, "decided_by", violations)
    model.check_reason(command.reason, True, violations)
    collect(violations)
    with uow:
        household = _load(uow, command.household_id, command.actor, RETURN)
        before = snapshot(household)
        household.return_to_poverty(uow.surveys.latest(household.id), command.reason.strip(), command.decided_by,
                                    clock())
        _changed(uow, command.actor, RETURN, before, household)
    return household


def load_divisions(command: commands.LoadDivisions, uow: UnitOfWork) -> tuple[int, int]:
    """Adds new divisions and renames known ones; parents may come earlier in
    the same batch. A known code cannot change level or parent."""
    security.gate_all(command.actor, LOAD_DIVISIONS,
                      {f"divisions[{n}].code": d.code.strip() for n, d in enumerate(command.divisions)})
    violations: list[FieldViolation] = []
    parsed: list[Division] = []
    for n, raw in enumerate(command.divisions):
        level = parse_enum(DivisionLevel, raw.level, f"divisions[{n}].level", violations)
        if level is not None:
            parsed.append(Division(raw.code.strip(), raw.name.strip(), level, raw.parent_code.strip()))
    if not command.divisions:
        violations.append(FieldViolation("divisions", "send at least one division"))
    collect(violations)
    added = updated = 0
    with uow:
        known = uow.divisions.get_many(sorted({d.code for d in parsed} | {d.parent_code for d in parsed}))
        batch: dict[str, Division] = {}
        for n, division in enumerate(parsed):
            parent = batch.get(division.parent_code) or known.get(division.parent_code)
            found = problems_with(division, parent, f"divisions[{n}]")
            existing = known.get(division.code) or batch.get(division.code)
            if existing and (existing.level, existing.parent_code) != (division.level, division.parent_code):
                found.append(FieldViolation(f"divisions[{n}].code", f"{division.code} exists as a "
                                            f"{existing.level.value} under {existing.parent_code or 'nothing'}"))
            violations += found
            if not found:
                batch[division.code] = division
        collect(violations)
        for code, division in batch.items():
            if code in known:
                if known[code].name != division.name:
                    uow.divisions.rename(code, division.name)
                    updated += 1
            else:
                uow.divisions.add(division)
                added += 1
        if added or updated:
            uow.audit(security.entry(command.actor, LOAD_DIVISIONS, "divisions", f"{added}+{updated}", None, None,
                                     {"codes": sorted(batch)[:1000], "added": added, "updated": updated}))
        uow.commit()
    return added, updated


def ingest_submission(command: commands.IngestSubmission, uow: UnitOfWork, rules: Rules = Rules(),
                      clock: Clock = utc_now) -> bool:
    """Exactly one result per submission id: accepted (with the household, in
    the same transaction) or rejected with every reason. A submission id seen
    before gets its stored result again and changes nothing."""
    now = clock()
    with uow:
        if not uow.begin_inbound(command.event_id):
            return False
        known = uow.submissions.get(command.submission_id)
        if known is not None:
            uow.pending_events.append(known)
            uow.commit()
            return True
        reasons: list[tuple[str, str]] = []
        household = None
        if command.undecodable_reason:
            reasons.append(("", command.undecodable_reason))
        elif command.sender is None:
            reasons.append(("authorization", command.unauthenticated_reason or "no verified sender"))
        elif not (verdict := _ingest_verdict(command)).allowed:
            reasons.append(("authorization", verdict.reason))
        else:
            assert command.submit is not None
            try:
                household = _new_submission(command.submit, uow, rules, now)
            except (InvalidArgument, model.DuplicatePerson) as error:
                reasons += [(_under_household(v.field), v.description) for v in error.violations]
            except ServiceError as error:
                reasons.append(("", error.message))
            if not command.county_system_id.strip():
                reasons.append(("county_system_id", "is required"))
                household = None
        result = SubmissionDecided(command.submission_id, command.county_system_id,
                                   accepted=household is not None and not reasons,
                                   household_id=household.id if household is not None and not reasons else "",
                                   reasons=tuple(reasons), decided_at=now)
        if result.accepted:
            uow.households.add(household)  # type: ignore[arg-type]
            uow.audit(household_entry(command.sender, INGEST, None, household))  # type: ignore[arg-type]
        uow.submissions.add(result)
        uow.pending_events.append(result)
        uow.commit()
    return True


def _ingest_verdict(command: commands.IngestSubmission) -> Verdict:
    """May the sender submit for this village? A malformed village code is
    judged against the sender's own county: the validation reasons then say
    what is wrong with it."""
    assert command.sender is not None
    village = command.submit.file.village_code.strip() if command.submit else ""
    return decide(command.sender, INGEST, village if is_division_code(village) else command.sender.jurisdiction)


def _under_household(field: str) -> str:
    """Reasons name fields as paths in the CountySubmission message."""
    return field if field in ("submitted_by", "household_id") else f"household.{field}"
