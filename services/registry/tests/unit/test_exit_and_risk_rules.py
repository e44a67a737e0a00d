"""Exit and return-to-poverty rules at their boundaries (no I/O)."""
from __future__ import annotations

from registry.domain.rules import (Guarantees, Hardship, Rules, eligible_at_entry, is_sharp_drop, meets_exit_rule,
                                   per_capita_fen, risk_after_exit)
from registry.domain.vocabulary import RiskCategory

RULES = Rules()
ALL_MET = Guarantees(True, True, True, True)
NONE = Hardship()


def test_entry_is_allowed_exactly_at_the_poverty_line_and_not_one_fen_over() -> None:
    assert eligible_at_entry(150_000, RULES)
    assert not eligible_at_entry(150_001, RULES)


def test_exit_needs_the_exit_line_exactly_or_more() -> None:
    assert meets_exit_rule(250_000, ALL_MET, RULES)
    assert not meets_exit_rule(249_999, ALL_MET, RULES)


def test_exit_needs_every_basic_guarantee() -> None:
    for missing in range(4):
        flags = [True] * 4
        flags[missing] = False
        assert not meets_exit_rule(900_000, Guarantees(*flags), RULES)


def test_a_drop_of_exactly_thirty_percent_is_sharp_and_just_under_is_not() -> None:
    assert is_sharp_drop(300_000, 210_000, RULES)
    assert not is_sharp_drop(300_000, 210_001, RULES)
    assert not is_sharp_drop(0, 0, RULES)


def test_per_capita_income_rounds_down_to_the_fen() -> None:
    assert per_capita_fen(1_000_001, 3) == 333_333


def test_an_exited_household_at_the_poverty_line_is_unstable() -> None:
    finding = risk_after_exit(150_000, ALL_MET, NONE, None, RULES)
    assert finding is not None and (finding.category, finding.rule) == (RiskCategory.UNSTABLE, "income-below-line")


def test_an_exited_household_one_fen_over_the_poverty_line_is_at_the_edge() -> None:
    finding = risk_after_exit(150_001, ALL_MET, NONE, None, RULES)
    assert finding is not None and (finding.category, finding.rule) == (RiskCategory.EDGE, "income-near-line")


def test_the_edge_ends_at_ten_percent_over_the_exit_line() -> None:
    assert risk_after_exit(274_999, ALL_MET, NONE, None, RULES) is not None
    assert risk_after_exit(275_000, ALL_MET, NONE, None, RULES) is None


def test_a_sharp_drop_flags_an_exited_household_even_above_the_edge() -> None:
    finding = risk_after_exit(350_000, ALL_MET, NONE, 500_000, RULES)
    assert finding is not None and finding.rule == "income-drop"
    assert risk_after_exit(350_001, ALL_MET, NONE, 500_000, RULES) is None


def test_illness_disability_or_disaster_is_sudden_hardship() -> None:
    for hardship, rule in ((Hardship(new_serious_illness=True), "new-illness"),
                           (Hardship(new_disability=True), "new-disability"), (Hardship(disaster=True), "disaster")):
        finding = risk_after_exit(900_000, ALL_MET, hardship, None, RULES)
        assert finding is not None and (finding.category, finding.rule) == (RiskCategory.SUDDEN_HARDSHIP, rule)


def test_the_lines_are_settings() -> None:
    strict = Rules(poverty_line_fen=200_000, exit_line_fen=300_000, sharp_drop_percent=10)
    assert eligible_at_entry(200_000, strict) and not meets_exit_rule(299_999, ALL_MET, strict)
    assert is_sharp_drop(100_000, 90_000, strict)
