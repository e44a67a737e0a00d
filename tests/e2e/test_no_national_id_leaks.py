"""No raw national ID number anywhere it may not be: after an end-to-end flow
through the registry and the assessment (direct registrations, a refused
duplicate, county-system submissions over Kafka, surveys, reads by a role that
may not see personal data), the services' log output, every message on every
topic of the test (events, submissions, results, dead letters, assessment
topics) and every /metrics page are scanned for the ID numbers the test sent
and for anything shaped like one.

Logs are captured as a service process writes them: the JSON formatter with
the national-ID redactor that `main_for` installs on every handler."""
from __future__ import annotations

import logging
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import grpc
import pytest
from kafka import KafkaConsumer
from shuangdao.registry.v1 import ingest_pb2
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.kafka import Envelope, make_admin, make_producer
from chassis.logging import JsonFormatter
from chassis.security.kafka_auth import authorization_header
from chassis.security.leak_scan import Leak, LeakScanner
from chassis.security.personal_data import NationalIdRedactor, mask_national_id
from chassis.security.testing import token_for
from e2e_support import VILLAGE, get_json, id_number, summary_of, wait_for

COUNTY = "441826000000"


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured_logs() -> Iterator[Captured]:
    """Every log line any service of the test writes, as its process would write it
    (JSON lines through the national-ID redactor, as `main_for` sets up)."""
    handler = Captured()
    handler.setFormatter(JsonFormatter("e2e"))
    handler.addFilter(NationalIdRedactor())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def person(n: int, relation: int) -> R.Member:
    born = date(1961, 1, 1).replace(day=1 + n % 28, month=1 + n // 28 % 12)
    return R.Member(name=f"Person {n}", national_id=id_number(f"441826{born:%Y%m%d}{n % 1000:03d}"),
                    relation=relation, sex=R.SEX_FEMALE, birth_date=born.isoformat(),
                    labour_ability=R.LABOUR_ABILITY_FULL, health=R.HEALTH_HEALTHY, disability=R.DISABILITY_NONE,
                    schooling=R.SCHOOLING_PRIMARY)


def household(first: int) -> R.HouseholdFile:
    return R.HouseholdFile(village_code=VILLAGE, category=R.CATEGORY_ABLE_TO_WORK,
                           members=[person(first, R.RELATION_HEAD), person(first + 1, R.RELATION_CHILD)],
                           income=R.Income(wages_fen=100_000), causes=[R.POVERTY_CAUSE_LACK_OF_SKILLS])


def register(stub: Any, file: R.HouseholdFile) -> str:
    return stub.RegisterHousehold(R.RegisterHouseholdRequest(
        village_code=file.village_code, category=file.category, members=file.members, income=file.income,
        causes=file.causes), timeout=10).household_id


def submit_from_county(bootstrap: str, topic: str, submissions: dict[str, bytes]) -> None:
    producer = make_producer(bootstrap, "county-system")
    for submission_id, value in submissions.items():
        headers = Envelope.new("county/liannan", "county-submission", "shuangdao.registry.v1.CountySubmission")
        producer.send(topic, key=submission_id.encode(), value=value, headers=headers.headers() + [
            authorization_header(token_for("county_system", COUNTY))])
    producer.flush(30)
    producer.close()


def results_of(bootstrap: str, topic: str, expected: int) -> list[ingest_pb2.SubmissionResult]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=(4, 3), auto_offset_reset="earliest",
                             group_id=f"county-{uuid.uuid4().hex[:8]}", enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=500).values() for r in rs)
                 or len(found) >= expected, timeout=60)
    finally:
        consumer.close()
    return [ingest_pb2.SubmissionResult.FromString(r.value) for r in found]


def metrics_text(running: Any) -> str:
    with urllib.request.urlopen(f"{running.http_base}/metrics", timeout=5) as response:
        return response.read().decode()


def metrics_leaks(scanner: LeakScanner, where: str, text: str) -> list[Leak]:
    """Sample values are floats whose digits can look like an ID (0.00316...9484):
    the shape is looked for in names and labels only, the numbers the test sent everywhere."""
    labels = "\n".join(line if line.startswith("#") else line.rsplit(" ", 1)[0] for line in text.splitlines())
    sent = {mask_national_id(k) for k in scanner.known}
    return scanner.scan_text(where, labels) + [leak for leak in scanner.scan_text(where, text) if leak.found in sent]


def topics_of(bootstrap: str, prefix: str) -> list[str]:
    admin = make_admin(bootstrap, "leak-scan")
    try:
        return sorted(t for t in admin.list_topics() if t.startswith(prefix))
    finally:
        admin.close()


def test_no_raw_national_id_reaches_logs_topics_or_metrics_and_only_personal_data_readers_see_ids(
        start_service: Callable[..., Any], kafka_bootstrap: str, topic_prefix: str,
        captured_logs: Captured) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    office = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office"))
    cadre = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="village_cadre", jurisdiction=VILLAGE))
    files = [household(10 * n) for n in range(1, 4)]
    known = [m.national_id for f in files for m in f.members]

    household_ids = [register(office, f) for f in files]
    refused = R.RegisterHouseholdRequest(village_code=VILLAGE, category=R.CATEGORY_DIBAO,
                                         members=[files[0].members[0]])  # a person registered already
    with pytest.raises(grpc.RpcError) as duplicate:
        office.RegisterHousehold(refused, timeout=10)
    assert duplicate.value.code() in (grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.INVALID_ARGUMENT)
    for household_id in household_ids:
        cadre.RecordSurvey(R.RecordSurveyRequest(
            household_id=household_id, year=date.today().year - 1, income=R.Income(wages_fen=500_000),
            guarantees=R.Guarantees(food_and_clothing=True, compulsory_schooling=True, medical_insurance=True,
                                    safe_housing=True), recorded_by="cadre"), timeout=10)

    county_files = {"sub-ok": household(100), "sub-duplicate": household(110)}
    county_files["sub-duplicate"].members[1].CopyFrom(files[1].members[1])
    known += [m.national_id for f in county_files.values() for m in f.members]
    submissions = {sid: ingest_pb2.CountySubmission(submission_id=sid, county_system_id="liannan-county",
                                                    household=f, submitted_by="county-op").SerializeToString()
                   for sid, f in county_files.items()}
    submissions["sub-garbled"] = b"\xff\xfe not a protobuf"
    settings = registry.service.settings
    submit_from_county(kafka_bootstrap, settings.topic("registry.submission.v1"), submissions)
    results = {r.submission_id: r for r in results_of(kafka_bootstrap,
                                                        settings.topic("registry.submission-result.v1"), 3)}
    assert results["sub-ok"].accepted and not results["sub-duplicate"].accepted and not results["sub-garbled"].accepted
    # The county submission is pending review, not registered: three households count.
    wait_for(lambda: summary_of(assessment).registered_households == 3, timeout=60)

    # A support unit reads households but not personal data: masked. A county approver may: the number.
    reader = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="support_unit", jurisdiction=VILLAGE))
    approver = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="county_approver"))
    for household_id, f in zip(household_ids, files):
        request = R.GetHouseholdRequest(household_id=household_id)
        assert [m.national_id for m in reader.GetHousehold(request, timeout=10).members] == \
            [mask_national_id(m.national_id) for m in f.members]
        assert [m.national_id for m in approver.GetHousehold(request, timeout=10).members] == \
            [m.national_id for m in f.members]
        status, body = get_json(f"{registry.http_base}/v1/households/{household_id}",
                                token_for("support_unit", VILLAGE))
        assert status == 200 and [m["national_id"] for m in body["members"]] == \
            [mask_national_id(m.national_id) for m in f.members]
        get_json(f"{registry.http_base}/v1/households/{household_id}/history", token_for("support_unit", VILLAGE))
    listed = reader.ListHouseholds(R.ListHouseholdsRequest(division_code=VILLAGE), timeout=10)
    assert listed.total_size == 4  # the three registered and the county's pending submission
    get_json(f"{registry.http_base}/v1/households?division_code={VILLAGE}", token_for("support_unit", VILLAGE))

    scanner = LeakScanner(known)
    assert scanner.scan_text("probe", f"a line with {known[0]} in it"), "the scanner must see a planted ID"
    # The inbound county topic carries households as county systems send them
    # (ID numbers included, by contract); everything the platform writes is scanned.
    inbound = settings.topic("registry.submission.v1")
    topics = [t for t in topics_of(kafka_bootstrap, topic_prefix) if t != inbound]
    assert settings.topic("registry.household.v1") in topics and any(t.endswith(".dlq") for t in topics)
    leaks = (scanner.scan_lines("log", captured_logs.lines) + scanner.scan_topics(kafka_bootstrap, topics)
             + metrics_leaks(scanner, "registry /metrics", metrics_text(registry))
             + metrics_leaks(scanner, "assessment /metrics", metrics_text(assessment)))
    assert captured_logs.lines, "the services must have logged something for the scan to mean anything"
    assert not leaks, "\n".join(map(str, leaks))
