"""Kafka clients configured the one way this project uses them, and the
CloudEvents-style envelope every message carries in its headers."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient

# Known broker line: saves the version probe, which would block construction
# for up to 30 s when the broker is down (see INFRA-NOTES).
API_VERSION = (4, 3)

HEADER_NAMES = ("id", "source", "type", "schema", "time")


# ConsumerRecord.timestamp_type when the broker stamped the record as it
# appended it (topic config message.timestamp.type=LogAppendTime).
LOG_APPEND_TIME = 1


def appended_at(record: object) -> datetime | None:
    """The broker's append time, when the topic records it; None otherwise.
    A producer's own timestamp is not trusted for anything: a producer can
    write any time it likes, the broker only its own clock's."""
    if getattr(record, "timestamp_type", None) == LOG_APPEND_TIME and getattr(record, "timestamp", None):
        return datetime.fromtimestamp(record.timestamp / 1000, UTC)  # type: ignore[attr-defined]
    return None


class EnvelopeError(ValueError):
    """Headers missing or malformed: the message cannot be trusted or deduplicated."""


@dataclass(frozen=True)
class Envelope:
    """What travels with every event besides the protobuf bytes."""

    id: str
    source: str
    type: str
    schema: str
    time: str
    extra: tuple[tuple[str, bytes], ...] = field(default=())

    @classmethod
    def new(cls, source: str, type: str, schema: str, at: datetime | None = None) -> "Envelope":
        moment = (at or datetime.now(UTC)).astimezone(UTC)
        return cls(id=str(uuid.uuid4()), source=source, type=type, schema=schema,
                   time=moment.isoformat().replace("+00:00", "Z"))

    def headers(self) -> list[tuple[str, bytes]]:
        own = [(name, getattr(self, name).encode()) for name in HEADER_NAMES]
        return own + list(self.extra)

    @classmethod
    def from_headers(cls, headers: Sequence[tuple[str, bytes]] | None) -> "Envelope":
        found: dict[str, str] = {}
        extra: list[tuple[str, bytes]] = []
        for name, value in headers or ():
            if name in HEADER_NAMES:
                try:
                    found[name] = (value or b"").decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise EnvelopeError(f"header {name!r} is not UTF-8") from exc
            else:
                extra.append((name, value))
        missing = [name for name in HEADER_NAMES if not found.get(name)]
        if missing:
            raise EnvelopeError(f"missing header(s): {', '.join(missing)}")
        try:
            uuid.UUID(found["id"])
        except ValueError as exc:
            raise EnvelopeError(f"header 'id' is not a UUID: {found['id']!r}") from exc
        return cls(**found, extra=tuple(extra))


def close_quietly(producer: KafkaProducer | None, timeout: float) -> None:
    """Closes a producer that may be broken already (the reason it is being
    replaced): a failure to close is logged, never raised over the first."""
    if producer is None:
        return
    try:
        producer.close(timeout=timeout)
    except Exception:
        logging.getLogger(__name__).warning("closing a Kafka producer failed", exc_info=True)


def make_producer(bootstrap: str, client_id: str, **overrides: object) -> KafkaProducer:
    """acks=all with idempotence (the defaults, stated so nobody 'tunes' acks=1,
    which silently turns idempotence off)."""
    config: dict[str, object] = dict(
        bootstrap_servers=bootstrap.split(","), client_id=client_id, api_version=API_VERSION,
        acks="all", enable_idempotence=True, linger_ms=5, compression_type=None,
        max_in_flight_requests_per_connection=5, retries=2**31 - 1, request_timeout_ms=15000,
        delivery_timeout_ms=60000,
    )
    config.update(overrides)
    return KafkaProducer(**config)


def make_consumer(bootstrap: str, group: str, topics: Iterable[str], client_id: str,
                  **overrides: object) -> KafkaConsumer:
    """Offsets are committed by hand, after the database commit."""
    config: dict[str, object] = dict(
        bootstrap_servers=bootstrap.split(","), group_id=group, client_id=client_id,
        api_version=API_VERSION, enable_auto_commit=False, auto_offset_reset="earliest",
        max_poll_records=500, session_timeout_ms=10000, heartbeat_interval_ms=3000,
    )
    config.update(overrides)
    consumer = KafkaConsumer(**config)
    consumer.subscribe(list(topics))
    return consumer


def make_admin(bootstrap: str, client_id: str) -> KafkaAdminClient:
    return KafkaAdminClient(bootstrap_servers=bootstrap.split(","), client_id=client_id,
                            api_version=API_VERSION, request_timeout_ms=5000)


def dlq_topic(topic: str) -> str:
    return f"{topic}.dlq"
