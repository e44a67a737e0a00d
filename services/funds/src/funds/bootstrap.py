"""The one place the funds service's dependencies are wired. Tests call
`bootstrap()` with their own settings (a PostgreSQL database, a test broker)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from chassis.infrastructure import Infrastructure, wire
from chassis.messagebus import MessageBus
from chassis.security.tokens import Principal

from funds.adapters import orm, translators
from funds.config import LEDGER_TOPIC, Settings
from funds.domain import collective_income, figures, model
from funds.service_layer import handlers, views
from funds.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@dataclass
class Funds(Infrastructure):
    settings: Settings
    bus: MessageBus

    def new_uow(self, writing: bool = True) -> UnitOfWork:
        topic = self.settings.topic(LEDGER_TOPIC)
        return UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                          lambda event: translators.outgoing(event, topic), writing=writing)

    def reader(self) -> UnitOfWork:
        return self.new_uow(writing=False)

    # `actor`: the caller (entrypoints pass the verified principal); None is the
    # system itself and is not gated (tools on the host, service-level tests).
    def handle(self, command: Any, actor: Principal | None = None) -> Any:
        return self.bus.handle(replace(command, actor=actor) if actor is not None else command)

    def get_source(self, source_id: str, actor: Principal | None = None) -> figures.SourceView:
        return views.get_source(source_id, self.reader, actor)

    def list_sources(self, actor: Principal | None = None) -> list[figures.SourceView]:
        return views.list_sources(self.reader, actor)

    def get_allocation(self, allocation_id: str, actor: Principal | None = None) -> figures.AllocationView:
        return views.get_allocation(allocation_id, self.reader, actor)

    def get_project(self, project_id: str, actor: Principal | None = None) -> figures.ProjectView:
        return views.get_project(project_id, self.reader, actor)

    def village_funds(self, village_code: str, actor: Principal | None = None) -> figures.VillageFunds:
        return views.village_funds(village_code, self.reader, actor)

    def village_collective_income(self, village_code: str, actor: Principal | None = None
                                  ) -> collective_income.VillageIncome:
        return views.get_collective_income(village_code, self.reader, actor)

    def source_mix(self, division_code: str, actor: Principal | None = None) -> figures.SourceMix:
        return views.source_mix(division_code, self.reader, actor)

    def idle_allocations(self, as_of: str, idle_days: int, division_code: str, actor: Principal | None = None
                         ) -> tuple[date, int, list[figures.IdleAllocation]]:
        day = views.parse_as_of(as_of, model.calendar_date(datetime.now(UTC)))
        days = idle_days or self.settings.idle_days
        return day, days, views.idle_allocations(day, days, division_code, self.reader, actor)

    def village_ledger_csv(self, village_code: str, actor: Principal | None = None) -> str:
        return views.village_ledger_csv(village_code, self.reader, actor)


def bootstrap(settings: Settings | None = None, run_migrations: bool = True) -> Funds:
    settings = settings or Settings.from_env()
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)
    funds = Funds(**vars(infrastructure), settings=settings, bus=MessageBus({}))
    for command_type, handler in handlers.HANDLERS.items():
        funds.bus.command_handlers[command_type] = partial(_run, handler, funds)
    return funds


def _run(handler: Any, funds: Funds, command: Any) -> Any:
    return handler(command, funds.new_uow)
