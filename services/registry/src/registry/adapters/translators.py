"""Protobuf <-> domain. The only module that knows both shapes."""
from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from shuangdao.common.v1 import divisions_pb2
from shuangdao.registry.v1 import events_pb2, ingest_pb2, registry_pb2

from chassis.kafka import Envelope
from chassis.outbox import OutgoingEvent

from registry.domain import batch, commands, events, model
from registry.domain.divisions import Division, DivisionPath
from registry.domain.rules import Guarantees, Hardship, Income
from registry.domain.vocabulary import Status
from registry.service_layer import views

SOURCE = "shuangdao/registry"


# Looked up for every member of every registration; bounded, since a caller
# may send any number.
@functools.lru_cache(maxsize=1024)
def enum_to_word(wrapper: EnumTypeWrapper, prefix: str, number: int) -> str:
    """CATEGORY_ABLE_TO_WORK -> "able_to_work"; UNSPECIFIED -> ""; unknown numbers are kept visible."""
    try:
        name = wrapper.Name(number)
    except ValueError:
        return f"unknown({number})"
    return "" if name.endswith("_UNSPECIFIED") else name.removeprefix(prefix).lower()


def word_to_enum(wrapper: EnumTypeWrapper, prefix: str, word: str) -> int:
    return wrapper.Value(prefix + word.upper()) if word and word != "unspecified" else 0


def stamp(moment: datetime | None) -> str:
    return moment.isoformat().replace("+00:00", "Z") if moment else ""


# -- requests -> commands ----------------------------------------------------
def income_of(message: registry_pb2.Income | events_pb2.IncomeComponents) -> Income:
    return Income(message.wages_fen, message.farming_fen, message.business_fen, message.property_fen,
                  message.transfers_fen, message.costs_fen)


def member_input(m: registry_pb2.Member) -> commands.MemberInput:
    return commands.MemberInput(
        name=m.name, national_id=m.national_id,
        relation=enum_to_word(registry_pb2.Relation, "RELATION_", m.relation),
        sex=enum_to_word(registry_pb2.Sex, "SEX_", m.sex) or "unspecified",
        birth_date=m.birth_date,
        labour_ability=enum_to_word(registry_pb2.LabourAbility, "LABOUR_ABILITY_", m.labour_ability) or "unspecified",
        health=enum_to_word(registry_pb2.Health, "HEALTH_", m.health) or "unspecified",
        disability=enum_to_word(registry_pb2.Disability, "DISABILITY_", m.disability) or "unspecified",
        schooling=enum_to_word(registry_pb2.Schooling, "SCHOOLING_", m.schooling) or "unspecified")


def file_input(m: Any) -> commands.FileInput:
    """From a HouseholdFile or a RegisterHouseholdRequest (same field names)."""
    return commands.FileInput(
        village_code=m.village_code, category=enum_to_word(registry_pb2.Category, "CATEGORY_", m.category),
        members=tuple(member_input(x) for x in m.members), natural_village_code=m.natural_village_code,
        income=income_of(m.income), land_area_m2=m.land_area_m2, housing_area_m2=m.housing_area_m2,
        housing_dilapidated=m.housing_dilapidated,
        causes=tuple(enum_to_word(registry_pb2.PovertyCause, "POVERTY_CAUSE_", c) or "unspecified"
                     for c in m.causes))


def register_command(request: registry_pb2.RegisterHouseholdRequest) -> commands.RegisterHousehold:
    f = file_input(request)
    return commands.RegisterHousehold(
        village_code=f.village_code, category=f.category, members=f.members, household_id=request.household_id,
        natural_village_code=f.natural_village_code, income=f.income, land_area_m2=f.land_area_m2,
        housing_area_m2=f.housing_area_m2, housing_dilapidated=f.housing_dilapidated, causes=f.causes)


def register_batch_command(request: registry_pb2.RegisterHouseholdsRequest) -> commands.RegisterHouseholds:
    return commands.RegisterHouseholds(tuple(register_command(h) for h in request.households))


def batch_response(results: list[batch.ItemResult]) -> registry_pb2.RegisterHouseholdsResponse:
    counts = batch.counts(results)
    return registry_pb2.RegisterHouseholdsResponse(
        results=[registry_pb2.RegisterHouseholdsResult(
            index=r.index, outcome=word_to_enum(registry_pb2.BatchOutcome, "BATCH_OUTCOME_", r.outcome.value),
            household_id=r.household_id, message=r.message,
            field_violations=[registry_pb2.FieldViolation(field=v.field, description=v.description)
                              for v in r.violations]) for r in results],
        registered_count=counts.registered, already_registered_count=counts.already_registered,
        rejected_count=counts.rejected)


def submit_command(request: registry_pb2.SubmitHouseholdRequest) -> commands.SubmitHousehold:
    return commands.SubmitHousehold(file=file_input(request.file), submitted_by=request.submitted_by,
                                    household_id=request.household_id)


def step_word(number: int) -> str:
    return enum_to_word(registry_pb2.WorkflowStep, "WORKFLOW_STEP_", number)


def decision_word(number: int) -> str:
    return enum_to_word(registry_pb2.StepDecision, "STEP_DECISION_", number)


def survey_command(r: registry_pb2.RecordSurveyRequest) -> commands.RecordSurvey:
    g = r.guarantees
    return commands.RecordSurvey(
        household_id=r.household_id, year=r.year, income=income_of(r.income),
        guarantees=Guarantees(g.food_and_clothing, g.compulsory_schooling, g.medical_insurance, g.safe_housing),
        recorded_by=r.recorded_by, hardship=Hardship(r.new_serious_illness, r.new_disability, r.disaster),
        household_size=r.household_size, corrects_survey_id=r.corrects_survey_id)


def submission_command(message: ingest_pb2.CountySubmission, event_id: str) -> commands.IngestSubmission:
    return commands.IngestSubmission(
        submission_id=message.submission_id, county_system_id=message.county_system_id, event_id=event_id,
        submit=commands.SubmitHousehold(file=file_input(message.household), submitted_by=message.submitted_by,
                                        via_county_system=True))


# -- domain -> responses -----------------------------------------------------
def divisions_message(path: DivisionPath) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=path.province, city_code=path.city, county_code=path.county,
                                      township_code=path.township, village_code=path.village)


def income_message(income: Income) -> registry_pb2.Income:
    return registry_pb2.Income(wages_fen=income.wages_fen, farming_fen=income.farming_fen,
                               business_fen=income.business_fen, property_fen=income.property_fen,
                               transfers_fen=income.transfers_fen, costs_fen=income.costs_fen)


def member_message(m: Any) -> registry_pb2.Member:
    return registry_pb2.Member(
        name=m.name, national_id=m.national_id,
        relation=word_to_enum(registry_pb2.Relation, "RELATION_", m.relation.value),
        sex=word_to_enum(registry_pb2.Sex, "SEX_", m.sex.value),
        birth_date=m.birth_date.isoformat() if m.birth_date else "",
        labour_ability=word_to_enum(registry_pb2.LabourAbility, "LABOUR_ABILITY_", m.labour_ability.value),
        health=word_to_enum(registry_pb2.Health, "HEALTH_", m.health.value),
        disability=word_to_enum(registry_pb2.Disability, "DISABILITY_", m.disability.value),
        schooling=word_to_enum(registry_pb2.Schooling, "SCHOOLING_", m.schooling.value))


def _step_number(step: Any) -> int:
    return word_to_enum(registry_pb2.WorkflowStep, "WORKFLOW_STEP_", step.value) if step else 0


def household_message(household: model.Household) -> registry_pb2.Household:
    f = household.file
    risk = household.risk
    return registry_pb2.Household(
        household_id=household.id, divisions=divisions_message(household.divisions),
        category=word_to_enum(registry_pb2.Category, "CATEGORY_", household.category.value),
        members=[member_message(m) for m in household.members], status=household.status.value,
        natural_village_code=f.natural_village_code, income=income_message(f.income), land_area_m2=f.land_area_m2,
        housing_area_m2=f.housing_area_m2, housing_dilapidated=f.housing_dilapidated,
        causes=[word_to_enum(registry_pb2.PovertyCause, "POVERTY_CAUSE_", c.value) for c in f.causes],
        current_step=_step_number(household.current_step),
        entry_income_per_capita_fen=f.income_per_capita_fen, able_to_work_count=f.able_to_work_count,
        notice_ends_on=household.notice_ends_on.isoformat() if household.notice_ends_on else "",
        objections=[registry_pb2.Objection(text=o.text, recorded_by=o.recorded_by, recorded_at=stamp(o.recorded_at))
                    for o in household.objections],
        risk=registry_pb2.RiskFlag(category=risk.category.value, rule=risk.rule, evidence=risk.evidence,
                                   flagged_at=stamp(risk.flagged_at)) if risk else None,
        submitted_at=stamp(household.submitted_at), registered_at=stamp(household.registered_at),
        exited_at=stamp(household.exited_at))


def summary_message(s: views.HouseholdSummary) -> registry_pb2.HouseholdSummary:
    return registry_pb2.HouseholdSummary(
        household_id=s.id, divisions=divisions_message(s.divisions),
        category=word_to_enum(registry_pb2.Category, "CATEGORY_", s.category.value), status=s.status.value,
        current_step=_step_number(s.current_step), member_count=s.member_count,
        able_to_work_count=s.able_to_work_count, entry_income_per_capita_fen=s.entry_income_per_capita_fen,
        natural_village_code=s.natural_village_code, risk_category=s.risk_category)


def survey_message(survey: model.Survey, meets_exit_rule: bool) -> registry_pb2.Survey:
    g, h = survey.guarantees, survey.hardship
    return registry_pb2.Survey(
        survey_id=survey.id, household_id=survey.household_id, year=survey.year,
        household_size=survey.household_size, income=income_message(survey.income),
        net_income_fen=survey.income.net_fen, per_capita_net_income_fen=survey.per_capita_fen,
        guarantees=registry_pb2.Guarantees(food_and_clothing=g.food_and_clothing,
                                           compulsory_schooling=g.compulsory_schooling,
                                           medical_insurance=g.medical_insurance, safe_housing=g.safe_housing),
        new_serious_illness=h.new_serious_illness, new_disability=h.new_disability, disaster=h.disaster,
        supersedes_survey_id=survey.supersedes_survey_id, recorded_by=survey.recorded_by,
        recorded_at=stamp(survey.recorded_at), meets_exit_rule=meets_exit_rule)


def history_message(history: views.History, rules: Any) -> registry_pb2.HouseholdHistory:
    return registry_pb2.HouseholdHistory(
        household_id=history.household_id,
        entries=[registry_pb2.HistoryEntry(
            at=stamp(e.at), kind=e.kind, step=_step_number(e.step),
            decision=word_to_enum(registry_pb2.StepDecision, "STEP_DECISION_", e.decision.value) if e.decision else 0,
            reason=e.reason, actor=e.actor, survey_id=e.survey_id, year=e.year) for e in history.entries],
        surveys=[survey_message(s, s.meets_exit_rule(rules)) for s, _superseded in history.surveys])


# -- domain events -> outbox rows ----------------------------------------------
def _guarantees_event(g: Guarantees) -> events_pb2.BasicGuarantees:
    return events_pb2.BasicGuarantees(food_and_clothing=g.food_and_clothing,
                                      compulsory_schooling=g.compulsory_schooling,
                                      medical_insurance=g.medical_insurance, safe_housing=g.safe_housing)


def _step_event(step: Any) -> int:
    return events_pb2.Step.Value("STEP_" + step.value.upper())


def _category(value: Any) -> int:
    return word_to_enum(registry_pb2.Category, "CATEGORY_", value.value)


def _payload(event: events.Event) -> tuple[str, Any, datetime | None]:
    """(type header, protobuf payload, occurred at) of a household event."""
    e: Any = event
    d = divisions_message(e.divisions) if hasattr(e, "divisions") else None
    if isinstance(event, events.HouseholdRegistered):
        return "household-registered", events_pb2.HouseholdRegistered(
            household_id=e.household_id, divisions=d, category=_category(e.category), member_count=e.member_count,
            registered_at=stamp(e.registered_at), able_to_work_count=e.able_to_work_count,
            entry_income_per_capita_fen=e.entry_income_per_capita_fen), e.registered_at
    if isinstance(event, events.HouseholdSubmitted):
        return "household-submitted", events_pb2.HouseholdSubmitted(
            household_id=e.household_id, divisions=d, category=_category(e.category), member_count=e.member_count,
            submitted_at=stamp(e.submitted_at), via_county_system=e.via_county_system), e.submitted_at
    if isinstance(event, events.StepDecided):
        return "step-decided", events_pb2.StepDecided(
            household_id=e.household_id, divisions=d, step=_step_event(e.step),
            decision=events_pb2.Decision.Value("DECISION_" + e.decision.value.upper()), reason=e.reason,
            decided_by=e.decided_by, decided_at=stamp(e.decided_at)), e.decided_at
    if isinstance(event, events.HouseholdRejected):
        return "household-rejected", events_pb2.HouseholdRejected(
            household_id=e.household_id, divisions=d, step=_step_event(e.step), reason=e.reason,
            rejected_at=stamp(e.rejected_at)), e.rejected_at
    if isinstance(event, events.SurveyRecorded):
        i = e.income
        return "survey-recorded", events_pb2.SurveyRecorded(
            household_id=e.household_id, divisions=d, survey_id=e.survey_id, year=e.year,
            household_size=e.household_size,
            income=events_pb2.IncomeComponents(wages_fen=i.wages_fen, farming_fen=i.farming_fen,
                                               business_fen=i.business_fen, property_fen=i.property_fen,
                                               transfers_fen=i.transfers_fen, costs_fen=i.costs_fen),
            net_income_fen=i.net_fen, per_capita_net_income_fen=e.per_capita_net_income_fen,
            guarantees=_guarantees_event(e.guarantees), supersedes_survey_id=e.supersedes_survey_id,
            recorded_at=stamp(e.recorded_at), new_serious_illness=e.hardship.new_serious_illness,
            new_disability=e.hardship.new_disability, disaster=e.hardship.disaster), e.recorded_at
    if isinstance(event, events.ExitProposed):
        return "exit-proposed", events_pb2.ExitProposed(
            household_id=e.household_id, divisions=d, year=e.year,
            per_capita_net_income_fen=e.per_capita_net_income_fen, proposed_at=stamp(e.proposed_at)), e.proposed_at
    if isinstance(event, events.HouseholdExited):
        return "household-exited", events_pb2.HouseholdExited(
            household_id=e.household_id, divisions=d, year=e.year, member_count=e.member_count,
            per_capita_net_income_fen=e.per_capita_net_income_fen, exited_at=stamp(e.exited_at)), e.exited_at
    if isinstance(event, events.RiskFlagged):
        return "risk-flagged", events_pb2.RiskFlagged(
            household_id=e.household_id, divisions=d,
            category=events_pb2.RiskCategory.Value("RISK_CATEGORY_" + e.category.value.upper()), rule=e.rule,
            evidence=e.evidence, flagged_at=stamp(e.flagged_at)), e.flagged_at
    if isinstance(event, events.RiskCleared):
        return "risk-cleared", events_pb2.RiskCleared(
            household_id=e.household_id, divisions=d, reason=e.reason, cleared_at=stamp(e.cleared_at)), e.cleared_at
    if isinstance(event, events.ReturnedToPoverty):
        return "returned-to-poverty", events_pb2.ReturnedToPoverty(
            household_id=e.household_id, divisions=d, year=e.year, member_count=e.member_count,
            per_capita_net_income_fen=e.per_capita_net_income_fen, returned_at=stamp(e.returned_at)), e.returned_at
    raise TypeError(f"no translation for {type(event).__name__}")


def result_message(e: events.SubmissionDecided) -> ingest_pb2.SubmissionResult:
    return ingest_pb2.SubmissionResult(
        submission_id=e.submission_id, accepted=e.accepted, household_id=e.household_id,
        reasons=[ingest_pb2.SubmissionReason(field=f, description=text) for f, text in e.reasons],
        county_system_id=e.county_system_id, decided_at=stamp(e.decided_at))


def outgoing(event: events.Event, topics: dict[str, str]) -> OutgoingEvent:
    """A domain event as the outbox row that will carry it."""
    if isinstance(event, events.SubmissionDecided):
        payload = result_message(event)
        envelope = Envelope.new(SOURCE, "submission-result", payload.DESCRIPTOR.full_name)
        return OutgoingEvent(topic=topics["result"], key=event.submission_id, envelope=envelope,
                             payload=payload.SerializeToString())
    type_, message, at = _payload(event)
    envelope = Envelope.new(SOURCE, type_, message.DESCRIPTOR.full_name, at=at)
    return OutgoingEvent(topic=topics["household"], key=event.household_id,  # type: ignore[attr-defined]
                         envelope=envelope, payload=message.SerializeToString())


def division_message(division: Division) -> registry_pb2.Division:
    return registry_pb2.Division(code=division.code, name=division.name, level=division.level.value,
                                 parent_code=division.parent_code)


def _tally(tally: views.Tally) -> registry_pb2.HouseholdTally:
    return registry_pb2.HouseholdTally(households=tally.households, people=tally.people)


def household_counts_message(counts: views.HouseholdCounts) -> registry_pb2.HouseholdCounts:
    return registry_pb2.HouseholdCounts(division=division_message(counts.division), at_risk=_tally(counts.at_risk),
                                        # every status word is a field of HouseholdCounts
                                        **{s.value: _tally(counts.of(s)) for s in Status})


def count_households_response(counts: views.DivisionCounts) -> registry_pb2.CountHouseholdsResponse:
    return registry_pb2.CountHouseholdsResponse(division=household_counts_message(counts.division),
                                                children=[household_counts_message(c) for c in counts.children])
