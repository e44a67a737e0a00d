"""`shuangdao-assessment-rebuild`: replays every consumed topic from its first
offset into a fresh database, under a fresh consumer group, and stops at the
end offsets it found when it started.

Nothing is published while rebuilding: the uow is told not to announce score
or flag events (they went out when first computed, and the rebuilt state is
the same by construction), so the new database's outbox stays empty and its
relay has nothing to send. Messages that cannot be decoded were dead-lettered
by the live consumer already; the rebuild counts and skips them. The group's
offsets are committed as it goes, so the service can be switched to the new
database by also setting SHUANGDAO_ASSESSMENT_CONSUMER_GROUP to the group
printed at the end: it carries on from where the replay stopped."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import time
import uuid
from dataclasses import dataclass, replace

from kafka import KafkaConsumer
from kafka.structs import TopicPartition
from sqlalchemy import func, select

from chassis.inbox import EventConsumer
from chassis.kafka import API_VERSION
from chassis.security.audit import AuditEntry, append

from assessment.adapters import orm, translators
from assessment.bootstrap import Assessment, bootstrap
from assessment.config import SERVICE, Settings
from assessment.entrypoints.consumer import apply_decoded, apply_decoded_batch

log = logging.getLogger(__name__)


class RebuildError(RuntimeError):
    """The rebuild cannot start (e.g. the target database is not empty)."""


@dataclass(frozen=True)
class RebuildReport:
    consumer_group: str
    messages: int
    skipped: int
    villages: int
    seconds: float


class _Replay(EventConsumer):
    skipped = 0

    def _dead_letter(self, record, reason: str) -> None:  # type: ignore[no-untyped-def]
        # Already dead-lettered by the live consumer: do not send it twice.
        self.skipped += 1
        log.warning("skipped an undecodable message", extra={"fields": {
            "topic": record.topic, "partition": record.partition, "offset": record.offset, "reason": reason}})


def _assigned_consumer(settings: Settings) -> tuple[KafkaConsumer, dict[TopicPartition, int]]:
    common = settings.common
    consumer = KafkaConsumer(bootstrap_servers=common.kafka_bootstrap.split(","), group_id=common.consumer_group,
                             client_id=f"{SERVICE}-rebuild", api_version=API_VERSION, enable_auto_commit=False,
                             auto_offset_reset="earliest", max_poll_records=500)
    partitions = [TopicPartition(topic, p) for topic in settings.consumed_topics
                  for p in sorted(consumer.partitions_for_topic(topic) or ())]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    return consumer, consumer.end_offsets(partitions)


def rebuild(settings: Settings, consumer_group: str = "", timeout_s: float = 3600.0) -> RebuildReport:
    group = consumer_group or f"{settings.common.consumer_group}-rebuild-{uuid.uuid4().hex[:8]}"
    settings = replace(settings, common=replace(settings.common, consumer_group=group))
    assessment: Assessment = bootstrap(settings)
    with assessment.engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(orm.villages)).scalar_one():
            raise RebuildError("the target database already holds facts: rebuild into a fresh database")
    assessment.publish = False
    started = time.monotonic()
    consumer, ends = _assigned_consumer(settings)
    replay = _Replay(consumer_factory=lambda: consumer, dlq_producer_factory=lambda: None,  # type: ignore[arg-type,return-value]
                     schemas=translators.CONSUMED, apply=lambda decoded: apply_decoded(assessment, decoded),
                     metrics=assessment.metrics, group=group, source_name=f"{SERVICE}-rebuild",
                     apply_batch=lambda batch: apply_decoded_batch(assessment, batch))
    messages = 0
    try:
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            if time.monotonic() - started > timeout_s:
                raise RebuildError(f"replay did not reach the end offsets within {timeout_s} s")
            messages += replay.poll_once(timeout_ms=500)
    finally:
        replay.close()
    with assessment.engine.begin() as connection:
        villages = connection.execute(select(func.count()).select_from(orm.villages)).scalar_one()
        report = RebuildReport(group, messages, replay.skipped, int(villages), round(time.monotonic() - started, 3))
        # The one command that changes the assessment's state wholesale: its run is on the trail.
        append(connection, orm.audit_log, AuditEntry(
            actor=f"os-user:{_os_user()}", agency="assessment rebuild", action="assessment.read_model.rebuild",
            target_kind="read_model", target_id=group, after=vars(report)))
    assessment.engine.dispose()
    return report


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


def main() -> None:
    from chassis.logging import configure_logging

    parser = argparse.ArgumentParser(description="Rebuild the assessment's read model from the topics")
    parser.add_argument("--database-url", required=True, help="a fresh, empty database")
    parser.add_argument("--consumer-group", default="", help="default: a new, unique group")
    args = parser.parse_args()
    configure_logging(f"{SERVICE}-rebuild")
    base = Settings.from_env()
    settings = replace(base, common=replace(base.common, database_url=args.database_url))
    try:
        report = rebuild(settings, args.consumer_group)
    except RebuildError as exc:
        parser.exit(2, f"rebuild refused: {exc}\n")
    print(json.dumps(vars(report)))


if __name__ == "__main__":
    main()
