"""Pure rules of the bulk paths: who claims a person within a batch, the batch
size, and how a CSV file becomes household files with row numbers."""
from __future__ import annotations

import io
from datetime import date

import pytest

from chassis.errors import FieldViolation, InvalidArgument
from registry.adapters import csv_households
from registry.adapters.csv_households import BadFile, Problem
from registry.domain import batch
from registry.domain.commands import FileInput, MemberInput
from registry.domain.household_file import HouseholdFile, parse_file
from registry.domain.national_id import check_character
from registry.domain.rules import Rules


def an_id(sequence: int) -> str:
    first17 = f"44182619700101{sequence:03d}"
    return first17 + check_character(first17)


def a_file(*ids: str) -> HouseholdFile:
    members = tuple(MemberInput(name=f"M{n}", national_id=i, relation="head" if n == 0 else "child",
                                birth_date="1970-01-01") for n, i in enumerate(ids))
    parsed = parse_file(FileInput("441826108201", "dibao", members), date(2024, 1, 1), Rules(), False, [])
    assert parsed is not None
    return parsed


def test_the_earliest_item_claims_a_person_and_later_items_naming_them_are_refused() -> None:
    found = batch.claim_people({0: a_file(an_id(1)), 1: a_file(an_id(2), an_id(1)), 2: a_file(an_id(1))}, {})
    assert found == {1: [FieldViolation("members[1].national_id", "this person is also a member of households[0] "
                                                                  "earlier in this batch")],
                     2: [FieldViolation("members[0].national_id", "this person is also a member of households[0] "
                                                                  "earlier in this batch")]}


def test_an_item_refused_for_a_registered_person_claims_nobody_else() -> None:
    found = batch.claim_people({0: a_file(an_id(1), an_id(2)), 1: a_file(an_id(2))},
                               {an_id(1): ("h-9", "441826108201")})
    assert list(found) == [0]


def test_a_batch_is_between_one_and_the_limit() -> None:
    batch.check_size(1000, 1000)
    for size in (0, 1001):
        with pytest.raises(InvalidArgument):
            batch.check_size(size, 1000)


def test_a_re_run_derives_the_same_household_id_and_another_source_a_different_one() -> None:
    assert csv_households.household_id_for("a.csv", "7") == csv_households.household_id_for("a.csv", "7")
    assert csv_households.household_id_for("a.csv", "7") != csv_households.household_id_for("b.csv", "7")


def test_rows_group_by_ref_in_any_order_with_household_values_given_once() -> None:
    text = ("Household_Ref,village_code,category,wages_fen,name,relation\n"
            "A,441826108201,dibao,1200,Fang,head\n"
            "B,441826108201,wubao,,Li,head\n"
            "\n"
            "A,,,,Xiao,child\n")
    a, b = csv_households.read(io.StringIO(text))
    assert (a.ref, a.rows, a.member_rows, b.rows) == ("A", [2, 5], [2, 5], [3])
    raw = csv_households.file_input(a)
    assert (raw.village_code, raw.income.wages_fen, [m.name for m in raw.members]) == (
        "441826108201", 1200, ["Fang", "Xiao"])


def test_domain_field_paths_become_rows_and_columns() -> None:
    [household] = csv_households.read(io.StringIO(
        "household_ref,village_code,category,costs_fen,name,relation\nA,1,dibao,5,X,head\nA,,,,Y,child\n"))
    found = csv_households.locate(household, [FieldViolation("members[1].birth_date", "bad"),
                                              FieldViolation("income.costs_fen", "too big"),
                                              FieldViolation("members", "no head")])
    assert found == [Problem(3, "birth_date", "bad"), Problem(2, "costs_fen", "too big"),
                     Problem(None, "members", "no head")]


@pytest.mark.parametrize("text", ["", "a,b\n", "household_ref,village_code,category,name,relation,name\n"])
def test_a_file_without_the_right_header_is_bad(text: str) -> None:
    with pytest.raises(BadFile):
        csv_households.read(io.StringIO(text))
