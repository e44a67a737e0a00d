"""The rubric and the scoring rules, without I/O."""
from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.adapters.rubric_file import load_rubric, rubric_path
from assessment.domain.events import Divisions
from assessment.domain.figures import disparity
from assessment.domain.model import Household, Score, StreamPosition, Survey
from assessment.domain.ranking import rank
from assessment.domain.rubric import RubricError, rubric_from_mapping
from assessment.domain.scoring import points, round_half_up, survey_year_due, Measurement

V1 = load_rubric("v1")
PATH = Divisions("440000000000", "441800000000", "441826000000", "441826108000", "441826108201")


def test_the_default_rubric_carries_the_domain_weights_for_villages() -> None:
    weights = {i.name: i.weight for i in V1.indicators["village"]}
    assert weights == {"exit_rate": 35, "income_growth": 20, "sustainability": 10, "collective_income": 5,
                       "funds_used": 10, "survey_coverage": 10, "cadre_work": 10}
    assert V1.version == "v1"


@pytest.mark.parametrize("centi, grade", [(9000, "excellent"), (8999, "good"), (7500, "good"), (7499, "average"),
                                          (6000, "average"), (5999, "poor"), (0, "poor")])
def test_grades_follow_the_hundred_mark_thresholds(centi: int, grade: str) -> None:
    assert V1.grade_of(centi) == grade


def test_a_rubric_with_wrong_weights_or_unknown_indicators_is_refused_listing_every_problem() -> None:
    data = yaml.safe_load(rubric_path("v1").read_text())
    data["targets"]["village"]["indicators"]["exit_rate"]["weight"] = 30
    data["targets"]["cadre"]["indicators"]["charisma"] = {"weight": 1, "formula": {"kind": "share"}}
    with pytest.raises(RubricError) as error:
        rubric_from_mapping(data)
    assert "weights add up to 95" in str(error.value) and "charisma" in str(error.value)


def test_an_exit_rate_below_the_target_scores_linearly() -> None:
    exit_rate = V1.indicator("village", "exit_rate")
    assert exit_rate.fraction(Fraction(2, 5)) == Fraction(1, 2)
    assert exit_rate.fraction(Fraction(9, 10)) == 1


def test_a_missing_indicator_scores_neutrally_at_the_rate_of_the_measurable_ones() -> None:
    indicators = V1.indicators["support_unit"]
    total, parts = points(indicators, {"village_result": Measurement(Fraction(1, 2)),
                                       "own_funding": Measurement(None, (), "no plan"),
                                       "cadre_record": Measurement(Fraction(1, 2))})
    by_name = {p.indicator: p for p in parts}
    assert by_name["own_funding"].points_centi == 1000 and not by_name["own_funding"].measurable
    assert "not measurable" in by_name["own_funding"].note
    assert total == 5000


@settings(max_examples=50)
@given(st.fractions(min_value=0, max_value=1), st.fractions(min_value=0, max_value=1))
def test_a_score_is_exactly_the_sum_of_its_parts(a: Fraction, b: Fraction) -> None:
    total, parts = points(V1.indicators["cadre"], {"village_result": Measurement(a), "attendance": Measurement(b),
                                                   "inspections": Measurement(None), "complaints": Measurement(Fraction(0))})
    assert total == sum(p.points_centi for p in parts) and 0 <= total <= 10000


def test_halves_round_up_to_the_hundredth() -> None:
    assert (round_half_up(Fraction(6625, 10)), round_half_up(Fraction(66249, 100))) == (663, 662)


def score(target: str, centi: int, unqualified: bool = False) -> Score:
    return Score("village", target, PATH, centi, V1.grade_of(centi), ("flag",) if unqualified else (), "v1", None,
                 StreamPosition(0, None))


def test_equal_scores_share_a_rank_listed_by_id_and_the_unqualified_come_last() -> None:
    ranked = rank([score("c", 8000), score("a", 8000), score("z", 9900, unqualified=True), score("b", 8500),
                   score("d", 7000)])
    assert [(r.rank, r.score.target_id) for r in ranked] == [(1, "b"), (2, "a"), (2, "c"), (4, "d"), (5, "z")]


def test_the_survey_year_assessed_is_the_latest_whose_deadline_has_passed() -> None:
    april_first_in_shanghai = datetime(2013, 3, 31, 16, 0, tzinfo=UTC)
    assert survey_year_due(april_first_in_shanghai, "03-31") == (2012, april_first_in_shanghai)
    assert survey_year_due(datetime(2013, 3, 31, 15, 59, tzinfo=UTC), "03-31")[0] == 2011


def survey(survey_id: str, at: int, supersedes: str = "") -> Survey:
    return Survey(survey_id, "h", 2012, 3, 3000, 3000, 1000, True, supersedes, datetime(2013, 1, at, tzinfo=UTC))


def test_a_correction_supersedes_the_survey_it_names_whenever_it_arrived() -> None:
    household = Household("h", True, 3, None, "poor",
                          (survey("fix", 1, supersedes="late"), survey("late", 5), survey("first", 2)), None)
    assert household.effective_surveys()[2012].survey_id == "first"


def test_disparity_is_highest_over_lowest_county_mean_with_the_coefficient_of_variation() -> None:
    # mean 191.5, population deviation 91.5: 91.5 / 191.5 = 0.47781...
    assert disparity([Fraction(283), Fraction(100)]) == ("2.83", "0.4778")
    assert disparity([Fraction(100)]) == ("", "")
