"""Kafka entrypoint: decode -> domain event -> handler, exactly once per event."""
from __future__ import annotations

from chassis.inbox import Decoded, EventConsumer
from chassis.kafka import appended_at, make_consumer, make_producer

from assessment.adapters import translators
from assessment.bootstrap import Assessment
from assessment.config import SERVICE


MAX_POLL_RECORDS = 2000


def event_of(decoded: Decoded) -> translators.ev.Event:
    return translators.inbound(decoded.envelope.type, decoded.message, decoded.envelope.time,
                               appended_at(decoded.record))


def apply_decoded(assessment: Assessment, decoded: Decoded) -> bool:
    return assessment.apply(event_of(decoded), decoded.envelope.id)


def apply_decoded_batch(assessment: Assessment, batch: list[Decoded]) -> list[bool]:
    return assessment.apply_batch([(event_of(d), d.envelope.id) for d in batch])


def build_consumer(assessment: Assessment) -> EventConsumer:
    common = assessment.settings.common
    return EventConsumer(
        # Large polls: each is applied as one batch (one transaction, each
        # touched village reassessed once), so a backlog drains in few of them.
        consumer_factory=lambda: make_consumer(common.kafka_bootstrap, common.consumer_group,
                                               assessment.settings.consumed_topics, f"{SERVICE}-consumer",
                                               max_poll_records=MAX_POLL_RECORDS),
        dlq_producer_factory=lambda: make_producer(common.kafka_bootstrap, f"{SERVICE}-dlq"),
        schemas=translators.CONSUMED, apply=lambda decoded: apply_decoded(assessment, decoded),
        metrics=assessment.metrics, group=common.consumer_group, source_name=SERVICE,
        apply_batch=lambda batch: apply_decoded_batch(assessment, batch))
