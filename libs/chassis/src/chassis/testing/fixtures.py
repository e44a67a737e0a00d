"""Real Kafka and PostgreSQL for tests, never mocks.

Each is taken, in order, from: a server named by an environment variable; a
testcontainers container when a Docker engine answers a ping; otherwise the
local broker and cluster that `devstack` runs from Maven Central jars and
Debian packages. If none can be had the test fails: missing infrastructure is
never a skip."""
from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from chassis.settings import CommonSettings

TEST_KAFKA_NAME, TEST_KAFKA_PORT = "test", 19092
TEST_POSTGRES_NAME, TEST_POSTGRES_PORT = "shuangdao-test", 55432


def repo_root() -> Path:
    here = Path(__file__).resolve()
    for candidate in here.parents:
        if (candidate / "deploy" / "kafka" / "topics.yaml").exists():
            return candidate
    raise RuntimeError("cannot find the repository root (deploy/kafka/topics.yaml)")


def docker_engine_available() -> bool:
    # The docker *client* may be installed without an engine; only a ping tells.
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    named = os.environ.get("SHUANGDAO_TEST_KAFKA_BOOTSTRAP")
    if named:
        yield named
        return
    if docker_engine_available():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer().with_kraft() as container:
            yield container.get_bootstrap_server()
        return
    from devstack.kafka import ensure_broker

    try:
        yield ensure_broker(TEST_KAFKA_NAME, TEST_KAFKA_PORT)
    except Exception as exc:
        pytest.fail(f"no Kafka broker for the tests: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def postgres_base_url() -> Iterator[str]:
    named = os.environ.get("SHUANGDAO_TEST_POSTGRES_URL")
    if named:
        yield named
        return
    if docker_engine_available():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:15", driver="psycopg") as container:
            yield container.get_connection_url()
        return
    from devstack.postgres import ensure_cluster

    try:
        yield ensure_cluster(TEST_POSTGRES_NAME, TEST_POSTGRES_PORT)
    except Exception as exc:
        pytest.fail(f"no PostgreSQL for the tests: {exc}", pytrace=False)


def _unique(request: pytest.FixtureRequest, limit: int) -> str:
    stem = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")[: limit - 9]
    return f"{stem}_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def database_factory(postgres_base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """Creates fresh, empty databases named after the test; drops them afterwards."""
    from devstack.postgres import drop_database, ensure_database

    made: list[str] = []

    def make(label: str = "db") -> str:
        name = f"t_{label}_{_unique(request, 40)}"
        made.append(name)
        return ensure_database(postgres_base_url, name, recreate=True)

    yield make
    for name in made:
        try:
            drop_database(postgres_base_url, name)
        except Exception:  # a leftover test database is harmless; a failed teardown is noise
            pass


@pytest.fixture
def postgres_url(database_factory: object) -> str:
    return database_factory()  # type: ignore[operator]


@pytest.fixture
def topic_prefix(kafka_bootstrap: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """Every topic of deploy/kafka/topics.yaml, created under a prefix unique to
    this test and deleted afterwards: a broker holds a few open files per
    partition, and a whole suite's worth would exhaust its file limit."""
    from devstack.topics import create_topics

    prefix = f"t-{uuid.uuid4().hex[:10]}."
    names = create_topics(kafka_bootstrap, repo_root() / "deploy" / "kafka" / "topics.yaml", prefix=prefix)
    yield prefix
    delete_topics(kafka_bootstrap, names)


def delete_topics(kafka_bootstrap: str, names: list[str]) -> None:
    from chassis.kafka import make_admin

    try:
        admin = make_admin(kafka_bootstrap, "test-teardown")
        try:
            admin.delete_topics(names, raise_errors=False)
        finally:
            admin.close()
    except Exception:  # teardown must not mask the test's own outcome
        pass


def common_settings(service: str, database_url: str, kafka_bootstrap: str, prefix: str) -> "CommonSettings":
    """Settings for a service under test: ephemeral ports, a test's own topics and group."""
    from chassis.settings import CommonSettings

    return CommonSettings(service=service, database_url=database_url, kafka_bootstrap=kafka_bootstrap,
                          grpc_port=0, http_port=0, topic_prefix=prefix, consumer_group=f"{prefix}{service}")


def pytest_configure(config: pytest.Config) -> None:
    """Every service refuses to start without its keys: give the whole test
    session (and the service processes it starts) one set, whose signing half
    `chassis.security.testing.token_for` uses."""
    from chassis.security.testing import security_env

    for name, value in security_env().items():
        os.environ.setdefault(name, value)
