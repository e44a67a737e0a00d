"""The one place the funds service's dependencies are wired."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chassis.infrastructure import Infrastructure, wire

from funds.adapters import orm
from funds.config import Settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@dataclass
class Service(Infrastructure):
    settings: Settings


def bootstrap(settings: Settings | None = None, run_migrations: bool = True) -> Service:
    settings = settings or Settings.from_env()
    return Service(**vars(wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)), settings=settings)
