"""Consumer lag as the broker sees it: committed offsets against log-end
offsets. Unlike the consumers' own gauge, this works while a consumer is down,
which is exactly when an operator asks."""
from __future__ import annotations

from dataclasses import dataclass

from kafka import KafkaConsumer
from kafka.admin import KafkaAdminClient
from kafka.structs import TopicPartition

API_VERSION = (4, 3)


@dataclass(frozen=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    committed: int
    end: int

    @property
    def lag(self) -> int:
        return max(0, self.end - self.committed)


def group_lag(bootstrap: str, groups: list[str] | None = None) -> list[PartitionLag]:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), api_version=API_VERSION,
                             client_id="shuangdao-ops", request_timeout_ms=5000)
    try:
        if groups is None:
            groups = sorted(g.group_id if hasattr(g, "group_id") else g[0] for g in admin.list_groups())
        committed = admin.list_group_offsets(list(groups)) if groups else {}
    finally:
        admin.close()
    topics = sorted({tp.topic for offsets in committed.values() for tp in offsets})
    starts, ends = _log_bounds(bootstrap, topics)
    rows = []
    for group, offsets in committed.items():
        group_topics = {tp.topic for tp in offsets}
        for tp in sorted(ends, key=lambda p: (p.topic, p.partition)):
            if tp.topic not in group_topics:
                continue
            meta = offsets.get(tp)
            # A partition the group never committed on is read from its start
            # (auto_offset_reset=earliest): all of it is lag.
            position = meta.offset if meta is not None and meta.offset >= 0 else starts[tp]
            rows.append(PartitionLag(group, tp.topic, tp.partition, position, ends[tp]))
    return sorted(rows, key=lambda r: (r.group, r.topic, r.partition))


def _log_bounds(bootstrap: str, topics: list[str]) -> tuple[dict[TopicPartition, int], dict[TopicPartition, int]]:
    if not topics:
        return {}, {}
    consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), api_version=API_VERSION,
                             client_id="shuangdao-ops", enable_auto_commit=False)
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        return dict(consumer.beginning_offsets(partitions)), dict(consumer.end_offsets(partitions))
    finally:
        consumer.close()
