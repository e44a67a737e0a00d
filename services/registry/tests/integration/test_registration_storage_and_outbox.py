"""The registry against real PostgreSQL and Kafka: the household and its event
commit together, and the relay publishes the event as the contract says."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from kafka import KafkaConsumer
from shuangdao.registry.v1 import events_pb2
from sqlalchemy import func, select

from chassis.outbox import drain
from chassis.testing.fixtures import common_settings
from registry.adapters import orm
from registry.bootstrap import Registry, bootstrap
from registry.config import Settings
from registry.domain import commands

VILLAGE = "441826108201"


def a_registry(postgres_url: str, kafka_bootstrap: str, prefix: str) -> Registry:
    return bootstrap(Settings(common=common_settings("registry", postgres_url, kafka_bootstrap, prefix)))


def register(registry: Registry, **overrides: object) -> str:
    command = commands.RegisterHousehold(
        village_code=VILLAGE, category="able_to_work",
        members=(commands.MemberInput(name="Fang Ming", relation="head", sex="male", birth_date="1970-01-01"),
                 commands.MemberInput(name="Fang Xiao", relation="child", sex="female", birth_date="2005-06-01")))
    return registry.bus.handle(commands.RegisterHousehold(**{**command.__dict__, **overrides}))


def count(registry: Registry, table: object) -> int:
    with registry.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()  # type: ignore[arg-type]


def test_registering_stores_the_household_its_members_and_one_outbox_event(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    registry = a_registry(postgres_url, kafka_bootstrap, topic_prefix)
    household_id = register(registry)
    stored = registry.get_household(household_id)
    assert [m.name for m in stored.members] == ["Fang Ming", "Fang Xiao"]
    assert (count(registry, orm.households), count(registry, orm.members), count(registry, orm.outbox)) == (1, 2, 1)


def test_a_retried_registration_with_the_same_household_id_registers_once(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    registry = a_registry(postgres_url, kafka_bootstrap, topic_prefix)
    chosen = str(uuid.uuid4())
    assert register(registry, household_id=chosen) == chosen
    assert register(registry, household_id=chosen) == chosen
    assert (count(registry, orm.households), count(registry, orm.outbox)) == (1, 1)


def test_the_relay_publishes_the_event_keyed_by_household_with_its_headers_and_marks_it(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    registry = a_registry(postgres_url, kafka_bootstrap, topic_prefix)
    household_id = register(registry)
    drain(registry.relay)
    registry.relay.close()

    topic = registry.settings.topic("registry.household.v1")
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, api_version=(4, 3),
                             group_id=f"check-{uuid.uuid4().hex[:6]}", auto_offset_reset="earliest",
                             consumer_timeout_ms=10000)
    record = next(iter(consumer))
    consumer.close()
    headers = dict(record.headers)
    assert record.key == household_id.encode()
    assert headers["type"] == b"household-registered"
    assert headers["schema"] == b"shuangdao.registry.v1.HouseholdRegistered"
    assert headers["source"] == b"shuangdao/registry"
    uuid.UUID(headers["id"].decode())
    assert headers["time"].decode().endswith("Z")
    event = events_pb2.HouseholdRegistered.FromString(record.value)
    assert (event.household_id, event.member_count, event.divisions.village_code) == (household_id, 2, VILLAGE)
    assert b"Fang" not in record.value
    assert registry.metrics.registry.get_sample_value("shuangdao_outbox_backlog") == 0
    assert registry.metrics.registry.get_sample_value(
        "shuangdao_events_published_total", {"topic": topic, "type": "household-registered"}) == 1
