"""The assessment over real Kafka and PostgreSQL: events from every producer's
topic and clock ticks, delivered twice and interleaved across topics, give the
scores and flags a rebuild from the topics arrives at too; scores and flags go
out on the assessment's own topics."""
from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc
from shuangdao.assessment.v1 import events_pb2 as assessment_events
from sqlalchemy import create_engine, func, select

from chassis.kafka import Envelope, make_producer
from chassis.testing.fixtures import common_settings

from assessment.adapters import orm
from assessment.config import Settings
from assessment.entrypoints.rebuild import rebuild
from assessment.testing import builders as b
from e2e_support import wait_for

V1, V2 = "441826108201", "441826108202"


def events() -> list[b.Built]:
    found: list[b.Built] = []
    for village in (V1, V2):
        for n in range(3):
            h = f"{village[-1]}-h{n}"
            found += [b.registered(h, village, 3, "2011-01-10T00:00:00Z"),
                      b.survey(f"{h}-2011", h, village, 2011, 3, 150000, "2011-12-15T00:00:00Z"),
                      b.survey(f"{h}-2012", h, village, 2012, 3, 250000, "2012-12-15T00:00:00Z")]
        found.append(b.exited(f"{village[-1]}-h0", village, 2012, 3, "2012-12-20T00:00:00Z"))
    return found + [
        b.paired("p", "u", V1, "2012-01-01"), b.stationed("c", "u", "p", V1, "2012-02-01"),
        b.attendance("c", "u", V1, "2013-01", 20, 6, revision=2), b.attendance("c", "u", V1, "2013-01", 20, 9, revision=1),
        b.inspection("i", "c", "u", V1, "2013-01-20", False),
        b.allocated("a", V1, 500000, "2012-06-01T00:00:00Z"), b.disbursed("d", "a", V1, 500000, "2012-07-01T00:00:00Z"),
        b.allocated("idle", V2, 100000, "2012-06-01T00:00:00Z"),
        b.survey("lie", "2-h1", V2, 2012, 3, 250000, "2013-01-05T00:00:00Z", net=2000000, supersedes="2-h1-2012"),
        # The province's clock, on its own topic: a newer tick and an older one.
        b.tick("2013-03-01T00:00:00Z"), b.tick("2013-02-01T00:00:00Z"),
    ]


def publish(kafka_bootstrap: str, prefix: str, built: list[tuple[b.Built, str]]) -> None:
    producer = make_producer(kafka_bootstrap, "test-producers")
    try:
        for (type_, message), event_id in built:
            envelope = Envelope(id=event_id, source="test", type=type_, schema=message.DESCRIPTOR.full_name,
                                time="2013-01-01T00:00:00Z")
            producer.send(prefix + b.TOPIC_OF[type_], key=b.key_of((type_, message)).encode(),
                          value=message.SerializeToString(), headers=envelope.headers())
        producer.flush(timeout=30)
    finally:
        producer.close()


def consumed(service: Any) -> float:
    return sum(sample.value for metric in service.metrics.registry.collect()
               if metric.name == "shuangdao_events_consumed" for sample in metric.samples
               if sample.name.endswith("_total"))


def state_of(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    with engine.connect() as connection:
        scores = {(r.target_kind, r.target_id): (r.score_centi, r.grade, r.unqualified, r.facts, r.last_fact_at,
                                                 r.explanation)
                  for r in connection.execute(select(orm.scores))}
        flags = {r.flag_id: (r.target_kind, r.target_id, r.rule, r.evidence, r.raised_at)
                 for r in connection.execute(select(orm.flags).where(orm.flags.c.active.is_(True)))}
        outbox = connection.execute(select(func.count()).select_from(orm.outbox)).scalar_one()
    engine.dispose()
    return {"scores": scores, "flags": flags, "outbox": outbox}


def read_topic(kafka_bootstrap: str, topic: str, at_least: int) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, api_version=(4, 3),
                             group_id=f"reader-{uuid.uuid4().hex[:8]}", auto_offset_reset="earliest",
                             enable_auto_commit=False)
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=200).values() for r in rs)
                 or len(found) >= at_least)
    finally:
        consumer.close()
    return found


def test_duplicated_interleaved_events_over_kafka_score_like_a_rebuild_from_the_topics(
        start_service: Callable[..., Any], kafka_bootstrap: str, topic_prefix: str,
        database_factory: Callable[[str], str]) -> None:
    built = events()
    ids = [str(uuid.uuid4()) for _ in built]
    deliveries = list(zip(built, ids))
    chance = random.Random(7)
    deliveries += chance.sample(deliveries, 6)           # redelivered: same event ids
    deliveries += [(e, str(uuid.uuid4())) for e in chance.sample(built, 4)]  # replayed under new ids
    chance.shuffle(deliveries)                            # interleaved across topics
    assessment = start_service("assessment")
    publish(kafka_bootstrap, topic_prefix, deliveries)
    wait_for(lambda: consumed(assessment.service) == len(built) + 4, timeout=60)

    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role="provincial_office"))
    village2 = stub.GetScore(assessment_pb2.GetScoreRequest(target_kind="village", target_id=V2), timeout=5)
    assert village2.unqualified and village2.grade == "poor"  # survey "lie": 250,000 x 3 is not 2,000,000
    flags = stub.ListFlags(assessment_pb2.ListFlagsRequest(division_code="441826000000"), timeout=5).flags
    rules = {(f.target_kind, f.rule) for f in flags}
    assert {("village", "false-data/survey-arithmetic"), ("village", "funds-idle"),
            ("cadre", "absent-without-leave"), ("cadre", "absent-at-inspection")} <= rules
    [idle] = [f for f in flags if f.rule == "funds-idle"]
    assert idle.evidence.endswith("as of 2013-03-01T00:00:00+00:00")  # the tick, later than V2's last fact

    incremental_url = assessment.service.engine.url.render_as_string(hide_password=False)
    wait_for(lambda: state_of(incremental_url)["outbox"] > 0)
    published = read_topic(kafka_bootstrap, topic_prefix + "assessment.flag.v1", at_least=len(flags))
    raised = {assessment_events.FlagRaised.FromString(r.value).flag_id for r in published
              if dict(r.headers)["type"] == b"flag-raised"}
    assert {f.flag_id for f in flags} <= raised
    scores = read_topic(kafka_bootstrap, topic_prefix + "assessment.score.v1", at_least=1)
    assert {dict(r.headers)["type"] for r in scores} == {b"score-recalculated"}

    fresh = database_factory("rebuilt")
    report = rebuild(Settings(common=common_settings("assessment", fresh, kafka_bootstrap, topic_prefix)))
    assert report.messages == len(deliveries) and report.villages == 2
    incremental, rebuilt = state_of(incremental_url), state_of(fresh)
    assert rebuilt["scores"] == incremental["scores"]
    assert rebuilt["flags"] == incremental["flags"]
    assert rebuilt["outbox"] == 0  # nothing announced twice
    # The run itself is on the rebuilt database's audit trail.
    from sqlalchemy import create_engine, select

    from assessment.adapters import orm
    engine = create_engine(fresh)
    with engine.connect() as connection:
        [run] = connection.execute(select(orm.audit_log)).all()
    engine.dispose()
    assert (run.action, run.target_id) == ("assessment.read_model.rebuild", report.consumer_group)


def test_the_grpc_api_ranks_reports_figures_and_refuses_bad_requests_with_field_violations(
        start_service: Callable[..., Any], kafka_bootstrap: str, topic_prefix: str) -> None:
    import grpc
    import pytest

    from chassis.grpc_errors import field_violations_of

    wanted = {"household-registered", "survey-recorded", "household-exited"}
    # Two villages with the same registrations, surveys and exits (no false survey): a tie.
    built = [e for e in events() if e[0] in wanted and getattr(e[1], "survey_id", "") != "lie"]
    assessment = start_service("assessment", parts=("grpc", "consumer"))
    publish(kafka_bootstrap, topic_prefix, [(e, str(uuid.uuid4())) for e in built])
    wait_for(lambda: consumed(assessment.service) == len(built), timeout=60)
    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role="provincial_office"))
    ranking = stub.GetRanking(assessment_pb2.GetRankingRequest(target_kind="village"), timeout=5)
    assert [e.target_id for e in ranking.entries] == [V1, V2] and [e.rank for e in ranking.entries] == [1, 1]
    figures = stub.GetProvinceFigures(assessment_pb2.GetProvinceFiguresRequest(), timeout=5)
    assert (figures.registered_households, figures.exited_households) == (6, 2)
    assert [(y.year, y.per_capita_income_fen) for y in figures.income_by_year] == [(2011, 150000), (2012, 250000)]
    with pytest.raises(grpc.RpcError) as error:
        stub.GetScore(assessment_pb2.GetScoreRequest(target_kind="planet", target_id=""), timeout=5)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in field_violations_of(error.value)} == {"target_kind", "target_id"}
    with pytest.raises(grpc.RpcError) as error:
        stub.GetScore(assessment_pb2.GetScoreRequest(target_kind="cadre", target_id="nobody"), timeout=5)
    assert error.value.code() is grpc.StatusCode.NOT_FOUND
