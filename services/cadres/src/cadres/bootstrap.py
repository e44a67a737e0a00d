"""The one place the cadres service's dependencies are wired. Tests call
`bootstrap()` with their own settings (a PostgreSQL database, a test broker)
and, for calendar rules, their own clock."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from chassis.infrastructure import Infrastructure, wire
from chassis.messagebus import MessageBus

from cadres.adapters import orm, translators
from cadres.config import CADRE_TOPIC, PAIRING_TOPIC, Settings
from cadres.domain import commands
from cadres.service_layer import attendance_handlers, handlers
from cadres.service_layer.context import Clock, Context, utc_now
from cadres.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

HANDLERS: dict[type, Any] = {
    commands.RegisterSupportUnit: handlers.register_support_unit,
    commands.ChangeTopLeader: handlers.change_top_leader,
    commands.PairUnit: handlers.pair_unit,
    commands.EndPairing: handlers.end_pairing,
    commands.AdoptVillagePlan: handlers.adopt_village_plan,
    commands.AdoptYearlyPlan: handlers.adopt_yearly_plan,
    commands.RegisterCadre: handlers.register_cadre,
    commands.StationCadre: handlers.station_cadre,
    commands.WithdrawCadre: handlers.withdraw_cadre,
    commands.RotateCadre: handlers.rotate_cadre,
    commands.RecordAttendance: attendance_handlers.record_attendance,
    commands.RequestLeave: attendance_handlers.request_leave,
    commands.DecideLeave: attendance_handlers.decide_leave,
    commands.RecordInspection: attendance_handlers.record_inspection,
    commands.RecordComplaint: attendance_handlers.record_complaint,
    commands.ResolveComplaint: attendance_handlers.resolve_complaint,
}


@dataclass
class Service(Infrastructure):
    settings: Settings
    bus: MessageBus
    context: Context

    def new_uow(self) -> UnitOfWork:
        topics = translators.Topics(pairing=self.settings.topic(PAIRING_TOPIC), cadre=self.settings.topic(CADRE_TOPIC))
        return UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                          lambda event: translators.outgoing(event, topics))


def bootstrap(settings: Settings | None = None, run_migrations: bool = True, clock: Clock = utc_now) -> Service:
    settings = settings or Settings.from_env()
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)
    context = Context(rules=settings.rules, clock=clock, province=settings.province)
    service = Service(**vars(infrastructure), settings=settings, bus=MessageBus({}), context=context)
    for kind, handler in HANDLERS.items():
        service.bus.command_handlers[kind] = lambda command, handler=handler: handler(
            command, service.new_uow(), service.context)
    service.bus.command_handlers[commands.SummariseAttendance] = partial(
        attendance_handlers.summarise_attendance, new_uow=service.new_uow, context=context)
    return service
