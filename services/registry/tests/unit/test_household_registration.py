"""Domain rules of registering a household (no I/O)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chassis.errors import InvalidArgument
from registry.domain import model
from registry.domain.events import HouseholdRegistered
from registry.domain.national_id import check_character, problem_with
from registry.domain.vocabulary import Category

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
VILLAGE = "441826108201"


def valid_id(first17: str) -> str:
    return first17 + check_character(first17)


HEAD = ("Fang Ming", valid_id("44182519700101001"), "head", "male", "1970-01-01")
SPOUSE = ("Tang Li", valid_id("44182519720202002"), "spouse", "female", "1972-02-02")


def fields_of(error: pytest.ExceptionInfo[InvalidArgument]) -> set[str]:
    return {v.field for v in error.value.violations}


def test_a_valid_household_is_registered_with_its_divisions_and_one_event() -> None:
    household = model.register("", VILLAGE, "dibao", [HEAD, SPOUSE], NOW)
    assert household.divisions.county == "441826000000"
    assert household.divisions.township == "441826108000"
    assert household.divisions.city == "441800000000"
    assert household.divisions.province == "440000000000"
    assert household.category is Category.DIBAO
    assert household.size == 2
    [event] = household.events
    assert event == HouseholdRegistered(household.id, household.divisions, Category.DIBAO, 2, NOW)


def test_the_registered_event_carries_no_name_or_national_id() -> None:
    household = model.register("", VILLAGE, "dibao", [HEAD], NOW)
    text = repr(household.events[0])
    assert HEAD[0] not in text and HEAD[1] not in text


def test_a_missing_village_code_is_a_field_violation() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("", "", "dibao", [HEAD], NOW)
    assert fields_of(error) == {"village_code"}


@pytest.mark.parametrize("code", ["44182610820", "4418261082011", "44182610820x", "441826000000", "441826108000"])
def test_a_code_that_is_not_a_village_is_rejected(code: str) -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("", code, "dibao", [HEAD], NOW)
    assert fields_of(error) == {"village_code"}


def test_an_empty_household_is_rejected() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("", VILLAGE, "dibao", [], NOW)
    assert fields_of(error) == {"members"}


def test_a_member_without_a_name_is_rejected_at_that_member() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("", VILLAGE, "dibao", [HEAD, ("  ",) + SPOUSE[1:]], NOW)
    assert fields_of(error) == {"members[1].name"}


def test_every_problem_is_reported_at_once() -> None:
    bad_member = ("", "123", "cousin", "male", "2999-01-01")
    with pytest.raises(InvalidArgument) as error:
        model.register("", "", "rich", [HEAD, bad_member], NOW)
    assert fields_of(error) == {"village_code", "category", "members[1].name", "members[1].national_id",
                                "members[1].relation", "members[1].birth_date"}


def test_a_household_needs_exactly_one_head() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("", VILLAGE, "dibao", [SPOUSE], NOW)
    assert fields_of(error) == {"members"}
    with pytest.raises(InvalidArgument):
        model.register("", VILLAGE, "dibao", [HEAD, HEAD[:1] + (valid_id("44182519800101003"),) + HEAD[2:]], NOW)


def test_the_same_person_twice_in_one_household_is_rejected() -> None:
    twin = ("Fang Hua",) + HEAD[1:2] + ("child", "male", "1970-01-01")
    with pytest.raises(InvalidArgument) as error:
        model.register("", VILLAGE, "dibao", [HEAD, twin], NOW)
    assert fields_of(error) == {"members[0].national_id"}


def test_a_client_chosen_household_id_must_be_a_uuid() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.register("not-a-uuid", VILLAGE, "dibao", [HEAD], NOW)
    assert fields_of(error) == {"household_id"}


def test_national_id_check_digit_follows_gb_11643() -> None:
    # The standard's published example.
    assert check_character("11010519491231002") == "X"
    assert problem_with("11010519491231002X") is None
    assert "check digit" in (problem_with("110105194912310021") or "")
    assert "birth date" in (problem_with(valid_id("11010519491331002")) or "")
