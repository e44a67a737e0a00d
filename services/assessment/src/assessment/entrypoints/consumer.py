"""Kafka entrypoint: decode -> domain event -> handler, exactly once per event."""
from __future__ import annotations

from chassis.inbox import Decoded, EventConsumer
from chassis.kafka import make_consumer, make_producer

from assessment.adapters import translators
from assessment.bootstrap import Assessment
from assessment.config import SERVICE
from assessment.service_layer import handlers


def build_consumer(assessment: Assessment) -> EventConsumer:
    common = assessment.settings.common

    def apply(decoded: Decoded) -> bool:
        event = translators.inbound(decoded.envelope.type, decoded.message)
        return handlers.apply_once(event, decoded.envelope.id, assessment.new_uow())

    return EventConsumer(
        consumer_factory=lambda: make_consumer(common.kafka_bootstrap, common.consumer_group,
                                               assessment.settings.consumed_topics, f"{SERVICE}-consumer"),
        dlq_producer_factory=lambda: make_producer(common.kafka_bootstrap, f"{SERVICE}-dlq"),
        schemas=translators.CONSUMED, apply=apply, metrics=assessment.metrics,
        group=common.consumer_group, source_name=SERVICE)
