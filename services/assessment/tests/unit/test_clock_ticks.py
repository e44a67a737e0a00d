"""The province's clock reaches villages that send nothing: a tick past a
deadline raises the time-based flags, without I/O."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from assessment.adapters.rubric_file import load_rubric
from assessment.domain.clock import advanced, due_before
from assessment.domain.events import Divisions
from assessment.domain.flags import village_flags
from assessment.domain.model import Allocation, FlagSpec, Household, StreamPosition, VillageFacts

RULES = load_rubric("v1").accountability
PATH = Divisions("440000000000", "441800000000", "441826000000", "441826108000", "441826108201")
ALLOCATED = datetime(2012, 6, 1, tzinfo=UTC)
IDLE = timedelta(days=RULES.funds_idle_days)
UNATTENDED = timedelta(days=RULES.risk_unattended_days)


def quiet_village_with_an_allocation(at: datetime = ALLOCATED) -> VillageFacts:
    """An allocation and nothing after it: the village's own stream stops there."""
    allocation = Allocation("a", "provincial_fiscal", "", 100000, 2012, at, 0, 0, None)
    return VillageFacts(PATH, allocations=(allocation,), position=StreamPosition(1, at))


def quiet_village_with_a_risk(since: datetime = ALLOCATED) -> VillageFacts:
    household = Household("h", True, 3, since - timedelta(days=365), "exited", (), since)
    return VillageFacts(PATH, households=(household,), position=StreamPosition(2, since))


def after_ticks(facts: VillageFacts, *ticks: datetime) -> VillageFacts:
    clock = facts.clock
    for tick in ticks:
        clock = advanced(clock, tick) or clock
    return replace(facts, clock=clock)


def time_flags(facts: VillageFacts) -> list[FlagSpec]:
    return [f for f in village_flags(facts, RULES) if f.rule in ("funds-idle", "risk-unattended")]


def test_a_quiet_village_raises_nothing_by_itself_however_long_its_allocation_lies_idle() -> None:
    assert time_flags(quiet_village_with_an_allocation()) == []


def test_a_tick_past_the_deadline_raises_funds_idle_as_of_the_tick() -> None:
    tick = ALLOCATED + timedelta(days=100)
    [flag] = time_flags(after_ticks(quiet_village_with_an_allocation(), tick))
    assert (flag.rule, flag.subject, flag.since) == ("funds-idle", "a", ALLOCATED + IDLE)
    assert flag.evidence.endswith(f"as of {tick.isoformat()}")


def test_a_tick_before_or_at_the_deadline_raises_nothing() -> None:
    for tick in (ALLOCATED + timedelta(days=10), ALLOCATED + IDLE):
        assert time_flags(after_ticks(quiet_village_with_an_allocation(), tick)) == []


def test_an_older_tick_after_a_newer_one_changes_nothing() -> None:
    newer, older = ALLOCATED + timedelta(days=100), ALLOCATED + timedelta(days=95)
    assert advanced(newer, older) is None and advanced(newer, newer) is None
    facts = quiet_village_with_an_allocation()
    assert after_ticks(facts, newer, older) == after_ticks(facts, newer)
    assert time_flags(after_ticks(facts, newer, older)) == time_flags(after_ticks(facts, older, newer))


def test_a_later_fact_of_the_village_counts_when_it_is_later_than_the_clock() -> None:
    facts = replace(quiet_village_with_an_allocation(), position=StreamPosition(2, ALLOCATED + timedelta(days=120)))
    [flag] = time_flags(after_ticks(facts, ALLOCATED + timedelta(days=100)))
    assert flag.evidence.endswith(f"as of {(ALLOCATED + timedelta(days=120)).isoformat()}")


def test_a_tick_past_the_deadline_raises_risk_unattended_and_one_before_it_nothing() -> None:
    facts = quiet_village_with_a_risk()
    assert time_flags(after_ticks(facts, ALLOCATED + UNATTENDED)) == []
    tick = ALLOCATED + UNATTENDED + timedelta(days=1)
    [flag] = time_flags(after_ticks(facts, tick))
    assert (flag.rule, flag.subject, flag.since) == ("risk-unattended", "h", ALLOCATED + UNATTENDED)
    assert flag.evidence.endswith(f"as of {tick.isoformat()}")
    assert time_flags(after_ticks(facts, tick, ALLOCATED)) == [flag]


@given(age=st.integers(min_value=0, max_value=400 * 24 * 60))
def test_the_deadlines_a_tick_makes_due_are_exactly_those_the_flags_find(age: int) -> None:
    tick = datetime(2013, 6, 1, tzinfo=UTC)
    since = tick - timedelta(minutes=age)
    due = due_before(tick, RULES)
    idle = time_flags(after_ticks(quiet_village_with_an_allocation(since), tick))
    unattended = time_flags(after_ticks(quiet_village_with_a_risk(since), tick))
    assert bool(idle) == (since < due.allocated)
    assert bool(unattended) == (since < due.risk_open)
