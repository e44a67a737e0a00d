"""The one place the registry's dependencies are wired. Tests call
`bootstrap()` with their own settings (a PostgreSQL database, a test broker)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chassis.infrastructure import Infrastructure, wire
from chassis.messagebus import MessageBus

from registry.adapters import orm, translators
from registry.config import HOUSEHOLD_TOPIC, Settings
from registry.domain import commands, model
from registry.service_layer import handlers, views
from registry.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@dataclass
class Registry(Infrastructure):
    settings: Settings
    bus: MessageBus

    def new_uow(self) -> UnitOfWork:
        topic = self.settings.topic(HOUSEHOLD_TOPIC)
        return UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                          lambda event: translators.outgoing(event, topic))

    def get_household(self, household_id: str) -> model.Household:
        return views.get_household(household_id, self.new_uow())


def bootstrap(settings: Settings | None = None, run_migrations: bool = True) -> Registry:
    settings = settings or Settings.from_env()
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)
    registry = Registry(**vars(infrastructure), settings=settings, bus=MessageBus({}))
    registry.bus.command_handlers[commands.RegisterHousehold] = lambda c: handlers.register_household(
        c, registry.new_uow())
    return registry
