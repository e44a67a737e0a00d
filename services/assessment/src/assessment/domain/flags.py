"""Accountability rules: which flags should be in force given a village's facts.
Pure and complete: the service compares this set with the flags stored for the
village and raises what is new and clears what no longer holds."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from assessment.domain.model import FlagSpec, Household, VillageFacts
from assessment.domain.rubric import Accountability
from assessment.domain.scoring import decimal_text

FALSE_DATA = "false-data"
FLAG_NAMESPACE = uuid.UUID("5b0d1e3c-6f0a-4c59-9a57-5d3a0c1f2e7b")


def flag_id(spec: FlagSpec) -> str:
    """Deterministic: the same finding gets the same id in a rebuild."""
    return str(uuid.uuid5(FLAG_NAMESPACE, f"{spec.target_kind}|{spec.target_id}|{spec.rule}|{spec.subject}"))


def is_false_data(rule: str) -> bool:
    return rule.startswith(FALSE_DATA)


def _survey_flags(village: str, household: Household, rules: Accountability) -> list[FlagSpec]:
    found = []
    effective = household.effective_surveys()
    tolerance = rules.income_arithmetic_tolerance_fen
    for survey in effective.values():
        if abs(survey.income_components_fen - survey.net_income_fen) > tolerance or \
                abs(survey.per_capita_net_income_fen * survey.household_size - survey.net_income_fen) > \
                tolerance + survey.household_size:
            found.append(FlagSpec("village", village, f"{FALSE_DATA}/survey-arithmetic", survey.survey_id,
                                  f"survey {survey.survey_id} ({survey.year}): income components net "
                                  f"{survey.income_components_fen} fen, net income {survey.net_income_fen} fen, "
                                  f"per capita {survey.per_capita_net_income_fen} fen x {survey.household_size} "
                                  f"people do not agree", survey.at))
        previous = effective.get(survey.year - 1)
        if previous is not None and previous.per_capita_net_income_fen > 0 and \
                survey.per_capita_net_income_fen > rules.max_yearly_income_ratio * previous.per_capita_net_income_fen:
            ratio = decimal_text(rules.max_yearly_income_ratio)
            found.append(FlagSpec("village", village, f"{FALSE_DATA}/income-contradicts-history", survey.survey_id,
                                  f"household {household.household_id}: per-capita income "
                                  f"{survey.per_capita_net_income_fen} fen in {survey.year} is more than {ratio}x "
                                  f"{previous.per_capita_net_income_fen} fen in {previous.year}", max(survey.at, previous.at)))
        if household.registered and \
                abs(survey.household_size - household.people) > rules.max_household_size_difference:
            found.append(FlagSpec("village", village, f"{FALSE_DATA}/size-contradicts-registry", survey.survey_id,
                                  f"survey {survey.survey_id} ({survey.year}) counts {survey.household_size} "
                                  f"people; the registry registered {household.people}",
                                  max(survey.at, household.registered_at or survey.at)))
    return found


def village_flags(facts: VillageFacts, rules: Accountability) -> list[FlagSpec]:
    """Every flag this village's facts call for, as of its latest fact or the
    latest clock tick, whichever is later."""
    village = facts.divisions.village_code
    as_of = facts.as_of
    found: list[FlagSpec] = []
    registered = len(facts.registered)
    for household in facts.households:
        found += _survey_flags(village, household, rules)
    for project in facts.projects:
        if project.poor_households > registered:
            found.append(FlagSpec("village", village, f"{FALSE_DATA}/count-contradicts-registry", project.project_id,
                                  f"project {project.project_id} counts {project.poor_households} poor households; "
                                  f"the village has {registered} registered", project.at))
    if as_of is not None:
        found += _time_flags(facts, rules, as_of)
    for month in facts.attendance:
        if month.days_absent_without_leave > rules.absent_without_leave_days_per_month:
            found.append(FlagSpec("cadre", month.cadre_id, "absent-without-leave", month.month,
                                  f"{month.days_absent_without_leave} days absent without leave in {month.month} "
                                  f"(allowed {rules.absent_without_leave_days_per_month}; summary revision "
                                  f"{month.revision}) in village {village}", month.at))
    for inspection in facts.inspections:
        if not inspection.passed:
            found.append(FlagSpec("cadre", inspection.cadre_id, "absent-at-inspection", inspection.inspection_id,
                                  f"inspection {inspection.inspection_id} on {inspection.inspected_on.isoformat()} "
                                  f"found the cadre absent without leave from village {village}", inspection.at))
    return found


def _time_flags(facts: VillageFacts, rules: Accountability, as_of: datetime) -> list[FlagSpec]:
    village = facts.divisions.village_code
    found = []
    idle_limit = timedelta(days=rules.funds_idle_days)
    for allocation in facts.allocations:
        if allocation.first_disbursed_at is None and as_of - allocation.at > idle_limit:
            found.append(FlagSpec("village", village, "funds-idle", allocation.allocation_id,
                                  f"allocation {allocation.allocation_id} of {allocation.amount_fen} fen "
                                  f"({allocation.source_kind}) allocated {allocation.at.isoformat()}: nothing "
                                  f"disbursed for more than {rules.funds_idle_days} days as of {as_of.isoformat()}",
                                  allocation.at + idle_limit))
    unattended = timedelta(days=rules.risk_unattended_days)
    for household in facts.registered:
        since = household.open_risk_since
        if since is not None and as_of - since > unattended:
            found.append(FlagSpec("village", village, "risk-unattended", household.household_id,
                                  f"household {household.household_id} at risk of returning to poverty since "
                                  f"{since.isoformat()}, not cleared after {rules.risk_unattended_days} days "
                                  f"as of {as_of.isoformat()}", since + unattended))
    return found


def grade_flag(kind: str, target_id: str, score_centi: int, grade_by_score: str, version: str,
               as_of: datetime | None) -> FlagSpec | None:
    if grade_by_score != "poor":
        return None
    return FlagSpec(kind, target_id, "grade-poor", "",
                    f"score {score_centi // 100}.{score_centi % 100:02d} is below the 'average' threshold "
                    f"(rubric {version})", as_of)
