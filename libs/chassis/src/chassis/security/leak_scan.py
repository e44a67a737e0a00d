"""Looks for national ID numbers where none may be: log output, Kafka topics
(keys, values and headers) and metrics. For the end-to-end check "no raw ID
anywhere" and for operators auditing a running system.

A hit is anything shaped like an ID (17 digits and a check character, not
part of a longer run of digits) or any of the `known` numbers a test
submitted, however they were embedded."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from chassis.kafka import API_VERSION
from chassis.security.personal_data import NATIONAL_ID_PATTERN, mask_national_id


@dataclass(frozen=True)
class Leak:
    where: str          # "kafka registry.household.v1[2]@17 value", "log line 12", "metrics"
    found: str          # masked: the report itself must not leak

    def __str__(self) -> str:
        return f"{self.where}: {self.found}"


class LeakScanner:
    def __init__(self, known: Iterable[str] = ()) -> None:
        self.known = tuple(k.upper() for k in known if k)

    def scan_text(self, where: str, content: str | bytes) -> list[Leak]:
        text = content.decode("latin-1") if isinstance(content, bytes) else content
        hits = {m.group(0).upper() for m in NATIONAL_ID_PATTERN.finditer(text)}
        upper = text.upper()
        hits |= {k for k in self.known if k in upper}
        return [Leak(where, mask_national_id(h)) for h in sorted(hits)]

    def scan_lines(self, where: str, lines: Iterable[str]) -> list[Leak]:
        return [leak for n, line in enumerate(lines, 1) for leak in self.scan_text(f"{where} line {n}", line)]

    def scan_topics(self, bootstrap: str, topics: Iterable[str], timeout_s: float = 30.0) -> list[Leak]:
        """Reads every topic from the beginning to its current end (no consumer
        group, nothing committed) and scans keys, values and headers."""
        consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), group_id=None, api_version=API_VERSION,
                                 enable_auto_commit=False, client_id="leak-scan")
        try:
            partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t))]
            if not partitions:
                return []
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            ends = consumer.end_offsets(partitions)
            leaks: list[Leak] = []
            deadline = time.monotonic() + timeout_s
            while any(consumer.position(tp) < ends[tp] for tp in partitions):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"leak scan did not reach the end of {sorted(set(topics))} in {timeout_s}s")
                for tp, records in consumer.poll(timeout_ms=500).items():
                    for record in records:
                        leaks += self._scan_record(f"kafka {tp.topic}[{tp.partition}]@{record.offset}", record)
            return leaks
        finally:
            consumer.close()

    def _scan_record(self, where: str, record: object) -> list[Leak]:
        key, value = getattr(record, "key", None), getattr(record, "value", None)
        found = self.scan_text(f"{where} key", key or b"") + self.scan_text(f"{where} value", value or b"")
        for name, header in getattr(record, "headers", None) or ():
            found += self.scan_text(f"{where} header {name}", header or b"")
        return found
