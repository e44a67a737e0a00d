"""Exactly one effect per event, whatever the relay, the broker or a sender does:
crashes around publishing, redelivery, garbage and unknown messages."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from kafka import KafkaConsumer
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.kafka import Envelope, make_producer
from chassis.outbox import drain

from e2e_support import household_request, summary_of, wait_for

TOPIC = "registry.household.v1"


def sample(metrics: Any, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


def outbox_rows(registry: Any) -> list[Any]:
    from sqlalchemy import select

    from registry.adapters import orm

    with registry.engine.connect() as connection:
        return connection.execute(select(orm.outbox).order_by(orm.outbox.c.id)).all()


def test_a_relay_stopped_after_the_commit_publishes_on_restart_and_the_household_counts_once(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))  # no relay: it "died" after the commit
    assessment = start_service("assessment")
    registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office")).RegisterHousehold(household_request(), timeout=5)
    [row] = outbox_rows(registry.service)
    assert row.published_at is None
    assert summary_of(assessment).registered_households == 0

    restarted = start_service("registry", parts=("relay",), database_url=str(registry.service.engine.url
                                                                             .render_as_string(hide_password=False)))
    wait_for(lambda: summary_of(assessment).registered_households == 1)
    assert outbox_rows(registry.service)[0].published_at is not None
    assert summary_of(assessment).registered_people == 3
    del restarted


def test_a_relay_that_dies_between_publishing_and_marking_republishes_and_the_consumer_counts_once(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    assessment = start_service("assessment")
    stub = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    stub.RegisterHousehold(household_request(seed=1), timeout=5)
    stub.RegisterHousehold(household_request(seed=2, people=2), timeout=5)

    relay = registry.service.relay

    def crash(_ids: list[int]) -> None:
        raise RuntimeError("relay killed after the broker acknowledged")

    relay.after_publish_hook = crash
    with pytest.raises(RuntimeError):
        relay.publish_batch()
    assert all(row.published_at is None for row in outbox_rows(registry.service))

    relay.after_publish_hook = None
    drain(relay)  # the "restarted" relay publishes both events a second time
    wait_for(lambda: sample(assessment.service.metrics, "shuangdao_events_duplicate_total",
                            topic=registry.service.settings.topic(TOPIC), type="household-registered") == 2)
    summary = summary_of(assessment)
    assert (summary.registered_households, summary.registered_people) == (2, 5)


def publish_raw(kafka_bootstrap: str, topic: str, key: bytes, value: bytes,
                headers: list[tuple[str, bytes]]) -> None:
    producer = make_producer(kafka_bootstrap, "test-raw")
    try:
        producer.send(topic, key=key, value=value, headers=headers).get(timeout=10)
    finally:
        producer.close()


def test_the_same_event_delivered_twice_is_counted_once(start_service: Callable[..., Any],
                                                         kafka_bootstrap: str) -> None:
    registry = start_service("registry", parts=("grpc",))
    assessment = start_service("assessment")
    registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office")).RegisterHousehold(household_request(), timeout=5)
    [row] = outbox_rows(registry.service)
    envelope = Envelope(id=row.event_id, source=row.source, type=row.type, schema=row.schema, time=row.occurred_at)
    topic = registry.service.settings.topic(TOPIC)
    for _ in range(2):
        publish_raw(kafka_bootstrap, topic, row.key.encode(), row.payload, envelope.headers())
    metrics = assessment.service.metrics
    wait_for(lambda: sample(metrics, "shuangdao_events_duplicate_total", topic=topic,
                            type="household-registered") == 1)
    assert sample(metrics, "shuangdao_events_consumed_total", topic=topic, type="household-registered") == 1
    assert summary_of(assessment).registered_households == 1


def read_all(kafka_bootstrap: str, topic: str, expected: int, timeout_s: float = 20) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, api_version=(4, 3),
                             group_id=f"reader-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=200).values() for r in rs)
                 or len(found) >= expected, timeout=timeout_s)
    finally:
        consumer.close()
    return found


def test_garbage_and_unknown_messages_go_to_the_dlq_with_a_reason_and_good_events_still_flow(
        start_service: Callable[..., Any], kafka_bootstrap: str) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    topic = registry.service.settings.topic(TOPIC)
    key = b"00000000-0000-4000-8000-000000000001"
    publish_raw(kafka_bootstrap, topic, key, b"\xff\x00garbage\x13\x37", Envelope.new(
        "test", "household-registered", "shuangdao.registry.v1.HouseholdRegistered").headers())
    publish_raw(kafka_bootstrap, topic, key, b"", Envelope.new(
        "test", "household-teleported", "shuangdao.registry.v1.HouseholdTeleported").headers())
    publish_raw(kafka_bootstrap, topic, key, b"no headers at all", [])

    registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office")).RegisterHousehold(household_request(), timeout=5)
    wait_for(lambda: summary_of(assessment).registered_households == 1)

    dead = read_all(kafka_bootstrap, f"{topic}.dlq", expected=3)
    reasons = sorted(dict(r.headers)["dlq-reason"].decode() for r in dead)
    assert len(dead) == 3
    assert reasons[0].startswith("bad-headers: missing header(s)")
    assert reasons[1].startswith("undecodable:")
    assert reasons[2].startswith("unknown-type:")
    garbage = next(r for r in dead if dict(r.headers)["dlq-reason"].startswith(b"undecodable"))
    assert garbage.value == b"\xff\x00garbage\x13\x37"
    assert dict(garbage.headers)["type"] == b"household-registered"  # original headers kept
    assert dict(garbage.headers)["dlq-original-topic"] == topic.encode()
