"""The outbox's "event recorded" log: one line for a single event, a few
lines naming every id for a batch (a thousand records per batch cost the
registry a tenth of its time)."""
from __future__ import annotations

import logging

import pytest

from chassis.kafka import Envelope
from chassis.outbox import IDS_PER_LINE, OutgoingEvent, log_recorded


def event(event_type: str = "household-registered", topic: str = "registry.household.v1") -> OutgoingEvent:
    return OutgoingEvent(topic=topic, key="k", envelope=Envelope.new("registry", event_type, "schema"), payload=b"")


def fields_of(caplog: pytest.LogCaptureFixture) -> list[tuple[str, dict[str, object]]]:
    return [(r.getMessage(), r.fields) for r in caplog.records if r.name == "chassis.outbox"]  # type: ignore[attr-defined]


def test_a_single_event_gets_its_own_event_recorded_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="chassis.outbox")
    one = event()
    log_recorded([one])
    assert fields_of(caplog) == [("event recorded", {"event_id": one.envelope.id,
                                                      "event_type": "household-registered",
                                                      "topic": "registry.household.v1"})]


def test_a_batch_is_logged_in_lines_of_ids_per_type_and_topic_naming_every_event(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="chassis.outbox")
    registered = [event() for _ in range(IDS_PER_LINE * 2 + 5)]
    other = [event("submission-decided", "registry.submission-result.v1") for _ in range(3)]
    log_recorded(registered + other)
    lines = fields_of(caplog)
    assert [message for message, _ in lines] == ["events recorded"] * 4
    assert [f["count"] for _, f in lines] == [IDS_PER_LINE, IDS_PER_LINE, 5, 3]
    logged = [i for _, f in lines for i in f["event_ids"]]  # type: ignore[attr-defined]
    assert logged == [e.envelope.id for e in registered + other]
    assert {(f["event_type"], f["topic"]) for _, f in lines[3:]} == {("submission-decided",
                                                                       "registry.submission-result.v1")}
