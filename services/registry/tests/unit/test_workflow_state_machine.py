"""The registration workflow as a state machine (no I/O)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chassis.errors import FailedPrecondition
from registry.domain import events, model
from registry.domain.commands import FileInput, MemberInput
from registry.domain.household_file import parse_file
from registry.domain.national_id import check_character
from registry.domain.rules import Rules
from registry.domain.vocabulary import Decision, Status, Step

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
RULES = Rules()


def a_file() -> model.HouseholdFile:
    head = MemberInput("Fang Ming", "44182619700101001" + check_character("44182619700101001"), "head", "male",
                       "1970-01-01", "full", "healthy", "none", "primary")
    violations: list = []
    parsed = parse_file(FileInput("441826108201", "able_to_work", (head,), causes=("lack_of_skills",)),
                        NOW.date(), RULES, True, violations)
    assert not violations
    return parsed  # type: ignore[return-value]


def through(household: model.Household, *steps: Step, at: datetime = NOW) -> None:
    for step in steps:
        household.decide(step, Decision.APPROVE, "", "official", at, RULES)


def test_a_step_out_of_order_names_the_current_state() -> None:
    household = model.submitted("", a_file(), "cadre", NOW)
    with pytest.raises(FailedPrecondition) as error:
        household.decide(Step.COUNTY_APPROVAL, Decision.APPROVE, "", "county", NOW, RULES)
    assert "pending at step village_verification" in error.value.message


def test_the_township_may_review_only_when_the_notice_period_is_over() -> None:
    household = model.submitted("", a_file(), "cadre", NOW)
    through(household, Step.VILLAGE_VERIFICATION, Step.VILLAGE_DISCUSSION)
    six_days = NOW + timedelta(days=6)
    with pytest.raises(FailedPrecondition) as error:
        household.decide(Step.TOWNSHIP_REVIEW, Decision.APPROVE, "", "township", six_days, RULES)
    assert "public notice until" in error.value.message
    household.decide(Step.TOWNSHIP_REVIEW, Decision.APPROVE, "", "township", NOW + timedelta(days=7), RULES)
    assert household.current_step is Step.COUNTY_APPROVAL


def test_prefecture_registration_publishes_the_figures_assessment_needs() -> None:
    household = model.submitted("", a_file(), "cadre", NOW)
    through(household, Step.VILLAGE_VERIFICATION, Step.VILLAGE_DISCUSSION)
    later = NOW + timedelta(days=7)
    through(household, Step.TOWNSHIP_REVIEW, Step.COUNTY_APPROVAL, Step.PREFECTURE_REGISTRATION, at=later)
    assert household.status is Status.REGISTERED
    [registered] = [e for e in household.events if isinstance(e, events.HouseholdRegistered)]
    assert (registered.member_count, registered.able_to_work_count) == (1, 1)


def test_a_rejected_household_cannot_be_decided_again() -> None:
    household = model.submitted("", a_file(), "cadre", NOW)
    household.decide(Step.VILLAGE_VERIFICATION, Decision.REJECT, "not resident", "village", NOW, RULES)
    assert household.status is Status.REJECTED
    with pytest.raises(FailedPrecondition):
        household.decide(Step.VILLAGE_VERIFICATION, Decision.APPROVE, "", "village", NOW, RULES)
