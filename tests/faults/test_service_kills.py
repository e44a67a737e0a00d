"""kill -9 of a service process under load: nothing the callers saw
acknowledged is lost, and every event still has exactly one effect."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from chassis.testing.processes import ServiceSubprocess

from faults.harness import (EventStream, Registrations, assessed_households, assessment_state, processed_count,
                            rebuilt_state, same_again, stored_households, village_history, wait_for)


def test_a_registry_killed_under_registration_load_keeps_every_acknowledged_household_and_counts_each_once(
        start_service: Callable[..., Any], database_factory: Callable[[str], str], kafka_bootstrap: str,
        topic_prefix: str, processes: list[ServiceSubprocess]) -> None:
    assessment = start_service("assessment")
    assessment_db = assessment.service.engine.url.render_as_string(hide_password=False)
    registry_db = database_factory("registry")
    registry = ServiceSubprocess("registry", registry_db, kafka_bootstrap, topic_prefix)
    processes.append(registry.start())
    with Registrations(registry.grpc_target) as load:
        wait_for(lambda: load.count() >= 40, what="40 acknowledged registrations")
        registry.kill()  # SIGKILL: no drain, no relay flush, transactions cut mid-way
        before_kill = load.count()
        time.sleep(0.5)  # callers now retry against nothing
        processes.append(same_again(registry).start())
        wait_for(lambda: load.count() >= before_kill + 40, what="registrations after the restart")
    assert not load.failures
    assert load.outage_codes, "the callers never noticed the kill"

    stored = stored_households(registry_db)
    assert stored == load.acknowledged  # nothing acknowledged lost; retries registered nothing twice
    wait_for(lambda: len(assessed_households(assessment_db)) >= len(stored), timeout=60,
             what="the assessment catching up")
    time.sleep(1)  # a late duplicate would show now
    counted = assessed_households(assessment_db)
    assert sorted(counted) == sorted(stored)

    rebuilt = rebuilt_state(kafka_bootstrap, topic_prefix, database_factory("rebuilt"))
    assert rebuilt == assessment_state(assessment_db)


def test_an_assessment_killed_mid_consumption_ends_with_the_scores_and_flags_of_a_clean_rebuild(
        database_factory: Callable[[str], str], kafka_bootstrap: str, topic_prefix: str,
        processes: list[ServiceSubprocess]) -> None:
    events, households = village_history(["441826108201", "441826108202", "441826108203"], households=100)
    assessment_db = database_factory("assessment")
    assessment = ServiceSubprocess("assessment", assessment_db, kafka_bootstrap, topic_prefix)
    processes.append(assessment.start())
    with EventStream(kafka_bootstrap, topic_prefix, events) as stream:
        wait_for(lambda: processed_count(assessment_db) >= 150, timeout=60, what="consumption under way")
        assessment.kill()
        assert not stream.done.is_set(), "the stream ended before the kill: nothing was cut mid-way"
        time.sleep(0.5)  # events keep arriving while the consumer is dead
        processes.append(same_again(assessment).start())
    assert stream.redelivered > 0
    wait_for(lambda: processed_count(assessment_db) == len(events), timeout=90, what="every event applied")
    time.sleep(1)
    assert processed_count(assessment_db) == len(events)

    incremental = assessment_state(assessment_db)
    assert incremental["households_per_village"] == households  # exact: none lost, none counted twice
    assert any(rule == "false-data/survey-arithmetic" for _, _, rule, _, _ in incremental["flags"].values())
    assert rebuilt_state(kafka_bootstrap, topic_prefix, database_factory("rebuilt")) == incremental
