"""PostgreSQL restarted under load (a cluster of the test's own; the session's
is shared): the services report not ready while it is down and ready again
after, callers' retries go through, nothing acknowledged is lost and nothing
is counted twice."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from chassis.testing.processes import ServiceSubprocess, free_port

from faults.harness import (Registrations, assessed_households, assessment_state, http_status, rebuilt_state,
                            stored_households, wait_for)


class OwnCluster:
    def __init__(self) -> None:
        self.name, self.port = f"faults-{uuid.uuid4().hex[:8]}", free_port()

    def start(self) -> str:
        from devstack.postgres import ensure_cluster

        return ensure_cluster(self.name, self.port)

    def stop(self) -> None:
        from devstack.postgres import stop_cluster

        stop_cluster(self.name)

    def database(self, name: str) -> str:
        from devstack.postgres import base_url, ensure_database

        return ensure_database(base_url(self.port), name, recreate=True)


@pytest.fixture
def own_cluster() -> Iterator[OwnCluster]:
    from devstack.postgres import drop_cluster

    cluster = OwnCluster()
    cluster.start()
    yield cluster
    drop_cluster(cluster.name)


def test_a_postgres_restart_under_load_flips_readiness_and_loses_or_doubles_nothing(
        own_cluster: OwnCluster, database_factory: Callable[[str], str], kafka_bootstrap: str, topic_prefix: str,
        processes: list[ServiceSubprocess]) -> None:
    registry_db, assessment_db = own_cluster.database("registry"), own_cluster.database("assessment")
    assessment = ServiceSubprocess("assessment", assessment_db, kafka_bootstrap, topic_prefix)
    registry = ServiceSubprocess("registry", registry_db, kafka_bootstrap, topic_prefix)
    processes.extend([assessment.start(), registry.start()])
    services: list[Any] = [registry, assessment]
    with Registrations(registry.grpc_target) as load:
        wait_for(lambda: len(assessed_households(assessment_db)) >= 20, timeout=60, what="events flowing")
        assert all(http_status(f"{s.http_base}/readyz") == 200 for s in services)
        own_cluster.stop()
        for service in services:
            wait_for(lambda: http_status(f"{service.http_base}/readyz") == 503, what=f"{service.name} not ready")
        at_stop = load.count()
        own_cluster.start()
        for service in services:
            wait_for(lambda: http_status(f"{service.http_base}/readyz") == 200, what=f"{service.name} ready again")
        wait_for(lambda: load.count() >= at_stop + 30, what="registrations after the restart")
    assert not load.failures
    assert load.outage_codes, "the callers never noticed the database was down"

    stored = stored_households(registry_db)
    assert stored == load.acknowledged
    wait_for(lambda: len(assessed_households(assessment_db)) >= len(stored), timeout=60,
             what="the assessment catching up")
    assert sorted(assessed_households(assessment_db)) == sorted(stored)
    rebuilt = rebuilt_state(kafka_bootstrap, topic_prefix, database_factory("rebuilt"))
    assert rebuilt == assessment_state(assessment_db)
