"""Poison injected into the live topics while registrations flow: garbage,
broken envelopes, the wrong schema and hostile field values are each
dead-lettered with a reason, and nothing else is lost, blocked or doubled."""
from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer
from shuangdao.funds.v1 import events_pb2 as funds_events
from shuangdao.registry.v1 import events_pb2 as registry_events

from chassis.kafka import API_VERSION, Envelope, make_producer

from assessment.testing import builders as b
from faults.harness import (Registrations, assessed_households, assessment_state, rebuilt_state, stored_households,
                            wait_for)

HOUSEHOLDS = "registry.household.v1"
LEDGER = "funds.ledger.v1"
Poison = tuple[str, bytes | None, list[tuple[str, bytes]]]  # topic, value, headers


def envelope(type_: str = "household-registered", schema: str = "shuangdao.registry.v1.HouseholdRegistered",
             **override: bytes) -> list[tuple[str, bytes]]:
    headers = dict(Envelope(id=str(uuid.uuid4()), source="intruder", type=type_, schema=schema,
                            time="2013-01-01T00:00:00Z").headers())
    headers.update(override)
    return list(headers.items())


def registered(**fields: Any) -> bytes:
    _, message = b.registered("h-hostile", "441826108201", 3, "2012-01-01T00:00:00Z")
    for name, value in fields.items():
        if name == "village_code":
            message.divisions.village_code = value
        else:
            setattr(message, name, value)
    return message.SerializeToString()


def poisons() -> list[Poison]:
    disbursed = b.disbursed("d-hostile", "a-hostile", "441826108201", 1000, "2012-06-01T00:00:00Z")[1]
    return [
        # garbage and broken envelopes
        (HOUSEHOLDS, b"\x00\xffnot protobuf at all\xfe", []),
        (HOUSEHOLDS, registered(), envelope()[:2]),  # headers cut short
        (HOUSEHOLDS, registered(), envelope(id=b"1; DROP TABLE processed_events")),
        (HOUSEHOLDS, registered(), envelope(type=b"\xff\xfe\xfd")),  # not UTF-8
        (HOUSEHOLDS, registered(), envelope(type_="household-teleported")),
        (HOUSEHOLDS, None, envelope()),  # a tombstone where an event belongs
        # the wrong schema, and bytes that are not the schema they claim
        (HOUSEHOLDS, registered(), envelope(schema=funds_events.FundsDisbursed.DESCRIPTOR.full_name)),
        (HOUSEHOLDS, b"\x0a\x04\xff\xfe\xfd\xfc", envelope()),  # household_id not UTF-8
        (HOUSEHOLDS, b"\x0a\xff\xff\xff\xff\x0f", envelope()),  # length beyond the message
        (LEDGER, disbursed.SerializeToString(), envelope("funds-disbursed", "shuangdao.funds.v1.FundsAllocated")),
        # hostile values in a well-formed event
        (HOUSEHOLDS, registered(household_id="h" * 5000), envelope()),
        (HOUSEHOLDS, registered(household_id="nul\x00inside"), envelope()),
        (HOUSEHOLDS, registered(village_code="441826108201'; DROP TABLE registered_households; --"), envelope()),
        (HOUSEHOLDS, registered(member_count=-3, registered_at="yesterday"), envelope()),
        (HOUSEHOLDS, registered(category=99, entry_income_per_capita_fen=-(2**63)), envelope()),
    ]


def dead_letters(kafka_bootstrap: str, topics: list[str], expected: int) -> list[Any]:
    consumer = KafkaConsumer(*topics, bootstrap_servers=kafka_bootstrap, api_version=API_VERSION,
                             group_id=f"dlq-reader-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=300).values() for r in rs)
                 or len(found) >= expected, timeout=60, what=f"{expected} dead letters")
        found.extend(r for rs in consumer.poll(timeout_ms=1000).values() for r in rs)  # and no more
    finally:
        consumer.close()
    return found


def inject(kafka_bootstrap: str, prefix: str, load: Registrations, poison: list[Poison]) -> None:
    """Each poison goes in between acknowledged registrations, so good events
    sit on both sides of it in the same partitions."""
    producer = make_producer(kafka_bootstrap, "intruder")
    try:
        for n, (topic, value, headers) in enumerate(poison):
            wait_for(lambda: load.count() >= 3 * n, what="registrations between poisons")
            producer.send(prefix + topic, key=f"poison-{n}".encode(), value=value, headers=headers)
            producer.flush(timeout=30)
    finally:
        producer.close()


def test_poison_in_the_topics_is_dead_lettered_with_a_reason_and_every_good_event_counts_once(
        start_service: Callable[..., Any], database_factory: Callable[[str], str], kafka_bootstrap: str,
        topic_prefix: str) -> None:
    assessment = start_service("assessment")
    assessment_db = assessment.service.engine.url.render_as_string(hide_password=False)
    registry = start_service("registry")
    registry_db = registry.service.engine.url.render_as_string(hide_password=False)
    poison = poisons()
    with Registrations(registry.grpc_target) as load:
        injector = threading.Thread(target=inject, args=(kafka_bootstrap, topic_prefix, load, poison))
        injector.start()
        injector.join(timeout=120)
        wait_for(lambda: load.count() >= 3 * len(poison) + 10, what="registrations after the last poison")
    assert not load.failures

    stored = stored_households(registry_db)
    assert stored == load.acknowledged
    wait_for(lambda: len(assessed_households(assessment_db)) >= len(stored), timeout=60,
             what="the assessment past every poison")
    letters = dead_letters(kafka_bootstrap, [f"{topic_prefix}{t}.dlq" for t in (HOUSEHOLDS, LEDGER)], len(poison))
    assert sorted(r.key for r in letters) == sorted(f"poison-{n}".encode() for n in range(len(poison)))
    assert all(dict(r.headers).get("dlq-reason") for r in letters)
    assert sorted(assessed_households(assessment_db)) == sorted(stored)  # poison counted nothing

    rebuilt = rebuilt_state(kafka_bootstrap, topic_prefix, database_factory("rebuilt"))
    assert rebuilt == assessment_state(assessment_db)
