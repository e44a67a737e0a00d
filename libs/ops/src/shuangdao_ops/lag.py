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
    partitions = sorted({tp for offsets in committed.values() for tp in offsets},
                        key=lambda tp: (tp.topic, tp.partition))
    ends = _end_offsets(bootstrap, partitions)
    rows = [PartitionLag(group, tp.topic, tp.partition, meta.offset, ends.get(tp, meta.offset))
            for group, offsets in committed.items() for tp, meta in offsets.items() if meta.offset >= 0]
    return sorted(rows, key=lambda r: (r.group, r.topic, r.partition))


def _end_offsets(bootstrap: str, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
    if not partitions:
        return {}
    consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), api_version=API_VERSION,
                             client_id="shuangdao-ops", enable_auto_commit=False)
    try:
        return dict(consumer.end_offsets(partitions))
    finally:
        consumer.close()
