"""Hostile messages on every consumed topic: random bytes, valid envelopes with
random payloads, well-formed messages of the wrong schema or type, missing and
garbled headers, huge values and contract-shaped events whose fields are
hostile. Each must land in `<topic>.dlq` with a reason (county submissions
also get a rejected result), and a good event sent afterwards must still take
effect: the consumer is alive, not stuck retrying a poison message."""
from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from google.protobuf.message import Message
from kafka import KafkaConsumer, KafkaProducer
from shuangdao.assessment.v1 import events_pb2 as assessment_events
from shuangdao.cadres.v1 import events_pb2 as cadres_events
from shuangdao.common.v1 import divisions_pb2
from shuangdao.funds.v1 import events_pb2 as funds_events
from shuangdao.registry.v1 import events_pb2 as registry_events
from shuangdao.registry.v1 import ingest_pb2
from shuangdao.registry.v1 import registry_pb2 as R

from chassis.kafka import Envelope, make_producer
from chassis.security.kafka_auth import authorization_header
from chassis.security.testing import token_for
from e2e_support import VILLAGE, household_request, wait_for

PLACE = divisions_pb2.DivisionPath(province_code="440000000000", city_code="441800000000",
                                   county_code="441826000000", township_code="441826108000",
                                   village_code=VILLAGE)
NOW = "2026-03-02T08:00:00Z"
HUGE = "h" * 600_000  # under the broker's 1 MB message limit, far over any id


@dataclass
class Hostile:
    """One message to throw at a topic, and why it must be refused."""

    why: str
    value: bytes | None
    headers: list[tuple[str, bytes]]
    key: bytes = field(default_factory=lambda: str(uuid.uuid4()).encode())


def envelope(type_: str, schema: str) -> list[tuple[str, bytes]]:
    return Envelope.new("fuzz", type_, schema).headers()


def of(message: Message, type_: str) -> list[tuple[str, bytes]]:
    return envelope(type_, message.DESCRIPTOR.full_name)


def noise(rng: random.Random, size: int) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(size))


def transport_hostiles(good: Message, type_: str, seed: int) -> list[Hostile]:
    """What any topic may receive: broken bytes, broken headers, wrong schemas."""
    rng = random.Random(seed)
    schema = good.DESCRIPTOR.full_name
    headers = of(good, type_)
    without = lambda name: [(k, v) for k, v in headers if k != name]  # noqa: E731
    replaced = lambda name, value: without(name) + [(name, value)]  # noqa: E731
    return [
        Hostile("random bytes, no headers", noise(rng, 64), []),
        *[Hostile("valid envelope, random payload", b"\xff" + noise(rng, n), envelope(type_, schema))
          for n in (7, 100, 3000)],
        Hostile("valid envelope, empty payload is a default message", b"", envelope(type_, schema)),
        Hostile("null value (tombstone)", None, envelope(type_, schema)),
        Hostile("payload truncated mid-field", good.SerializeToString()[:-3], envelope(type_, schema)),
        Hostile("unknown type", good.SerializeToString(), envelope("household-teleported", "x.y.Teleported")),
        Hostile("schema header disagrees with type", good.SerializeToString(),
                envelope(type_, "shuangdao.registry.v1.Household")),
        Hostile("another message's bytes under this type",
                ingest_pb2.SubmissionResult(submission_id="s", accepted=True,
                                            household_id=str(uuid.uuid4())).SerializeToString(),
                envelope(type_, schema)),
        Hostile("missing id header", good.SerializeToString(), without("id")),
        Hostile("id header not a UUID", good.SerializeToString(), replaced("id", b"'; DROP TABLE processed_events")),
        Hostile("header not UTF-8", good.SerializeToString(), replaced("type", b"\xff\xfe\xfd")),
        Hostile("every header empty", good.SerializeToString(), [(k, b"") for k, _ in headers]),
        Hostile("huge garbage value", b"\xff" * 700_000, envelope(type_, schema)),
    ]


# ---------------------------------------------------------------------------- the assessment's topics

def overridden(message: Message, overrides: dict[str, Any]) -> Message:
    for name, value in overrides.items():
        if isinstance(value, Message):
            getattr(message, name).CopyFrom(value)
        else:
            setattr(message, name, value)
    return message


def household_registered(**overrides: Any) -> registry_events.HouseholdRegistered:
    message = registry_events.HouseholdRegistered(
        household_id=str(uuid.uuid4()), divisions=PLACE, category=R.CATEGORY_DIBAO, member_count=3,
        registered_at=NOW, able_to_work_count=1)
    return overridden(message, overrides)


def unit_paired(**overrides: Any) -> cadres_events.UnitPaired:
    message = cadres_events.UnitPaired(pairing_id=str(uuid.uuid4()), unit_id=str(uuid.uuid4()),
                                       unit_name="Provincial Tobacco Bureau", unit_kind=1, village=PLACE,
                                       start_date="2026-01-05")
    return overridden(message, overrides)


def cadre_stationed(**overrides: Any) -> cadres_events.CadreStationed:
    message = cadres_events.CadreStationed(cadre_id=str(uuid.uuid4()), unit_id=str(uuid.uuid4()),
                                           pairing_id=str(uuid.uuid4()), village=PLACE, start_date="2026-01-05")
    return overridden(message, overrides)


def funds_allocated(**overrides: Any) -> funds_events.FundsAllocated:
    message = funds_events.FundsAllocated(allocation_id=str(uuid.uuid4()), source_id=str(uuid.uuid4()),
                                          source_kind=1, village=PLACE, amount_fen=5_000_000, year=2026,
                                          allocated_at=NOW)
    return overridden(message, overrides)


def clock_ticked(**overrides: Any) -> assessment_events.ClockTicked:
    return overridden(assessment_events.ClockTicked(as_of=NOW), overrides)


def bad_place(**codes: str) -> divisions_pb2.DivisionPath:
    place = divisions_pb2.DivisionPath()
    place.CopyFrom(PLACE)
    for name, value in codes.items():
        setattr(place, name, value)
    return place


def field_hostiles(type_: str, make: Callable[..., Message], fields: list[dict[str, Any]]) -> list[Hostile]:
    hostiles = []
    for overrides in fields:
        message = make(**overrides)
        hostiles.append(Hostile(f"{type_} with {sorted(overrides)} hostile", message.SerializeToString(),
                                of(message, type_)))
    return hostiles


ASSESSMENT_TOPICS: dict[str, tuple[str, Callable[..., Message], list[dict[str, Any]]]] = {
    "registry.household.v1": ("household-registered", household_registered, [
        {"member_count": -3}, {"member_count": 0}, {"able_to_work_count": -1}, {"household_id": ""},
        {"category": 987654}, {"divisions": bad_place(village_code="4418261082011")},
        {"divisions": bad_place(village_code="")}, {"divisions": bad_place(county_code="-44182600000")},
        {"registered_at": "yesterday"}, {"registered_at": "2026-03-02T08:00:00"}, {"household_id": HUGE},
        {"household_id": "nul\x00inside"},
    ]),
    "cadres.pairing.v1": ("unit-paired", unit_paired, [
        {"pairing_id": ""}, {"unit_id": ""}, {"start_date": "2026-02-30"}, {"start_date": ""},
        {"village": bad_place(village_code="4418261082011")}, {"village": bad_place(township_code="x" * 12)},
        {"pairing_id": HUGE}, {"unit_id": "nul\x00inside"},
    ]),
    "cadres.cadre.v1": ("cadre-stationed", cadre_stationed, [
        {"cadre_id": ""}, {"start_date": "0000-00-00"}, {"village": bad_place(village_code="441826108000")},
        {"cadre_id": HUGE}, {"unit_id": "nul\x00inside"},
    ]),
    "funds.ledger.v1": ("funds-allocated", funds_allocated, [
        {"amount_fen": -5_000_000}, {"amount_fen": 0}, {"amount_fen": -(2**63)}, {"year": -2026},
        {"year": 2**31 - 1}, {"allocation_id": ""}, {"source_kind": 424242},
        {"village": bad_place(village_code="4418261082011")}, {"allocated_at": "soon"}, {"allocation_id": HUGE},
        {"allocation_id": "nul\x00inside"}, {"unit_id": "nul\x00inside", "source_kind": 5},
    ]),
    "assessment.clock.v1": ("clock-ticked", clock_ticked, [
        {"as_of": ""}, {"as_of": "soon"}, {"as_of": "2026-03-02T08:00:00"}, {"as_of": "0001-01-01T00:00:00Z"},
        {"as_of": "9999-12-31T23:59:59-14:00"}, {"as_of": HUGE}, {"as_of": "nul\x00inside"},
    ]),
}


# ---------------------------------------------------------------------------- helpers

@pytest.fixture
def producer(kafka_bootstrap: str) -> Iterator[KafkaProducer]:
    made = make_producer(kafka_bootstrap, "fuzz", max_request_size=2 * 1024 * 1024)
    yield made
    made.close()


def send(producer: KafkaProducer, topic: str, hostiles: list[Hostile]) -> None:
    for hostile in hostiles:
        producer.send(topic, key=hostile.key, value=hostile.value, headers=hostile.headers)
    producer.flush(timeout=30)


def read(kafka_bootstrap: str, topic: str, expected: int, timeout_s: float = 60) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, api_version=(4, 3),
                             group_id=f"fuzz-reader-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             enable_auto_commit=False, fetch_max_bytes=64 * 1024 * 1024,
                             max_partition_fetch_bytes=8 * 1024 * 1024)
    found: list[Any] = []
    deadline = time.monotonic() + timeout_s
    try:
        # Returns what arrived by the deadline: the caller names what is missing.
        while len(found) < expected and time.monotonic() < deadline:
            found.extend(r for rs in consumer.poll(timeout_ms=200).values() for r in rs)
    finally:
        consumer.close()
    return found


def consumed(metrics: Any, topic: str, type_: str) -> float:
    return metrics.registry.get_sample_value("shuangdao_events_consumed_total", {"topic": topic, "type": type_}) or 0.0


# ---------------------------------------------------------------------------- the tests

def test_every_hostile_message_on_the_assessments_topics_is_dead_lettered_and_the_consumer_lives_on(
        start_service: Callable[..., Any], kafka_bootstrap: str, producer: KafkaProducer) -> None:
    assessment = start_service("assessment", parts=("consumer",))
    settings = assessment.service.settings
    sent: dict[str, list[Hostile]] = {}
    for seed, (name, (type_, make, hostile_fields)) in enumerate(ASSESSMENT_TOPICS.items()):
        hostiles = transport_hostiles(make(), type_, seed) + field_hostiles(type_, make, hostile_fields)
        send(producer, settings.topic(name), hostiles)
        sent[name] = hostiles

    problems: list[str] = []
    for name, hostiles in sent.items():
        topic = settings.topic(name)
        dead = read(kafka_bootstrap, f"{topic}.dlq", expected=len(hostiles), timeout_s=30)
        reasons = {bytes(r.key or b""): dict(r.headers).get("dlq-reason", b"").decode() for r in dead}
        problems += [f"{name}: {h.why} was not dead-lettered" for h in hostiles if h.key not in reasons]
        problems += [f"{name}: dead-lettered without a reason: {key!r}" for key, why in reasons.items() if not why]
    assert not problems, "\n".join(problems)

    # A good event on every topic, after all that, still takes effect.
    for name, (type_, make, _fields) in ASSESSMENT_TOPICS.items():
        good = make()
        send(producer, settings.topic(name), [Hostile("good", good.SerializeToString(), of(good, type_))])
    metrics = assessment.service.metrics
    for name, (type_, _make, _fields) in ASSESSMENT_TOPICS.items():
        wait_for(lambda: consumed(metrics, settings.topic(name), type_) == 1, timeout=60)


def submission_hostiles() -> list[Hostile]:
    good = county_submission("good-shape")
    hostiles = transport_hostiles(good, "county-submission", seed=99)
    bad_files: list[Callable[[ingest_pb2.CountySubmission], None]] = [
        lambda s: setattr(s.household, "village_code", "4418261082011"),
        lambda s: setattr(s.household, "village_code", ""),
        lambda s: setattr(s.household, "category", 987654),
        lambda s: setattr(s.household.members[0], "relation", -7),
        lambda s: setattr(s.household.members[0], "national_id", "nul\x00inside"),
        lambda s: setattr(s.household.members[0], "birth_date", "2026-02-30"),
        lambda s: setattr(s.household.members[0], "name", HUGE),
        lambda s: s.household.ClearField("members"),
        lambda s: setattr(s.household.income, "wages_fen", -(2**63)),
        lambda s: setattr(s, "submission_id", ""),
        lambda s: setattr(s, "submission_id", "x" * 101),
    ]
    for n, spoil in enumerate(bad_files):
        message = county_submission(f"hostile-{n}")
        spoil(message)
        # The result is keyed by the submission id when it has a usable one, else by the Kafka key.
        usable = 0 < len(message.submission_id) <= 100
        hostile = Hostile(f"county submission spoiled #{n}", message.SerializeToString(),
                          of(message, "county-submission"))
        if usable:
            hostile.key = message.submission_id.encode()
        hostiles.append(hostile)
    return hostiles


def county_submission(submission_id: str, seed: int = 7) -> ingest_pb2.CountySubmission:
    request = household_request(seed=seed, people=2)
    for member in request.members:
        member.labour_ability, member.health = R.LABOUR_ABILITY_FULL, R.HEALTH_HEALTHY
        member.disability, member.schooling = R.DISABILITY_NONE, R.SCHOOLING_PRIMARY
    household = R.HouseholdFile(village_code=request.village_code, category=R.CATEGORY_ABLE_TO_WORK,
                                members=request.members, income=R.Income(wages_fen=100_000),
                                causes=[R.POVERTY_CAUSE_LACK_OF_SKILLS])
    return ingest_pb2.CountySubmission(submission_id=submission_id, county_system_id="liannan-county",
                                       household=household, submitted_by="county-operator")


def test_every_hostile_county_submission_is_rejected_or_dead_lettered_and_ingest_lives_on(
        start_service: Callable[..., Any], kafka_bootstrap: str, producer: KafkaProducer) -> None:
    registry = start_service("registry", parts=("ingest", "relay"))
    settings = registry.service.settings
    topic = settings.topic("registry.submission.v1")
    county_token = authorization_header(token_for("county_system"))
    hostiles = submission_hostiles()
    for hostile in hostiles:
        hostile.headers = [*hostile.headers, county_token]
    send(producer, topic, hostiles)
    good = county_submission("the-good-one", seed=11)
    send(producer, topic, [Hostile("good", good.SerializeToString(), [*of(good, "county-submission"), county_token],
                                   key=b"the-good-one")])

    results = read(kafka_bootstrap, settings.topic("registry.submission-result.v1"), expected=len(hostiles) + 1,
                   timeout_s=90)
    by_key = {bytes(r.key): ingest_pb2.SubmissionResult.FromString(r.value) for r in results}
    assert by_key[b"the-good-one"].accepted, by_key[b"the-good-one"]
    dead = {bytes(r.key or b"") for r in read(kafka_bootstrap, f"{topic}.dlq", expected=1, timeout_s=20)}
    problems = []
    for hostile in hostiles:
        result = by_key.get(hostile.key)
        if result is None:
            problems.append(f"{hostile.why}: no result")
        elif result.accepted:
            problems.append(f"{hostile.why}: accepted")
        elif not result.reasons:
            problems.append(f"{hostile.why}: rejected without a reason")
    problems += [f"{h.why}: undecodable yet not dead-lettered" for h in hostiles
                 if h.why in UNDECODABLE and h.key not in dead]
    assert not problems, "\n".join(problems)


UNDECODABLE = {"random bytes, no headers", "valid envelope, random payload", "unknown type",
               "schema header disagrees with type", "missing id header", "id header not a UUID",
               "header not UTF-8", "every header empty", "huge garbage value", "payload truncated mid-field"}
