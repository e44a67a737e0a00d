"""Idempotent consumption: a processed-event row keyed by (consumer group,
event id) is written in the same transaction as the event's effect; Kafka
offsets are committed only after that transaction. Anything that cannot be
decoded or validated goes to `<topic>.dlq` with the reason and the original
headers, and the consumer moves on."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from google.protobuf.message import DecodeError, Message
from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import OffsetAndMetadata, TopicPartition
from sqlalchemy import Column, Connection, DateTime, MetaData, String, Table, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError

from chassis.kafka import Envelope, EnvelopeError, dlq_topic
from chassis.logging import bound, event_id_var
from chassis.metrics import ServiceMetrics

log = logging.getLogger(__name__)


def processed_events_table(metadata: MetaData) -> Table:
    return Table(
        "processed_events", metadata,
        Column("consumer_group", String(200), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False),
    )


def already_processed(connection: Connection, table: Table, group: str, event_id: str) -> bool:
    return bool(connection.execute(select(exists().where(
        table.c.consumer_group == group, table.c.event_id == event_id))).scalar())


def record_processed(connection: Connection, table: Table, group: str, event_id: str) -> None:
    connection.execute(table.insert().values(consumer_group=group, event_id=event_id,
                                             processed_at=datetime.now(UTC)))


def record_processed_many(connection: Connection, table: Table, group: str, event_ids: list[str]) -> set[str]:
    """Inserts the rows of ids not yet processed; returns those it inserted."""
    if not event_ids:
        return set()
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    now = datetime.now(UTC)
    inserted: set[str] = set()
    # Bounded statements: PostgreSQL takes at most 65535 parameters in one.
    for start in range(0, len(event_ids), 5000):
        rows = [{"consumer_group": group, "event_id": event_id, "processed_at": now}
                for event_id in event_ids[start:start + 5000]]
        statement = insert(table).values(rows).on_conflict_do_nothing(
            index_elements=["consumer_group", "event_id"]).returning(table.c.event_id)
        inserted.update(connection.execute(statement).scalars())
    return inserted


class InvalidEvent(ValueError):
    """The message decoded but breaks the contract: dead-letter it."""


@dataclass(frozen=True)
class Decoded:
    envelope: Envelope
    message: Message
    record: ConsumerRecord


# Returns True when the event took effect, False when it was a known duplicate.
Applier = Callable[[Decoded], bool]
# Applies several events in one transaction; one outcome per event, in order.
BatchApplier = Callable[[list[Decoded]], list[bool]]


class EventConsumer:
    def __init__(self, consumer_factory: Callable[[], KafkaConsumer],
                 dlq_producer_factory: Callable[[], KafkaProducer],
                 schemas: dict[str, type[Message]], apply: Applier, metrics: ServiceMetrics,
                 group: str, source_name: str, retry_backoff: float = 0.5,
                 apply_batch: BatchApplier | None = None) -> None:
        self.consumer_factory = consumer_factory
        self.dlq_producer_factory = dlq_producer_factory
        self.schemas = schemas  # event type -> protobuf class
        self.apply = apply
        self.metrics = metrics
        self.group = group
        self.source_name = source_name
        self.retry_backoff = retry_backoff
        # Optional: one transaction per poll batch instead of per event, for
        # throughput. Any failure falls back to one event at a time, which
        # isolates a bad event and keeps the per-event guarantees.
        self.apply_batch = apply_batch
        self._consumer: KafkaConsumer | None = None
        self._dlq: KafkaProducer | None = None

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.poll_once(stop)
            except Exception:
                log.exception("consumer loop failed; reconnecting")
                self._close_clients()
                stop.wait(self.retry_backoff)
        self._close_clients()

    def poll_once(self, stop: threading.Event | None = None, timeout_ms: int = 200) -> int:
        """Handles one poll's records; returns how many were settled."""
        if self._consumer is None:
            self._consumer = self.consumer_factory()
        batches = self._consumer.poll(timeout_ms=timeout_ms)
        done: dict[TopicPartition, OffsetAndMetadata] = {}
        try:
            if self.apply_batch is not None and sum(len(records) for records in batches.values()) > 1:
                settled = self._settle_poll(batches, done)
            else:
                settled = self._settle_each(batches, done, stop)
        finally:
            # Every offset here belongs to a record whose transaction committed
            # (or that was dead-lettered with the broker's ack).
            if done:
                self._consumer.commit(done)
        self._report_lag()
        return settled

    def _settle_each(self, batches: dict[TopicPartition, list[ConsumerRecord]],
                     done: dict[TopicPartition, OffsetAndMetadata], stop: threading.Event | None) -> int:
        assert self._consumer is not None
        settled = 0
        for partition, records in batches.items():
            for record in records:
                if stop is not None and stop.is_set():
                    return settled
                if not self._settle(record):
                    # Transient failure: rewind so the record comes again, in order.
                    self._consumer.seek(partition, record.offset)
                    time.sleep(self.retry_backoff)
                    break
                done[partition] = OffsetAndMetadata(record.offset + 1, "", -1)
                settled += 1
        return settled

    def _settle_poll(self, batches: dict[TopicPartition, list[ConsumerRecord]],
                     done: dict[TopicPartition, OffsetAndMetadata]) -> int:
        """The whole poll, every partition, as one batch: fewer, larger
        transactions, and a village touched from several partitions is
        reassessed once. Each partition's records stay in their order; on a
        failure every partition is rewound to its first unsettled record."""
        assert self._consumer is not None
        records = [record for partition_records in batches.values() for record in partition_records]
        count = self._settle_batch(records)
        left = count
        for partition, partition_records in batches.items():
            settled_here = min(left, len(partition_records))
            left -= settled_here
            if settled_here:
                done[partition] = OffsetAndMetadata(partition_records[settled_here - 1].offset + 1, "", -1)
            if settled_here < len(partition_records):
                self._consumer.seek(partition, partition_records[settled_here].offset)
        if count < len(records):
            time.sleep(self.retry_backoff)
        return count

    def _settle(self, record: ConsumerRecord) -> bool:
        """True once the record is applied, skipped as duplicate, or dead-lettered."""
        started = time.perf_counter()
        try:
            decoded = self._decode(record)
        except (EnvelopeError, InvalidEvent, DecodeError) as exc:
            self._dead_letter(record, _reason_of(exc))
            return True
        with bound(event_id_var, decoded.envelope.id):
            try:
                applied = self.apply(decoded)
            except InvalidEvent as exc:
                self._dead_letter(record, f"invalid: {exc}")
                return True
            except DataError as exc:
                # The database refuses the event's values (too long, out of range,
                # a NUL byte): the same every time, so a retry would block the
                # partition for good. The reason names the kind, never the values.
                self._dead_letter(record, f"invalid: the database refused its values ({type(exc.orig).__name__})")
                return True
            except Exception:
                log.exception("handler failed; will retry", extra={"fields": {"topic": record.topic}})
                self.metrics.events_failed.labels(record.topic, decoded.envelope.type).inc()
                return False
        counter = self.metrics.events_consumed if applied else self.metrics.events_duplicate
        counter.labels(record.topic, decoded.envelope.type).inc()
        self.metrics.event_handling_seconds.labels(record.topic).observe(time.perf_counter() - started)
        log.info("event applied" if applied else "event skipped as a duplicate", extra={"fields": {
            "event_id": decoded.envelope.id, "event_type": decoded.envelope.type, "topic": record.topic}})
        return True

    def _settle_batch(self, records: list[ConsumerRecord]) -> int:
        """How many leading records are settled (all, unless a retry is needed)."""
        assert self.apply_batch is not None
        started = time.perf_counter()
        decoded: list[Decoded] = []
        for record in records:
            try:
                decoded.append(self._decode(record))
            except (EnvelopeError, InvalidEvent, DecodeError) as exc:
                self._dead_letter(record, _reason_of(exc))
        try:
            outcomes = self.apply_batch(decoded) if decoded else []
        except Exception:
            log.warning("batch failed; settling its events one by one", exc_info=True)
            return self._settle_each_again(records, decoded)
        elapsed = (time.perf_counter() - started) / max(1, len(decoded))
        for item, applied in zip(decoded, outcomes):
            log.info("event applied" if applied else "event skipped as a duplicate", extra={"fields": {
                "event_id": item.envelope.id, "event_type": item.envelope.type, "topic": item.record.topic}})
            counter = self.metrics.events_consumed if applied else self.metrics.events_duplicate
            counter.labels(item.record.topic, item.envelope.type).inc()
            self.metrics.event_handling_seconds.labels(item.record.topic).observe(elapsed)
        return len(records)

    def _settle_each_again(self, records: list[ConsumerRecord], decoded: list[Decoded]) -> int:
        # The records that failed to decode are already in the DLQ; redo the rest singly.
        good = {id(d.record) for d in decoded}
        for index, record in enumerate(records):
            if id(record) in good and not self._settle(record):
                return index
        return len(records)

    def _decode(self, record: ConsumerRecord) -> Decoded:
        envelope = Envelope.from_headers(record.headers)
        cls = self.schemas.get(envelope.type)
        if cls is None:
            raise InvalidEvent(f"unknown-type: {envelope.type!r} is not consumed here")
        if envelope.schema != cls.DESCRIPTOR.full_name:
            raise InvalidEvent(f"schema-mismatch: {envelope.type!r} must be {cls.DESCRIPTOR.full_name}, "
                               f"header says {envelope.schema!r}")
        message = cls()
        try:
            message.ParseFromString(record.value or b"")
        except DecodeError as exc:
            raise DecodeError(f"undecodable: value is not a valid {cls.DESCRIPTOR.full_name}") from exc
        return Decoded(envelope=envelope, message=message, record=record)

    def _dead_letter(self, record: ConsumerRecord, reason: str) -> None:
        if self._dlq is None:
            self._dlq = self.dlq_producer_factory()
        headers = list(record.headers or []) + [
            ("dlq-reason", reason.encode()),
            ("dlq-original-topic", record.topic.encode()),
            ("dlq-original-partition", str(record.partition).encode()),
            ("dlq-original-offset", str(record.offset).encode()),
            ("dlq-consumer-group", self.group.encode()),
            ("dlq-source", self.source_name.encode()),
        ]
        # Wait for the broker: the offset is committed right after, so a lost
        # DLQ write would lose the message.
        self._dlq.send(dlq_topic(record.topic), key=record.key, value=record.value,
                       headers=headers).get(timeout=30)
        self.metrics.events_dead_lettered.labels(record.topic, reason.split(":", 1)[0]).inc()
        log.warning("dead-lettered a message", extra={"fields": {
            "topic": record.topic, "partition": record.partition, "offset": record.offset, "reason": reason}})

    def _report_lag(self) -> None:
        assert self._consumer is not None
        for partition in self._consumer.assignment():
            highwater = self._consumer.highwater(partition)
            if highwater is None:
                continue
            position = self._consumer.position(partition)
            self.metrics.consumer_lag.labels(self.group, partition.topic, str(partition.partition)).set(
                max(0, highwater - position))

    def _close_clients(self) -> None:
        for name in ("_consumer", "_dlq"):
            client = getattr(self, name)
            if client is None:
                continue
            try:
                client.close()
            except Exception:
                log.warning("closing %s failed", name, exc_info=True)
            setattr(self, name, None)

    def close(self) -> None:
        self._close_clients()


def _reason_of(exc: Exception) -> str:
    if isinstance(exc, EnvelopeError):
        return f"bad-headers: {exc}"
    if isinstance(exc, DecodeError):
        return str(exc) if str(exc).startswith("undecodable") else f"undecodable: {exc}"
    return str(exc)
