"""Pairing and stationing rules (no I/O): one unit per village and one village
per unit at a time, with history; one stationed cadre per village unless
configured; rotation keeps the history."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.errors import FailedPrecondition, InvalidArgument
from cadres.domain import pairings, stationing
from cadres.domain.divisions import path_of_village
from cadres.domain.model import Cadre, Pairing, SupportUnit, TopLeader
from cadres.domain.vocabulary import UnitKind

TODAY = date(2013, 6, 1)
NOW = datetime(2013, 6, 1, 4, tzinfo=UTC)
SANPAI, OTHER = "441826108201", "441826108202"


def unit(unit_id: str = "u1") -> SupportUnit:
    return SupportUnit(unit_id, "Tobacco Bureau", UnitKind.ENTERPRISE, [TopLeader("Head", "Director", date(2010, 1, 1))],
                       NOW)


def a_pairing(pairing_id: str, unit_id: str, village: str, start: date, end: date | None = None) -> Pairing:
    return Pairing(pairing_id, unit_id, path_of_village(village), start, end)


def cadre(cadre_id: str, unit_id: str = "u1") -> Cadre:
    return Cadre(cadre_id, unit_id, "Name", "", "", NOW)


def test_a_unit_is_paired_with_a_village_and_its_divisions_follow_from_the_code() -> None:
    pairing = pairings.pair("", unit(), SANPAI, date(2010, 3, 4), TODAY, [], [])
    assert pairing.village.county == "441826000000" and pairing.village.township == "441826108000"
    assert pairing.active


def test_a_village_already_paired_refuses_a_second_unit_naming_the_pairing() -> None:
    existing = a_pairing("p-old", "u9", SANPAI, date(2010, 3, 4))
    with pytest.raises(FailedPrecondition, match="p-old"):
        pairings.pair("", unit(), SANPAI, date(2011, 1, 1), TODAY, [], [existing])


def test_a_unit_already_paired_refuses_a_second_village_naming_the_pairing() -> None:
    existing = a_pairing("p-old", "u1", SANPAI, date(2010, 3, 4))
    with pytest.raises(FailedPrecondition, match="p-old"):
        pairings.pair("", unit(), OTHER, date(2011, 1, 1), TODAY, [existing], [])


def test_after_a_pairing_ended_the_village_may_be_paired_again_from_the_next_day_only() -> None:
    ended = a_pairing("p-old", "u9", SANPAI, date(2010, 3, 4), date(2012, 12, 31))
    with pytest.raises(FailedPrecondition, match="p-old"):
        pairings.pair("", unit(), SANPAI, date(2012, 12, 31), TODAY, [], [ended])
    assert pairings.pair("", unit(), SANPAI, date(2013, 1, 1), TODAY, [], [ended]).start == date(2013, 1, 1)


def test_a_new_pairing_cannot_start_before_a_past_pairing_of_the_village_ended() -> None:
    ended = a_pairing("p-old", "u9", SANPAI, date(2011, 1, 1), date(2012, 12, 31))
    with pytest.raises(FailedPrecondition, match="p-old"):
        pairings.pair("", unit(), SANPAI, date(2010, 6, 1), TODAY, [], [ended])


def test_a_pairing_with_a_stationed_cadre_cannot_end() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    placed = stationing.station(cadre("c1"), pairing, date(2010, 3, 4), None, TODAY, [], [], 1)
    with pytest.raises(FailedPrecondition, match="c1"):
        pairings.end(pairing, date(2013, 1, 31), "done", TODAY, [placed])


def test_a_pairing_cannot_end_in_the_future_or_before_it_started() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    for end in (date(2013, 6, 2), date(2010, 3, 3)):
        with pytest.raises(InvalidArgument):
            pairings.end(pairing, end, "done", TODAY, [])


def test_a_cadre_is_stationed_only_in_the_village_of_its_own_unit() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    with pytest.raises(FailedPrecondition, match="belongs to unit u2"):
        stationing.station(cadre("c1", "u2"), pairing, date(2010, 3, 4), None, TODAY, [], [], 1)
    with pytest.raises(FailedPrecondition, match="starts on 2010-03-04"):
        stationing.station(cadre("c1"), pairing, date(2010, 3, 1), None, TODAY, [], [], 1)


def test_a_second_cadre_in_the_village_is_refused_unless_configured() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    first = stationing.station(cadre("c1"), pairing, date(2010, 3, 4), None, TODAY, [], [], 1)
    with pytest.raises(FailedPrecondition, match="c1"):
        stationing.station(cadre("c2"), pairing, date(2011, 1, 1), None, TODAY, [], [first], 1)
    assert stationing.station(cadre("c2"), pairing, date(2011, 1, 1), None, TODAY, [], [first], 2).active


def test_a_cadre_cannot_be_stationed_twice_at_once() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    first = stationing.station(cadre("c1"), pairing, date(2010, 3, 4), None, TODAY, [], [], 1)
    with pytest.raises(FailedPrecondition, match=first.id):
        stationing.station(cadre("c1"), pairing, date(2011, 1, 1), None, TODAY, [first], [], 5)


def test_withdrawal_keeps_the_stationing_with_its_last_day_and_rotation_hands_over_the_next_day() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    first = stationing.station(cadre("c1"), pairing, date(2010, 3, 4), None, TODAY, [], [], 1)
    event = stationing.withdraw(first, stationing.rotation_last_day(date(2013, 2, 1)), "rotation", TODAY)
    assert (first.end, event.end_date, first.active) == (date(2013, 1, 31), date(2013, 1, 31), False)
    second = stationing.station(cadre("c2"), pairing, date(2013, 2, 1), None, TODAY, [], [first], 1, "c1")
    assert (second.start, second.replaces_cadre_id, stationing.stationed_event(second).replaces_cadre_id) == (
        date(2013, 2, 1), "c1", "c1")


def test_a_withdrawal_cannot_end_before_the_stationing_began() -> None:
    pairing = a_pairing("p", "u1", SANPAI, date(2010, 3, 4))
    first = stationing.station(cadre("c1"), pairing, date(2012, 3, 4), None, TODAY, [], [], 1)
    with pytest.raises(FailedPrecondition, match="2012-03-04"):
        stationing.withdraw(first, date(2012, 3, 3), "mistake", TODAY)


intervals = st.lists(st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30))), max_size=6)


@settings(max_examples=80, deadline=None)
@given(spans=intervals, start=st.integers(0, 90))
def test_the_peak_of_cadres_in_a_village_matches_a_day_by_day_count(
        spans: list[tuple[int, int | None]], start: int) -> None:
    base = date(2010, 1, 1).toordinal()
    dated = [(date.fromordinal(base + first), None if length is None else date.fromordinal(base + first + length))
             for first, length in spans]
    expected = max([sum(1 for first, last in dated if first.toordinal() <= day and (last is None or day <= last.toordinal()))
                    for day in range(base + start, base + 200)] or [0])
    assert stationing.peak_from(date.fromordinal(base + start), dated) == expected
