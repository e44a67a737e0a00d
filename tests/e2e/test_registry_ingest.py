"""County systems: 1,000 submissions over Kafka, a quarter invalid in
different ways (including no token, a forged token and a village outside the
token's county); exactly one correct result each, nothing invalid stored."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer
from shuangdao.registry.v1 import ingest_pb2
from shuangdao.registry.v1 import registry_pb2 as R
from sqlalchemy import func, select

from chassis.kafka import Envelope, make_producer
from chassis.security.kafka_auth import authorization_header
from chassis.security.testing import token_for
from e2e_support import VILLAGE, id_number, wait_for

PRE_REGISTERED = 5000  # a person registered before the county system sends anything
KINDS = ("bad-check-digit", "unknown-village", "missing-head", "duplicate-person", "wrong-types", "undecodable",
         "no-token", "other-county", "not-a-county-system")
LIANNAN, LIANSHAN = "441826000000", "441825000000"


def member(n: int, relation: int, check_ok: bool = True) -> R.Member:
    born = f"19{60 + n % 40:02d}-{1 + (n // 40) % 12:02d}-{1 + (n // 480) % 28:02d}"
    number = id_number(f"441826{born.replace('-', '')}{n % 1000:03d}")
    if not check_ok:
        number = number[:17] + ("0" if number[17] != "0" else "1")
    return R.Member(name=f"P{n}", national_id=number, relation=relation, sex=R.SEX_MALE,
                    birth_date=born, labour_ability=R.LABOUR_ABILITY_FULL,
                    health=R.HEALTH_HEALTHY, disability=R.DISABILITY_NONE, schooling=R.SCHOOLING_PRIMARY)


def submission(n: int, kind: str) -> bytes:
    household = R.HouseholdFile(village_code=VILLAGE, category=R.CATEGORY_ABLE_TO_WORK,
                                members=[member(2 * n, R.RELATION_HEAD), member(2 * n + 1, R.RELATION_CHILD)],
                                income=R.Income(wages_fen=100_000), causes=[R.POVERTY_CAUSE_LACK_OF_SKILLS])
    if kind == "bad-check-digit":
        household.members[1].CopyFrom(member(2 * n + 1, R.RELATION_CHILD, check_ok=False))
    elif kind == "unknown-village":
        household.village_code = "441826999999"
    elif kind == "missing-head":
        household.members[0].relation = R.RELATION_SPOUSE
    elif kind == "duplicate-person":
        household.members[1].CopyFrom(member(PRE_REGISTERED, R.RELATION_CHILD))
    elif kind == "wrong-types":
        household.category = 42
        household.members[0].birth_date = "last spring"
    message = ingest_pb2.CountySubmission(submission_id=f"sub-{n}", county_system_id="liannan-county",
                                          household=household, submitted_by="county-op")
    if kind == "undecodable":
        return b"\xff\xfe not a protobuf \x00\x13"
    return message.SerializeToString()


def auth_headers(kind: str) -> list[tuple[str, bytes]]:
    """The county system's token, as each kind of sender would send it."""
    if kind == "no-token":
        return []
    if kind == "other-county":  # Lianshan's system submitting for a Liannan village
        return [authorization_header(token_for("county_system", LIANSHAN))]
    if kind == "not-a-county-system":
        return [authorization_header(token_for("county_approver", LIANNAN))]
    return [authorization_header(token_for("county_system", LIANNAN))]


def kind_of(n: int) -> str:
    return KINDS[(n // 4) % len(KINDS)] if n % 4 == 3 else "valid"


def read_results(bootstrap: str, topic: str, expected: int) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=(4, 3), auto_offset_reset="earliest",
                             group_id=f"county-{uuid.uuid4().hex[:8]}", enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=500).values() for r in rs)
                 or len(found) >= expected, timeout=240)
    finally:
        consumer.close()
    return found


def test_a_thousand_county_submissions_get_exactly_one_correct_result_each(
        start_service: Callable[..., Any], kafka_bootstrap: str) -> None:
    registry = start_service("registry", parts=("ingest", "relay"))
    settings = registry.service.settings
    from registry.domain import commands

    head = member(PRE_REGISTERED, R.RELATION_HEAD)
    registry.service.bus.handle(commands.RegisterHousehold(village_code=VILLAGE, category="dibao", members=(
        commands.MemberInput(head.name, head.national_id, "head", "male", head.birth_date),)))
    producer = make_producer(kafka_bootstrap, "county-system")
    topic = settings.topic("registry.submission.v1")
    for n in range(1000):
        headers = Envelope.new("county/liannan", "county-submission", "shuangdao.registry.v1.CountySubmission")
        producer.send(topic, key=f"sub-{n}".encode(), value=submission(n, kind_of(n)),
                      headers=headers.headers() + auth_headers(kind_of(n)))
    # A resubmission of an accepted one: same result again, no second household.
    producer.send(topic, key=b"sub-0", value=submission(0, "valid"), headers=Envelope.new(
        "county/liannan", "county-submission", "shuangdao.registry.v1.CountySubmission").headers()
                  + auth_headers("valid"))
    producer.flush(30)
    producer.close()

    records = read_results(kafka_bootstrap, settings.topic("registry.submission-result.v1"), 1001)
    results = [ingest_pb2.SubmissionResult.FromString(r.value) for r in records]
    assert len(results) == 1001
    by_id: dict[str, list[Any]] = {}
    for r, record in zip(results, records):
        assert record.key.decode() == r.submission_id
        by_id.setdefault(r.submission_id, []).append(r)
    assert len(by_id) == 1000 and len(by_id["sub-0"]) == 2 and by_id["sub-0"][0] == by_id["sub-0"][1]
    expected_field = {"bad-check-digit": "household.members[1].national_id",
                      "unknown-village": "household.village_code", "missing-head": "household.members",
                      "duplicate-person": "household.members[1].national_id", "wrong-types": "household.category",
                      "undecodable": "", "no-token": "authorization", "other-county": "authorization",
                      "not-a-county-system": "authorization"}
    for n in range(1000):
        [result, *_] = by_id[f"sub-{n}"]
        kind = kind_of(n)
        if kind == "valid":
            assert result.accepted and result.household_id and not result.reasons, (n, result)
        else:
            assert not result.accepted and not result.household_id, (n, kind, result)
            assert expected_field[kind] in {r.field for r in result.reasons}, (n, kind, result)
    outside = next(by_id[f"sub-{n}"][0] for n in range(1000) if kind_of(n) == "other-county")
    assert "outside" in outside.reasons[0].description and LIANSHAN in outside.reasons[0].description
    wrong = by_id["sub-19"][0]
    assert {"household.category", "household.members[0].birth_date"} <= {r.field for r in wrong.reasons}

    from registry.adapters import orm

    with registry.service.engine.connect() as connection:
        households = connection.execute(select(func.count()).select_from(orm.households)).scalar_one()
        people = connection.execute(select(func.count()).select_from(orm.members)).scalar_one()
    assert (households, people) == (751, 1501)
