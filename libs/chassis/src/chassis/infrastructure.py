"""What every service's bootstrap wires the same way: its database (migrated),
metrics, readiness and outbox relay."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, Table

from chassis import outbox
from chassis.db import make_engine, migrate
from chassis.kafka import make_producer
from chassis.metrics import ServiceMetrics, track_pool
from chassis.outbox import OutboxRelay
from chassis.readiness import Readiness
from chassis.security.wiring import SecurityKit
from chassis.settings import CommonSettings


@dataclass
class Infrastructure:
    engine: Engine
    metrics: ServiceMetrics
    readiness: Readiness
    relay: OutboxRelay
    security: SecurityKit


def wire(common: CommonSettings, migrations: Path, outbox_table: Table, run_migrations: bool = True,
         personal_data: bool = False) -> Infrastructure:
    """`personal_data=True` for a service that stores national ID numbers: it
    refuses to start without the personal-data keys."""
    # Keys first: a service without them must fail before touching anything.
    security = SecurityKit.from_env(common.service, personal_data=personal_data)
    engine = make_engine(common.database_url)
    if run_migrations:
        migrate(engine, migrations)
    metrics = ServiceMetrics(common.service)
    metrics.track_outbox_backlog(partial(outbox.backlog_for_metrics, engine, outbox_table))
    track_pool(metrics, engine.pool)
    readiness = Readiness().add_database(engine).add_kafka(common.kafka_bootstrap)
    relay = OutboxRelay(engine, outbox_table,
                        lambda: make_producer(common.kafka_bootstrap, f"{common.service}-relay"), metrics)
    return Infrastructure(engine=engine, metrics=metrics, readiness=readiness, relay=relay, security=security)
