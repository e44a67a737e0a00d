"""The leak scanner finds national IDs in Kafka topics, logs and metrics, and
reports them masked."""
from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from kafka.admin import NewTopic
from prometheus_client import CollectorRegistry, Counter, generate_latest

from chassis.kafka import make_admin, make_producer
from chassis.security.leak_scan import LeakScanner

ID = "44182619700101001X"
KNOWN = "441826198503150021"


@pytest.fixture
def topic(kafka_bootstrap: str) -> Iterator[str]:
    name = f"t-{uuid.uuid4().hex[:10]}.leak-scan"
    admin = make_admin(kafka_bootstrap, "leak-scan-test")
    admin.create_topics([NewTopic(name, num_partitions=2, replication_factor=1)])
    yield name
    admin.delete_topics([name])
    admin.close()


def test_an_id_in_a_message_value_or_header_is_found_with_its_offset(kafka_bootstrap: str, topic: str) -> None:
    producer = make_producer(kafka_bootstrap, "leak-scan-test")
    producer.send(topic, key=b"hh-1", value=b"\x0a\x05clean\x12\x02ok", partition=0).get(timeout=30)
    producer.send(topic, key=b"hh-2", value=b"\x0a\x12" + ID.encode(), partition=0).get(timeout=30)
    producer.send(topic, key=b"hh-3", value=b"fine", headers=[("note", KNOWN.encode())], partition=1).get(timeout=30)
    producer.close()

    leaks = LeakScanner().scan_topics(kafka_bootstrap, [topic])

    assert sorted(str(leak) for leak in leaks) == [
        f"kafka {topic}[0]@1 value: 441826********001X",
        f"kafka {topic}[1]@0 header note: 441826********0021",
    ]


def test_a_clean_topic_and_clean_metrics_report_nothing(kafka_bootstrap: str, topic: str) -> None:
    registry = CollectorRegistry()
    Counter("households_total", "Households.", ["division"], registry=registry).labels("441826100201").inc()

    assert LeakScanner().scan_topics(kafka_bootstrap, [topic]) == []
    assert LeakScanner().scan_text("metrics", generate_latest(registry)) == []


def test_known_numbers_are_found_even_inside_longer_digit_runs() -> None:
    scanner = LeakScanner(known=[KNOWN])

    leaks = scanner.scan_lines("registry.log", ["ok", f"ref=9{KNOWN}9", f"id {ID.lower()}"])

    assert [str(leak) for leak in leaks] == ["registry.log line 2: 441826********0021",
                                             "registry.log line 3: 441826********001X"]
