"""Golden scenarios: fixed events, scores worked out by hand below, matched
exactly (hundredths of a point), with their grades and flags."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessment.bootstrap import Assessment
from assessment.service_layer import views
from assessment.testing import builders as b

G1, G2, G3 = "441826108201", "441826108202", "441826108203"
COUNTY, CITY = "441826000000", "441800000000"


def golden_village() -> list[b.Built]:
    """Village G1, 10 households of 4 people, assessed as of 2013-04-10 10:00 Shanghai."""
    events: list[b.Built] = []
    homes = [f"g1-h{n}" for n in range(10)]
    for h in homes:
        events.append(b.registered(h, G1, 4, "2011-01-10T00:00:00Z"))
        events.append(b.survey(f"{h}-2011", h, G1, 2011, 4, 150000, "2011-12-15T00:00:00Z"))
    for n, h in enumerate(homes):  # the last household's 2012 survey is late (after 31 March 2013)
        events.append(b.survey(f"{h}-2012", h, G1, 2012, 4, 200000,
                               "2013-04-05T00:00:00Z" if n == 9 else "2012-12-15T00:00:00Z"))
    for h in homes[:6]:
        events.append(b.exited(h, G1, 2012, 4, "2012-12-20T00:00:00Z"))
    events += [b.risk_flagged(homes[7], G1, "2013-01-05T00:00:00Z"), b.risk_cleared(homes[7], G1, "2013-01-20T00:00:00Z")]
    events += [
        b.paired("p1", "u1", G1, "2012-02-01"), b.plan("plan1", "p1", "u1", G1, 2012, 400000),
        b.stationed("c1", "u1", "p1", G1, "2012-03-01"),
        b.attendance("c1", "u1", G1, "2013-01", 20, 2), b.attendance("c1", "u1", G1, "2013-02", 20, 5),
        b.inspection("i1", "c1", "u1", G1, "2013-01-15", True), b.inspection("i2", "c1", "u1", G1, "2013-03-12", False),
        b.complaint("k1", "c1", G1, "2013-02-10"), b.complaint_resolved("k1", "c1", G1, "2013-02-20", True),
        b.allocated("a", G1, 1000000, "2012-06-01T00:00:00Z", unit="u1", source=5),
        b.allocated("b", G1, 200000, "2012-12-01T00:00:00Z"),
        b.disbursed("d1", "a", G1, 700000, "2012-07-01T00:00:00Z"),
        b.reversed_("r1", "d1", "a", G1, 100000, "2012-08-01T00:00:00Z"),
        b.collective_income("ci1", G1, 2012, 3000000, "2013-04-10T02:00:00Z"),
    ]
    return events


def points(score: Any) -> dict[str, int]:
    return {i.indicator: i.points_centi for i in score.indicators}


def test_the_golden_village_scores_exactly_what_the_rubric_gives_by_hand(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(golden_village())
    village = views.score("village", G1, assessment.new_uow())
    # exit 6/10 = 0.75 of the 80% target: 35 x 0.75 = 26.25
    # income 150,000 -> 200,000 fen: +1/3, half of +2/3: 20 x 0.5 = 10.00
    # sustainability: the one risk was cleared, nobody returned: 10.00
    # collective income 30,000 of 50,000 yuan: 5 x 0.6 = 3.00
    # funds (700,000 - 100,000) / 1,200,000 = 0.5 of 0.9: 10 x 5/9 = 5.555.. -> 5.56
    # surveys of 2012 on time (by 31 March 2013): 9/10: 9.00
    # cadre: attendance 1 - 7/40 = 0.825, inspections 1/2: mean 0.6625 -> 6.625 -> 6.63 (half up)
    assert points(village) == {"exit_rate": 2625, "income_growth": 1000, "sustainability": 1000,
                               "collective_income": 300, "funds_used": 556, "survey_coverage": 900,
                               "cadre_work": 663}
    assert (village.score_centi, village.score_text, village.grade, village.unqualified) == \
        (7044, "70.44", "average", False)
    assert village.rubric_version == "v1"
    assert village.as_of is not None and village.as_of.isoformat() == "2013-04-10T02:00:00+00:00"


def test_the_golden_village_explains_each_indicator_with_its_counts(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    events = golden_village()
    feed(events)
    village = views.score("village", G1, assessment.new_uow())
    by_name = {i.indicator: i for i in village.indicators}
    assert dict(by_name["exit_rate"].counts) == {"registered_households": 10, "exited_households": 6}
    assert by_name["exit_rate"].raw_value == "0.6"
    assert by_name["exit_rate"].formula == "points = 35 x min(1, raw / 4/5)"
    assert dict(by_name["funds_used"].counts) == {"allocations": 2, "allocated_fen": 1200000, "used_fen": 600000}
    assert dict(by_name["survey_coverage"].counts) == {"survey_year": 2012, "households_due": 10,
                                                       "surveyed_on_time": 9}
    assert dict(by_name["income_growth"].counts)["latest_per_capita_fen"] == 200000
    # The position in the stream: one fact per distinct subject the events
    # named (complaint k1, recorded then resolved, is one subject).
    assert village.position.facts == len(events) - 1


def test_the_cadre_and_the_support_unit_take_their_village_result_plus_their_own_record(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(golden_village())
    cadre = views.score("cadre", "c1", assessment.new_uow())
    # village 70.44% of 40 = 28.176 -> 28.18; attendance 0.825 x 30 = 24.75; inspections 1/2 x 20 = 10;
    # one upheld complaint of 3: 10 x 2/3 = 6.67
    assert points(cadre) == {"village_result": 2818, "attendance": 2475, "inspections": 1000, "complaints": 667}
    assert (cadre.score_centi, cadre.grade) == (6960, "average")
    unit = views.score("support_unit", "u1", assessment.new_uow())
    # village 70.44% of 60 = 42.264 -> 42.26; own funds 1,000,000 >= planned 400,000: 20; cadre work 0.6625 x 20
    assert points(unit) == {"village_result": 4226, "own_funding": 2000, "cadre_record": 1325}
    assert (unit.score_centi, unit.grade) == (7551, "good")


def test_the_golden_village_raises_exactly_the_flags_its_facts_call_for(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(golden_village())
    found = {(f.target_kind, f.target_id, f.rule) for f in views.flags("", "", "", False, assessment.new_uow())}
    assert found == {("village", G1, "funds-idle"),              # allocation b: nothing disbursed for 130 days
                     ("cadre", "c1", "absent-without-leave"),    # 5 days in February 2013 > 3
                     ("cadre", "c1", "absent-at-inspection")}    # inspection i2
    idle = views.flags("village", G1, "", False, assessment.new_uow())[0]
    assert "allocation b" in idle.evidence and idle.raised_at is not None
    assert idle.raised_at.isoformat() == "2013-03-01T00:00:00+00:00"  # 1 December 2012 + 90 days


def test_a_flag_is_cleared_when_the_facts_no_longer_support_it(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(golden_village())
    feed([b.disbursed("d2", "b", G1, 200000, "2013-04-11T00:00:00Z")])
    assert not views.flags("village", G1, "", False, assessment.new_uow())
    # History keeps cleared flags, including those the village had while its
    # events were still arriving (a grade-poor, allocation a before its disbursement).
    [cleared] = [f for f in views.flags("village", G1, "", True, assessment.new_uow())
                 if f.rule == "funds-idle" and "allocation b" in f.evidence]
    assert cleared.active is False
    assert cleared.cleared_at is not None and cleared.cleared_at.isoformat() == "2013-04-11T00:00:00+00:00"


def test_a_household_at_risk_left_without_action_flags_its_village(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    def unattended() -> list[Any]:
        return [f for f in views.flags("village", G1, "", False, assessment.new_uow()) if f.rule == "risk-unattended"]

    feed([b.registered("h", G1, 3, "2012-01-10T00:00:00Z"), b.risk_flagged("h", G1, "2013-01-01T00:00:00Z")])
    assert not unattended()
    feed([b.allocated("x", G1, 100, "2013-02-15T00:00:00Z")])  # the stream moves on 45 days
    [flag] = unattended()
    assert "household h" in flag.evidence
    assert flag.raised_at is not None and flag.raised_at.isoformat() == "2013-01-31T00:00:00+00:00"
    feed([b.risk_cleared("h", G1, "2013-02-16T00:00:00Z")])
    assert not unattended()


def test_counties_and_cities_weigh_their_villages_by_poor_households_and_poor_grades_are_flagged(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(golden_village())
    feed([b.registered(f"g2-h{n}", G2, 2, "2013-01-10T00:00:00Z") for n in range(30)])
    village2 = views.score("village", G2, assessment.new_uow())
    # Measurable: exit 0/35 and sustainability 10/10, a rate of 2/9; the other
    # indicators score neutrally at 2/9: 4.44 + 1.11 + 2.22 + 2.22 + 2.22
    assert points(village2) == {"exit_rate": 0, "income_growth": 444, "sustainability": 1000,
                                "collective_income": 111, "funds_used": 222, "survey_coverage": 222,
                                "cadre_work": 222}
    assert (village2.score_centi, village2.grade) == (2221, "poor")
    county = views.score("county", COUNTY, assessment.new_uow())
    # (70.44 x 10 + 22.21 x 30) / 40 = 34.2675 -> 34.27
    assert (county.score_centi, county.grade) == (3427, "poor")
    assert [(c.target_id, c.weight) for c in county.constituents] == [(G1, 10), (G2, 30)]
    assert views.score("city", CITY, assessment.new_uow()).score_centi == 3427
    poor = {(f.target_kind, f.target_id) for f in views.flags("", "", "", False, assessment.new_uow())
            if f.rule == "grade-poor"}
    assert poor == {("village", G2), ("county", COUNTY), ("city", CITY)}
    ranked = views.ranking("village", COUNTY, assessment.new_uow())
    assert [(r.rank, r.score.target_id, r.score.score_text) for r in ranked] == [(1, G1, "70.44"), (2, G2, "22.21")]


def perfect_village() -> list[b.Built]:
    events: list[b.Built] = []
    for n in range(5):
        h = f"g3-h{n}"
        events += [b.registered(h, G3, 2, "2011-01-10T00:00:00Z"),
                   b.survey(f"{h}-2011", h, G3, 2011, 2, 150000, "2011-12-15T00:00:00Z"),
                   b.survey(f"{h}-2012", h, G3, 2012, 2, 250000, "2012-12-15T00:00:00Z"),
                   b.exited(h, G3, 2012, 2, "2012-12-20T00:00:00Z")]
    return events + [
        b.stationed("c3", "u3", "p3", G3, "2012-03-01"), b.attendance("c3", "u3", G3, "2013-01", 20, 0),
        b.inspection("i3", "c3", "u3", G3, "2013-02-01", True),
        b.allocated("a3", G3, 1000000, "2012-06-01T00:00:00Z"), b.disbursed("d3", "a3", G3, 1000000, "2012-07-01T00:00:00Z"),
        b.collective_income("ci3", G3, 2012, 5000000, "2013-04-10T02:00:00Z")]


def test_a_village_found_with_false_data_is_unqualified_even_with_a_score_above_ninety(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed(perfect_village())
    village = views.score("village", G3, assessment.new_uow())
    assert (village.score_centi, village.grade, village.unqualified) == (10000, "excellent", False)
    # A survey whose per-capita income times the household's size contradicts its own net income.
    feed([b.survey("g3-bad", "g3-h0", G3, 2012, 2, 250000, "2013-04-10T03:00:00Z", net=900000,
                   supersedes="g3-h0-2012")])
    village = views.score("village", G3, assessment.new_uow())
    assert village.score_centi > 9000
    assert (village.grade_by_score, village.grade, village.unqualified) == ("excellent", "poor", True)
    [flag] = views.flags("village", G3, "", False, assessment.new_uow())
    assert flag.rule == "false-data/survey-arithmetic" and "g3-bad" in flag.evidence
    assert village.unqualified_by == (flag.flag_id,)
    assert views.score("cadre", "c3", assessment.new_uow()).unqualified  # the cadre entered the data
    ranked = views.ranking("village", "", assessment.new_uow())
    assert ranked[-1].score.target_id == G3  # unqualified ranks last whatever its score
    # A correction supersedes the false survey: the flag clears, the grade returns.
    feed([b.survey("g3-fix", "g3-h0", G3, 2012, 2, 250000, "2013-04-10T04:00:00Z", supersedes="g3-bad")])
    village = views.score("village", G3, assessment.new_uow())
    assert (village.grade, village.unqualified) == ("excellent", False)


def test_an_income_that_contradicts_the_households_history_or_a_count_that_contradicts_the_registry_is_false_data(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed([b.registered("h", G1, 3, "2011-01-10T00:00:00Z"),
          b.survey("s1", "h", G1, 2011, 3, 100000, "2011-12-01T00:00:00Z"),
          b.survey("s2", "h", G1, 2012, 3, 900000, "2012-12-01T00:00:00Z"),   # 9x the year before (> 8x)
          b.survey("s3", "h", G1, 2013, 7, 900000, "2013-12-01T00:00:00Z"),   # 7 people; the registry has 3
          b.project("pr", G1, 4, "2013-12-02T00:00:00Z")])                    # 4 poor households; 1 registered
    rules = {(f.rule, f.evidence.split(" ")[1]) for f in views.flags("village", G1, "", False, assessment.new_uow())}
    assert {r for r, _ in rules} >= {"false-data/income-contradicts-history", "false-data/size-contradicts-registry",
                                     "false-data/count-contradicts-registry"}
    assert views.score("village", G1, assessment.new_uow()).unqualified
