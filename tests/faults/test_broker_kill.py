"""kill -9 of the Kafka broker while households are registered and the
assessment consumes: the registry keeps acknowledging (the outbox holds the
events), and once the broker is back every acknowledged registration arrives
and counts exactly once."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer
from sqlalchemy import select

from chassis.kafka import API_VERSION
from chassis.testing.processes import ServiceSubprocess

from faults.harness import (Registrations, assessed_households, assessment_state, rebuilt_state, rows,
                            stored_households, wait_for)


def household_events(bootstrap: str, topic: str, at_least: int) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=API_VERSION,
                             group_id=f"reader-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=300).values() for r in rs)
                 or len(found) >= at_least, timeout=60, what=f"{at_least} events on {topic}")
    finally:
        consumer.close()
    return found


def test_a_broker_killed_mid_load_loses_nothing_acknowledged_and_the_assessment_counts_each_household_once(
        own_broker: Any, database_factory: Callable[[str], str], processes: list[ServiceSubprocess]) -> None:
    from registry.adapters import orm as registry_orm

    prefix = f"f-{uuid.uuid4().hex[:10]}."
    own_broker.create_topics(prefix)
    bootstrap = own_broker.bootstrap
    assessment_db, registry_db = database_factory("assessment"), database_factory("registry")
    processes.append(ServiceSubprocess("assessment", assessment_db, bootstrap, prefix).start())
    registry = ServiceSubprocess("registry", registry_db, bootstrap, prefix)
    processes.append(registry.start())
    with Registrations(registry.grpc_target) as load:
        wait_for(lambda: len(assessed_households(assessment_db)) >= 20, timeout=60, what="events flowing")
        own_broker.kill()
        at_kill = load.count()
        # The registry needs no broker to acknowledge: its outbox holds the events.
        wait_for(lambda: load.count() >= at_kill + 30, what="registrations while the broker is dead")
        own_broker.start()
        at_restart = load.count()
        wait_for(lambda: load.count() >= at_restart + 30, what="registrations after the broker is back")
    assert not load.failures

    stored = stored_households(registry_db)
    assert stored == load.acknowledged
    wait_for(lambda: len(assessed_households(assessment_db)) >= len(stored), timeout=120,
             what="the assessment catching up after the broker restart")
    assert sorted(assessed_households(assessment_db)) == sorted(stored)

    # Every outbox row reached the topic; a relay retry may have sent one twice,
    # under the same event id, which the inbox made harmless.
    sent = {r[0] for r in rows(registry_db, select(registry_orm.outbox.c.event_id))}
    arrived = household_events(bootstrap, prefix + "registry.household.v1", len(sent))
    assert {dict(r.headers)["id"].decode() for r in arrived} == sent

    rebuilt = rebuilt_state(bootstrap, prefix, database_factory("rebuilt"))
    assert rebuilt == assessment_state(assessment_db)
