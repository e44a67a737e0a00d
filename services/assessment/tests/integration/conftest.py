"""An assessment on a fresh PostgreSQL database, fed in-process: events go
through the same translation, validation, inbox and handlers as the consumer's."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from sqlalchemy import select

from flask.testing import FlaskClient

from chassis.security.testing import token_for
from chassis.testing.fixtures import common_settings

from assessment.adapters import orm, translators
from assessment.bootstrap import Assessment, bootstrap
from assessment.config import Settings
from assessment.entrypoints.http_app import create_app
from assessment.testing.builders import BROKER_TIME, Built


@pytest.fixture
def assessment(postgres_url: str, kafka_bootstrap: str) -> Assessment:
    return bootstrap(Settings(common=common_settings("assessment", postgres_url, kafka_bootstrap, "t-unused.")))


def feed_events(assessment: Assessment, events: Iterable[Built], ids: Iterable[str] | None = None) -> None:
    ids = iter(ids) if ids is not None else None
    for type_, message in events:
        event_id = next(ids) if ids is not None else str(uuid.uuid4())
        assessment.apply(translators.inbound(type_, message, appended_at=BROKER_TIME), event_id)


@pytest.fixture
def feed(assessment: Assessment) -> Callable[..., None]:
    return lambda events, ids=None: feed_events(assessment, events, ids)


def state_of(assessment: Assessment) -> dict[str, Any]:
    """Everything a reader can see, without wall-clock times."""
    with assessment.engine.connect() as connection:
        scores = {(r.target_kind, r.target_id): (r.score_centi, r.grade, r.unqualified, r.rubric_version, r.facts,
                                                 r.last_fact_at, r.explanation)
                  for r in connection.execute(select(orm.scores))}
        flags = {r.flag_id: (r.target_kind, r.target_id, r.rule, r.evidence, r.raised_at)
                 for r in connection.execute(select(orm.flags).where(orm.flags.c.active.is_(True)))}
        figures = sorted(tuple(r) for r in connection.execute(select(orm.village_stats)))
        incomes = sorted(tuple(r) for r in connection.execute(select(orm.village_incomes)))
    return {"scores": scores, "flags": flags, "figures": figures, "incomes": incomes}


@pytest.fixture
def state() -> Callable[[Assessment], dict[str, Any]]:
    return state_of


@pytest.fixture
def wipe() -> Callable[[Assessment], None]:
    def wipe_all(assessment: Assessment) -> None:
        with assessment.engine.begin() as connection:
            for table in reversed(orm.metadata.sorted_tables):
                connection.execute(table.delete())
    return wipe_all


@pytest.fixture
def client(assessment: Assessment) -> Callable[..., FlaskClient]:
    """The JSON API as served (bearer authentication on), called as `role`
    (the provincial office unless told) with a token from the test session."""
    def make(role: str = "provincial_office", jurisdiction: str | None = None) -> FlaskClient:
        app = create_app(assessment)
        assessment.security.install_http(app)
        test_client = app.test_client()
        test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for(role, jurisdiction)}"
        return test_client
    return make
