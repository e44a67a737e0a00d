"""Duplicates and interleavings cannot change a result: the same events in any
order, some delivered twice (under a new event id, as a replaying producer
would), leave the same scores, flags and figures."""
from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.bootstrap import Assessment
from assessment.testing import builders as b

V1, V2 = "441826108201", "441826108202"


def scenario() -> list[b.Built]:
    """Two villages of one county; events that depend on each other's order:
    surveys and corrections, a risk and its clearing, a disbursement and its
    reversal, attendance revisions, a project counted against the registry,
    clock ticks that make a deadline pass."""
    events: list[b.Built] = []
    for village, homes in ((V1, 4), (V2, 3)):
        for n in range(homes):
            h = f"{village[-1]}-h{n}"
            events += [b.registered(h, village, 3, "2011-01-10T00:00:00Z"),
                       b.survey(f"{h}-2011", h, village, 2011, 3, 140000 + n * 1000, "2011-12-15T00:00:00Z"),
                       b.survey(f"{h}-2012", h, village, 2012, 3, 260000, "2012-12-15T00:00:00Z")]
        events.append(b.exited(f"{village[-1]}-h0", village, 2012, 3, "2012-12-20T00:00:00Z"))
    events += [
        b.survey("fix", "1-h1", V1, 2012, 3, 240000, "2013-01-02T00:00:00Z", supersedes="1-h1-2012"),
        b.returned("1-h0", V1, 2013, 3, "2013-02-01T00:00:00Z"),
        b.risk_flagged("1-h2", V1, "2013-01-05T00:00:00Z"), b.risk_cleared("1-h2", V1, "2013-01-06T00:00:00Z"),
        b.risk_flagged("2-h1", V2, "2013-01-05T00:00:00Z"),
        b.paired("p", "u", V1, "2012-01-01"), b.stationed("c", "u", "p", V1, "2012-02-01"),
        b.attendance("c", "u", V1, "2013-01", 20, 6, revision=1), b.attendance("c", "u", V1, "2013-01", 20, 1, revision=2),
        b.inspection("i", "c", "u", V1, "2013-01-20", False),
        b.allocated("a", V1, 500000, "2012-06-01T00:00:00Z"), b.disbursed("d", "a", V1, 300000, "2012-07-01T00:00:00Z"),
        b.reversed_("r", "d", "a", V1, 50000, "2012-07-02T00:00:00Z"),
        b.allocated("idle", V2, 100000, "2012-06-01T00:00:00Z"),
        b.project("pr", V2, 5, "2012-05-01T00:00:00Z"),
        b.collective_income("ci-old", V1, 2012, 1000000, "2013-01-01T00:00:00Z"),
        b.collective_income("ci-new", V1, 2012, 2000000, "2013-01-03T00:00:00Z"),
        # The province's clock, a newer tick and an older one: 2-h1's risk,
        # quiet since 2013-01-05, is left unattended by the newer.
        b.tick("2013-02-10T00:00:00Z"), b.tick("2013-01-20T00:00:00Z"),
    ]
    return events


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), duplicates=st.integers(min_value=0, max_value=8))
def test_any_order_and_any_duplicates_give_the_same_scores_flags_and_figures(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]],
        wipe: Callable[[Assessment], None], seed: int, duplicates: int) -> None:
    events = scenario()
    wipe(assessment)
    feed(events)
    expected = state(assessment)
    assert expected["scores"] and expected["flags"]
    assert any(rule == "risk-unattended" and evidence.endswith("as of 2013-02-10T00:00:00+00:00")
               for _, _, rule, evidence, _ in expected["flags"].values())

    shuffled = list(events)
    chance = random.Random(seed)
    shuffled += chance.sample(events, duplicates)
    chance.shuffle(shuffled)
    wipe(assessment)
    feed(shuffled)
    assert state(assessment) == expected


def test_the_same_event_id_delivered_twice_is_applied_once(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]]) -> None:
    events = scenario()
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(len(events))]
    feed(events, ids)
    once = state(assessment)
    from assessment.adapters import translators

    assert not any(assessment.apply(translators.inbound(t, m, appended_at=b.BROKER_TIME), i) for (t, m), i in zip(events, ids))
    assert state(assessment) == once


def test_reversed_delivery_across_topics_gives_the_same_result(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]],
        wipe: Callable[[Assessment], None]) -> None:
    events = scenario()
    feed(events)
    expected = state(assessment)
    wipe(assessment)
    feed(list(reversed(events)))  # surveys before registrations, reversals before disbursements...
    assert state(assessment) == expected


def test_a_poll_batch_applied_in_one_transaction_gives_the_same_result_as_one_event_at_a_time(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]],
        wipe: Callable[[Assessment], None]) -> None:
    from assessment.adapters import translators

    events = scenario()
    feed(events)
    expected = state(assessment)
    wipe(assessment)
    batch = [(translators.inbound(t, m, appended_at=b.BROKER_TIME), f"00000000-0000-4000-8000-{n:012d}") for n, (t, m) in enumerate(events)]
    outcomes = assessment.apply_batch(batch[:20] + batch[:3])  # three redelivered within the batch
    assert outcomes == [True] * 20 + [False] * 3
    assert assessment.apply_batch(batch[15:]) == [False] * 5 + [True] * (len(batch) - 20)
    assert state(assessment) == expected


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), cuts=st.integers(min_value=1, max_value=4))
def test_shuffled_events_applied_in_bulk_batches_with_replays_give_the_same_result_as_one_at_a_time(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]],
        wipe: Callable[[Assessment], None], seed: int, cuts: int) -> None:
    # A batch writes its facts with one statement per table and reassesses its
    # villages in bulk: revisions, corrections and replays (a new event id,
    # the same fact) inside one batch must still settle as one by one would.
    from assessment.adapters import translators

    events = scenario()
    wipe(assessment)
    feed(events)
    expected = state(assessment)
    wipe(assessment)
    rng = random.Random(seed)
    decoded = [translators.inbound(t, m, appended_at=b.BROKER_TIME) for t, m in events]
    replayed = decoded + rng.sample(decoded, 6)
    rng.shuffle(replayed)
    batch = [(event, f"00000000-0000-4000-9000-{n:012d}") for n, event in enumerate(replayed)]
    bounds = sorted(rng.sample(range(1, len(batch)), cuts))
    for start, end in zip([0] + bounds, bounds + [len(batch)]):
        assert assessment.apply_batch(batch[start:end]) == [True] * (end - start)
    assert state(assessment) == expected
