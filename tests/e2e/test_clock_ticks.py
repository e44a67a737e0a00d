"""The province's clock over real Kafka and PostgreSQL: a village that goes
quiet after an allocation is flagged once a tick passes the deadline, whether
an operator sends the tick or the `clock` part does, and a rebuild from the
topics (ticks included) arrives at the same flags."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shuangdao.assessment.v1 import events_pb2 as assessment_events

from chassis.security.testing import token_for
from chassis.testing.fixtures import common_settings

from assessment.bootstrap import bootstrap
from assessment.config import Settings
from assessment.entrypoints.main import build_process
from assessment.entrypoints.rebuild import rebuild
from assessment.testing import builders as b
from e2e_support import get_json, wait_for
from e2e.test_assessment_rebuild import consumed, publish, read_topic, state_of

QUIET = "441826108205"
ROOT = Path(__file__).resolve().parents[2]


def tick_command(kafka_bootstrap: str, topic_prefix: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHUANGDAO_ASSESSMENT_KAFKA_BOOTSTRAP": kafka_bootstrap,
           "SHUANGDAO_ASSESSMENT_TOPIC_PREFIX": topic_prefix}
    command = [str(Path(sys.executable).with_name("shuangdao-assessment-tick")), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)


def funds_idle_raised(kafka_bootstrap: str, topic: str) -> list[assessment_events.FlagRaised]:
    records = read_topic(kafka_bootstrap, topic, at_least=1)
    raised = [assessment_events.FlagRaised.FromString(r.value) for r in records
              if dict(r.headers)["type"] == b"flag-raised"]
    return [f for f in raised if f.rule == "funds-idle" and f.target_id == QUIET]


def test_a_tick_from_the_operator_command_flags_a_quiet_villages_idle_allocation_and_a_rebuild_agrees(
        start_service: Callable[..., Any], kafka_bootstrap: str, topic_prefix: str,
        database_factory: Callable[[str], str]) -> None:
    assessment = start_service("assessment", parts=("consumer", "relay", "http"))
    built = [b.registered("q-h", QUIET, 3, "2012-01-10T00:00:00Z"),
             b.allocated("left-idle", QUIET, 100000, "2012-06-01T00:00:00Z")]
    publish(kafka_bootstrap, topic_prefix, [(e, str(uuid.uuid4())) for e in built])
    wait_for(lambda: consumed(assessment.service) == len(built), timeout=60)
    flags_url = f"{assessment.http_base}/v1/flags?division_code=441826000000"
    token = token_for("provincial_office")
    assert [f for f in get_json(flags_url, token)[1]["flags"] if f["rule"] == "funds-idle"] == []

    refused = tick_command(kafka_bootstrap, topic_prefix, "--as-of",
                           (datetime.now(UTC) + timedelta(days=1)).isoformat())
    assert refused.returncode == 2 and "in the future" in refused.stderr
    sent = tick_command(kafka_bootstrap, topic_prefix, "--as-of", "2012-08-31T00:00:01Z")  # 91 days on
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout.strip().splitlines()[-1])["as_of"] == "2012-08-31T00:00:01Z"
    # A second, older tick (as a lagging replica would send) changes nothing.
    assert tick_command(kafka_bootstrap, topic_prefix, "--as-of", "2012-08-01T00:00:00Z").returncode == 0
    wait_for(lambda: consumed(assessment.service) == len(built) + 2, timeout=60)

    [flag] = [f for f in get_json(flags_url, token)[1]["flags"] if f["rule"] == "funds-idle"]
    assert flag["target_id"] == QUIET and "as of 2012-08-31T00:00:01+00:00" in flag["evidence"]
    announced: list[assessment_events.FlagRaised] = []
    wait_for(lambda: bool(announced.extend(funds_idle_raised(kafka_bootstrap, topic_prefix + "assessment.flag.v1"))
                          or announced), timeout=30)
    assert announced[0].flag_id == flag["flag_id"] and announced[0].raised_at == "2012-08-30T00:00:00Z"

    incremental_url = assessment.service.engine.url.render_as_string(hide_password=False)
    fresh = database_factory("rebuilt")
    report = rebuild(Settings(common=common_settings("assessment", fresh, kafka_bootstrap, topic_prefix)))
    assert report.messages == len(built) + 2
    incremental, rebuilt = state_of(incremental_url), state_of(fresh)
    assert rebuilt["flags"] == incremental["flags"] and rebuilt["scores"] == incremental["scores"]
    assert flag["flag_id"] in rebuilt["flags"]


def test_the_clock_part_publishes_the_time_every_interval_and_quiet_villages_are_flagged_by_it(
        kafka_bootstrap: str, topic_prefix: str, database_factory: Callable[[str], str]) -> None:
    settings = Settings(common=common_settings("assessment", database_factory("assessment"), kafka_bootstrap,
                                               topic_prefix), clock_interval_s=0.5)
    service = bootstrap(settings)
    process = build_process(service, ("clock", "consumer", "relay"))
    process.drain_seconds = 0
    started = datetime.now(UTC)
    publish(kafka_bootstrap, topic_prefix, [(b.allocated("left-idle", QUIET, 100000, "2012-06-01T00:00:00Z"),
                                             str(uuid.uuid4()))])
    process.start()
    try:
        ticks = read_topic(kafka_bootstrap, topic_prefix + "assessment.clock.v1", at_least=2)
        moments = [datetime.fromisoformat(assessment_events.ClockTicked.FromString(r.value).as_of) for r in ticks]
        assert all(started <= moment <= datetime.now(UTC) for moment in moments)
        assert {dict(r.headers)["type"] for r in ticks} == {b"clock-ticked"}
        announced: list[assessment_events.FlagRaised] = []
        wait_for(lambda: bool(announced.extend(
            funds_idle_raised(kafka_bootstrap, topic_prefix + "assessment.flag.v1")) or announced), timeout=30)
        assert f"as of {started.year}-" in announced[0].evidence
    finally:
        process.stop()


def test_a_forged_tick_from_the_future_is_dead_lettered_and_flags_nothing(
        start_service: Callable[..., Any], kafka_bootstrap: str, topic_prefix: str) -> None:
    # Anyone able to write to the topic could send one; a tick cannot be taken
    # back, so one ahead of the broker's own append time must never count.
    assessment = start_service("assessment", parts=("consumer", "relay", "http"))
    future = (datetime.now(UTC) + timedelta(days=400)).isoformat().replace("+00:00", "Z")
    forged = [b.allocated("left-idle", QUIET, 100000, (datetime.now(UTC) - timedelta(days=1)).isoformat()),
              b.tick(future)]
    publish(kafka_bootstrap, topic_prefix, [(e, str(uuid.uuid4())) for e in forged])

    [dead] = read_topic(kafka_bootstrap, topic_prefix + "assessment.clock.v1.dlq", at_least=1)
    reason = dict(dead.headers)["dlq-reason"].decode()
    assert "ahead of the broker's append time" in reason and future in reason
    wait_for(lambda: consumed(assessment.service) == 1, timeout=60)
    flags_url = f"{assessment.http_base}/v1/flags?division_code=441826000000"
    assert [f for f in get_json(flags_url, token_for("provincial_office"))[1]["flags"]
            if f["rule"] == "funds-idle"] == []
    # The broker, not the producer, stamped the tick: the topic keeps append time.
    [sent] = read_topic(kafka_bootstrap, topic_prefix + "assessment.clock.v1", at_least=1)
    assert sent.timestamp_type == 1
