"""The province's clock on real PostgreSQL: a tick raises the time-based flags
of quiet villages whose deadlines have passed, touches no other village, and
changes nothing when it comes again or comes late."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from assessment.adapters import orm, translators
from assessment.bootstrap import Assessment
from assessment.service_layer.assess import advance_clock
from assessment.testing import builders as b

QUIET, BUSY, CALM = "441826108201", "441826108202", "441826108203"


def villages() -> list[b.Built]:
    """QUIET: an allocation on 2012-06-01 and nothing after. BUSY: its
    allocation was disbursed, and a risk was cleared. CALM: a risk flagged on
    2012-09-01, still within its 30 days at the tick of 2012-09-10."""
    return [b.registered("q-h", QUIET, 3, "2011-01-10T00:00:00Z"),
            b.allocated("idle", QUIET, 100000, "2012-06-01T00:00:00Z"),
            b.registered("b-h", BUSY, 3, "2011-01-10T00:00:00Z"),
            b.allocated("used", BUSY, 100000, "2012-06-01T00:00:00Z"),
            b.disbursed("d", "used", BUSY, 100000, "2012-06-20T00:00:00Z"),
            b.risk_flagged("b-h", BUSY, "2012-06-02T00:00:00Z"), b.risk_cleared("b-h", BUSY, "2012-06-05T00:00:00Z"),
            b.registered("c-h", CALM, 3, "2011-01-10T00:00:00Z"),
            b.risk_flagged("c-h", CALM, "2012-09-01T00:00:00Z")]


def outbox_types(assessment: Assessment) -> list[tuple[str, str]]:
    with assessment.engine.connect() as connection:
        return [(r.type, r.key) for r in connection.execute(select(orm.outbox).order_by(orm.outbox.c.id))]


def active_flags(assessment: Assessment) -> dict[tuple[str, str], str]:
    with assessment.engine.connect() as connection:
        return {(r.target_id, r.rule): r.evidence
                for r in connection.execute(select(orm.flags).where(orm.flags.c.active.is_(True)))}


def test_a_tick_raises_funds_idle_for_a_quiet_village_once_however_often_it_comes(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]]) -> None:
    feed(villages())
    assert (QUIET, "funds-idle") not in active_flags(assessment)
    before = len(outbox_types(assessment))

    feed([b.tick("2012-09-10T00:00:00Z")])
    flags = active_flags(assessment)
    assert flags[(QUIET, "funds-idle")].endswith("as of 2012-09-10T00:00:00+00:00")
    raised = outbox_types(assessment)[before:]
    assert [t for t, _ in raised] == ["flag-raised"]  # one flag; no score moved
    after_tick = state(assessment)

    # The same tick again (a new event id, as a second publisher would send)
    # and an older one: nothing changes, nothing is announced.
    feed([b.tick("2012-09-10T00:00:00Z"), b.tick("2012-08-01T00:00:00Z")])
    assert state(assessment) == after_tick
    assert len(outbox_types(assessment)) == before + 1


def test_a_tick_touches_only_the_villages_with_a_deadline_passed(assessment: Assessment,
                                                                  feed: Callable[..., None]) -> None:
    feed(villages())
    busy = {key: evidence for key, evidence in active_flags(assessment).items() if key[0] == BUSY}
    with assessment.new_uow() as uow:
        assert advance_clock(translators.inbound(*b.tick("2012-09-10T00:00:00Z"), appended_at=b.BROKER_TIME).as_of,  # type: ignore[attr-defined]
                             uow, assessment.rubric) == [QUIET]
        uow.commit()
    with assessment.new_uow() as uow:
        # A later tick makes CALM's risk unattended too; QUIET, flagged already, is re-evaluated for its evidence.
        assert advance_clock(translators.inbound(*b.tick("2012-10-05T00:00:00Z"), appended_at=b.BROKER_TIME).as_of,  # type: ignore[attr-defined]
                             uow, assessment.rubric) == [QUIET, CALM]
        uow.commit()
    flags = active_flags(assessment)
    assert flags[(QUIET, "funds-idle")].endswith("as of 2012-10-05T00:00:00+00:00")
    assert flags[(CALM, "risk-unattended")].endswith("as of 2012-10-05T00:00:00+00:00")
    assert {key: evidence for key, evidence in flags.items() if key[0] == BUSY} == busy
    assert not {rule for _, rule in busy} & {"funds-idle", "risk-unattended"}


def test_a_fact_arriving_after_a_tick_is_assessed_against_the_clock(
        assessment: Assessment, feed: Callable[..., None]) -> None:
    feed([b.tick("2012-09-10T00:00:00Z")])
    feed(villages())  # the allocation arrives late: the clock already stands past its deadline
    assert active_flags(assessment)[(QUIET, "funds-idle")].endswith("as of 2012-09-10T00:00:00+00:00")


def test_a_tick_in_a_poll_batch_with_facts_settles_as_one_at_a_time(
        assessment: Assessment, feed: Callable[..., None], state: Callable[[Assessment], dict[str, Any]],
        wipe: Callable[[Assessment], None]) -> None:
    events = villages() + [b.tick("2012-10-05T00:00:00Z"), b.tick("2012-09-10T00:00:00Z")]
    feed(events)
    expected = state(assessment)
    wipe(assessment)
    batch = [(translators.inbound(t, m, appended_at=b.BROKER_TIME), f"00000000-0000-4000-8000-{n:012d}") for n, (t, m) in enumerate(events)]
    assert assessment.apply_batch(batch[:4]) == [True] * 4
    assert assessment.apply_batch(batch[-1:] + batch[4:-1]) == [True] * (len(batch) - 4)
    assert state(assessment) == expected
    assert (CALM, "risk-unattended") in active_flags(assessment)


def test_a_tick_without_a_moment_or_zone_is_refused_with_its_reason() -> None:
    import pytest
    from shuangdao.assessment.v1 import events_pb2

    from chassis.inbox import InvalidEvent

    with pytest.raises(InvalidEvent, match="as_of is empty"):
        translators.inbound("clock-ticked", events_pb2.ClockTicked(), "2013-01-01T00:00:00Z")
    with pytest.raises(InvalidEvent, match="as_of must carry a time zone"):
        translators.inbound("clock-ticked", events_pb2.ClockTicked(as_of="2013-01-01T00:00:00"))
    with pytest.raises(InvalidEvent, match="as_of must be an RFC 3339 time"):
        translators.inbound("clock-ticked", events_pb2.ClockTicked(as_of="next tuesday"))


def test_a_tick_ahead_of_the_brokers_append_time_or_without_one_is_refused() -> None:
    from datetime import UTC, datetime

    import pytest
    from shuangdao.assessment.v1 import events_pb2

    from chassis.inbox import InvalidEvent

    appended = datetime(2013, 1, 1, 12, 0, tzinfo=UTC)
    within = translators.inbound("clock-ticked", events_pb2.ClockTicked(as_of="2013-01-01T12:04:00Z"),
                                 appended_at=appended)
    assert within.as_of == datetime(2013, 1, 1, 12, 4, tzinfo=UTC)  # type: ignore[attr-defined]
    with pytest.raises(InvalidEvent, match="ahead of the broker's append time 2013-01-01T12:00:00"):
        translators.inbound("clock-ticked", events_pb2.ClockTicked(as_of="2013-01-01T12:06:00Z"),
                            appended_at=appended)
    with pytest.raises(InvalidEvent, match="LogAppendTime"):
        translators.inbound("clock-ticked", events_pb2.ClockTicked(as_of="2013-01-01T12:00:00Z"))
