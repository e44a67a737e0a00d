from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.money import percent_of_basis_points, share_basis_points, yuan


def test_fen_are_shown_as_yuan_with_two_decimals_and_thousands_separators() -> None:
    assert yuan(0) == "0.00"
    assert yuan(5) == "0.05"
    assert yuan(109_832) == "1,098.32"
    assert yuan(587_600_000) == "5,876,000.00"
    assert yuan(-1_250) == "-12.50"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**15, max_value=10**15))
def test_yuan_text_reads_back_to_exactly_the_same_fen(fen: int) -> None:
    text = yuan(fen).replace(",", "")
    sign = -1 if text.startswith("-") else 1
    whole, cents = text.lstrip("-").split(".")
    assert sign * (int(whole) * 100 + int(cents)) == fen


def test_basis_points_are_shown_as_percent_with_two_decimals() -> None:
    assert percent_of_basis_points(2170) == "21.70%"
    assert percent_of_basis_points(5) == "0.05%"
    assert percent_of_basis_points(10_000) == "100.00%"


def test_a_share_rounds_half_up_and_of_nothing_is_zero() -> None:
    assert share_basis_points(1, 3) == 3333
    assert share_basis_points(2, 3) == 6667
    assert share_basis_points(5, 0) == 0
