"""Province figures from the read model, over the JSON API: the Sanpai
scenario reproduces the seed's per-capita income of its poor households."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessment.testing import builders as b


def test_the_sanpai_scenario_reproduces_the_seed_per_capita_income_of_its_poor_for_each_year(
        client: Callable[..., Any], feed: Callable[..., None]) -> None:
    feed(b.sanpai())
    api = client()
    body = api.get("/v1/figures").get_json()
    assert (body["registered_households"], body["registered_people"]) == (141, 494)
    by_year = {y["year"]: y for y in body["income_by_year"]}
    assert by_year[2009]["per_capita_income_fen"] == 109832     # 1,098.32 yuan
    assert by_year[2011]["per_capita_income_fen"] > 1100000     # "over 11,000"
    assert by_year[2012]["per_capita_income_fen"] == 1306848    # 13,068.48 yuan
    assert by_year[2012]["surveyed_people"] == 494
    county = api.get("/v1/figures?division_code=441826000000").get_json()
    assert county["income_by_year"] == body["income_by_year"]
    assert api.get("/v1/figures?division_code=441900000000").get_json()["registered_households"] == 0


def test_disparity_is_the_ratio_of_the_highest_to_the_lowest_county_mean_and_their_variation(
        client: Callable[..., Any], feed: Callable[..., None]) -> None:
    rich, poor = "441826108201", "441827108201"  # two counties
    feed([b.registered("r", rich, 2, "2012-01-01T00:00:00Z"), b.registered("p", poor, 2, "2012-01-01T00:00:00Z"),
          b.survey("sr", "r", rich, 2012, 2, 300000, "2012-12-01T00:00:00Z"),
          b.survey("sp", "p", poor, 2012, 2, 100000, "2012-12-01T00:00:00Z")])
    [year] = client().get("/v1/figures").get_json()["income_by_year"]
    # means 3,000 and 1,000 yuan: ratio 3.00; mean 2,000, deviation 1,000: CV 0.5
    assert (year["per_capita_income_fen"], year["counties"]) == (200000, 2)
    assert (year["disparity_ratio"], year["coefficient_of_variation"]) == ("3.00", "0.5000")


def test_households_exited_and_at_risk_are_counted_with_their_people(
        client: Callable[..., Any], feed: Callable[..., None]) -> None:
    v = "441826108201"
    feed([b.registered("a", v, 2, "2012-01-01T00:00:00Z"), b.registered("c", v, 5, "2012-01-01T00:00:00Z"),
          b.registered("d", v, 1, "2012-01-01T00:00:00Z"),
          b.exited("a", v, 2012, 2, "2012-12-01T00:00:00Z"), b.risk_flagged("c", v, "2013-01-01T00:00:00Z"),
          b.exited("d", v, 2012, 1, "2012-12-01T00:00:00Z"), b.returned("d", v, 2013, 1, "2013-02-01T00:00:00Z")])
    body = client().get("/v1/figures").get_json()
    assert (body["exited_households"], body["exited_people"]) == (1, 2)
    assert (body["at_risk_households"], body["at_risk_people"]) == (2, 6)
