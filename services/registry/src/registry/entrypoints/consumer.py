"""Kafka entrypoint for county systems: CountySubmission in, one
SubmissionResult out (through the outbox) per submission id.

Each message must carry its county system's token (`authorization: Bearer
<jwt>` header, `chassis.security.kafka_auth`): the broker authenticates no one,
so without it anyone reaching Kafka could submit for any county. A message
without a valid token, or for a village outside the token's county, is
answered with a REJECTED result and stores nothing."""
from __future__ import annotations

import logging
from dataclasses import replace

from kafka.consumer.fetcher import ConsumerRecord
from shuangdao.registry.v1 import ingest_pb2

from chassis.inbox import Decoded, EventConsumer, InvalidEvent
from chassis.errors import Unauthenticated
from chassis.kafka import Envelope, EnvelopeError, appended_at, make_consumer, make_producer
from chassis.security.kafka_auth import principal_from_headers
from chassis.security.tokens import TokenVerifier

from registry.adapters import translators
from registry.bootstrap import Registry
from registry.config import SERVICE, SUBMISSION_TOPIC
from registry.domain import commands

log = logging.getLogger(__name__)
MAX_SUBMISSION_ID = 100
SCHEMAS = {"county-submission": ingest_pb2.CountySubmission}


def submission_id_of(record: ConsumerRecord) -> str:
    """The key names the submission; a `submission-id` header may too. Empty when neither is usable."""
    candidates = [record.key] + [v for k, v in (record.headers or []) if k == "submission-id"]
    for raw in candidates:
        try:
            value = (raw or b"").decode("utf-8").strip()
        except UnicodeDecodeError:
            continue
        if value and len(value) <= MAX_SUBMISSION_ID and value.isprintable():
            return value
    return ""


class SubmissionConsumer(EventConsumer):
    """The chassis consumer, plus: a message it dead-letters still gets a
    rejected result when its key names the submission (the county system
    would otherwise wait forever)."""

    def __init__(self, registry: Registry, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.registry = registry

    def _dead_letter(self, record: ConsumerRecord, reason: str) -> None:
        submission_id = submission_id_of(record)
        if submission_id:
            try:
                event_id = Envelope.from_headers(record.headers).id
            except EnvelopeError:
                # No usable id: the record's position is unique and stable across redeliveries.
                event_id = None
            self.registry.bus.handle(commands.IngestSubmission(
                submission_id=submission_id, county_system_id="", submit=None,
                event_id=event_id or _position_id(record), undecodable_reason=reason))
        super()._dead_letter(record, reason)


def _position_id(record: ConsumerRecord) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{record.topic}/{record.partition}/{record.offset}"))


def with_sender(command: commands.IngestSubmission, record: ConsumerRecord,
                verifier: TokenVerifier) -> commands.IngestSubmission:
    """The command with the verified county system as its sender, or the
    reason none could be verified (the handler rejects it then)."""
    try:
        return replace(command, sender=principal_from_headers(record.headers, verifier,
                                                               # a token is judged as of the message's arrival,
                                                               # so a redelivery after it expired still holds
                                                               appended_at(record)))
    except Unauthenticated as error:
        return replace(command, unauthenticated_reason=error.message)


def build_consumer(registry: Registry) -> EventConsumer:
    common = registry.settings.common

    def apply(decoded: Decoded) -> bool:
        message: ingest_pb2.CountySubmission = decoded.message  # type: ignore[assignment]
        if not message.submission_id or len(message.submission_id) > MAX_SUBMISSION_ID:
            # Dead-lettered; SubmissionConsumer still answers when the key names the submission.
            raise InvalidEvent(f"submission_id is required, at most {MAX_SUBMISSION_ID} characters")
        command = translators.submission_command(message, decoded.envelope.id)
        return registry.bus.handle(with_sender(command, decoded.record, registry.security.verifier))

    return SubmissionConsumer(
        registry,
        consumer_factory=lambda: make_consumer(common.kafka_bootstrap, common.consumer_group,
                                               [registry.settings.topic(SUBMISSION_TOPIC)], f"{SERVICE}-ingest"),
        dlq_producer_factory=lambda: make_producer(common.kafka_bootstrap, f"{SERVICE}-dlq"),
        schemas=SCHEMAS, apply=apply, metrics=registry.metrics, group=common.consumer_group, source_name=SERVICE)
