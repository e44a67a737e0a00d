"""The machine's own limits for the pipeline's work: kafka-python producing and
consuming messages of the pipeline's size, and PostgreSQL inserting the same
household and member rows with plain batched INSERTs (no application code)."""
from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from sqlalchemy import (Column, Date, DateTime, Engine, Integer, MetaData, String, Table, create_engine, insert)

from bench.province import Household

API_VERSION = (4, 3)


@dataclass(frozen=True)
class Rate:
    what: str
    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else float("inf")


def kafka_roundtrip(bootstrap: str, count: int, size: int) -> tuple[Rate, Rate]:
    """Produces `count` messages of `size` bytes (acks=all, idempotent, as the
    relay does) to a fresh topic, then consumes them all."""
    topic = f"bench-raw-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, api_version=API_VERSION)
    admin.create_topics([NewTopic(topic, 6, 1)])
    admin.close()
    payload = b"x" * size
    producer = KafkaProducer(bootstrap_servers=bootstrap, api_version=API_VERSION, acks="all",
                             enable_idempotence=True, linger_ms=5, batch_size=256 * 1024)
    headers = [("id", b"0" * 36), ("source", b"bench"), ("type", b"household-registered"),
               ("schema", b"shuangdao.registry.v1.HouseholdRegistered"), ("time", b"2026-01-01T00:00:00Z")]
    started = time.perf_counter()
    for n in range(count):
        producer.send(topic, key=str(n).encode(), value=payload, headers=headers)
    producer.flush()
    produced = Rate("kafka produce (acks=all, idempotent)", count, time.perf_counter() - started)
    producer.close()

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=API_VERSION,
                             group_id=f"bench-{uuid.uuid4().hex[:6]}", auto_offset_reset="earliest",
                             enable_auto_commit=False, max_poll_records=2000)
    seen = 0
    started = time.perf_counter()
    while seen < count:
        for records in consumer.poll(timeout_ms=500).values():
            seen += len(records)
    consumed = Rate("kafka consume", count, time.perf_counter() - started)
    consumer.close()
    return produced, consumed


def _tables(metadata: MetaData) -> tuple[Table, Table]:
    households = Table("raw_households", metadata,
                       Column("id", String(36), primary_key=True), Column("village_code", String(12)),
                       Column("county_code", String(12)), Column("township_code", String(12)),
                       Column("city_code", String(12)), Column("province_code", String(12)),
                       Column("category", String(20)), Column("status", String(30)),
                       Column("registered_at", DateTime(timezone=True)))
    members = Table("raw_members", metadata,
                    Column("household_id", String(36), primary_key=True), Column("position", Integer, primary_key=True),
                    Column("name", String(50)), Column("national_id", String(64), unique=True),
                    Column("relation", String(20)), Column("sex", String(12)), Column("birth_date", Date))
    return households, members


def postgres_inserts(database_url: str, households: Iterable[Household], batch: int = 1000) -> Rate:
    """Households and their members with executemany in batches, one
    transaction per batch: what a well-written loader gets from this database."""
    engine: Engine = create_engine(database_url)
    metadata = MetaData()
    household_table, member_table = _tables(metadata)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    now = datetime.now(UTC)
    count = 0
    started = time.perf_counter()
    pending: list[Household] = []

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert(household_table), [
                {"id": h.household_id, "village_code": h.village_code, "county_code": h.village_code[:6] + "000000",
                 "township_code": h.village_code[:9] + "000", "city_code": h.village_code[:4] + "00000000",
                 "province_code": h.village_code[:2] + "0" * 10, "category": h.category, "status": "registered",
                 "registered_at": now} for h in pending])
            connection.execute(insert(member_table), [
                {"household_id": h.household_id, "position": n, "name": m.name, "national_id": m.national_id,
                 "relation": m.relation, "sex": m.sex, "birth_date": datetime.fromisoformat(m.birth_date).date()}
                for h in pending for n, m in enumerate(h.members)])
        pending.clear()

    for household in households:
        pending.append(household)
        count += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    rate = Rate("postgres insert (households + members)", count, time.perf_counter() - started)
    metadata.drop_all(engine)
    engine.dispose()
    return rate
