"""One parse of a national ID number gives both its verdict and the birth date
it carries (the batch path compares that date with the stated one)."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.domain.national_id import check_character, checked, problem_with

born_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


def number_of(region: int, born: date, sequence: int) -> str:
    first17 = f"{region:06d}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


@settings(max_examples=200, deadline=None)
@given(st.integers(110000, 659999), born_dates, st.integers(0, 999))
def test_a_well_formed_number_gives_the_birth_date_it_carries_and_no_problem(
        region: int, born: date, sequence: int) -> None:
    number = number_of(region, born, sequence)
    assert checked(number) == (born, None) and problem_with(number) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(110000, 659999), born_dates, st.integers(0, 999), st.sampled_from("0123456789X"))
def test_a_wrong_check_character_gives_a_problem_and_no_birth_date(
        region: int, born: date, sequence: int, wrong: str) -> None:
    number = number_of(region, born, sequence)
    if wrong == number[17]:
        wrong = "X" if wrong == "0" else "0"
    assert checked(number[:17] + wrong) == (None, "check digit does not match (GB 11643)")


def test_a_number_whose_date_part_is_no_date_is_refused_for_that() -> None:
    first17 = "44182619701301001"  # month 13
    assert checked(first17 + check_character(first17)) == (None, "birth date part is not a date")
