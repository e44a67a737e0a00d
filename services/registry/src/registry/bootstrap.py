"""The one place the registry's dependencies are wired. Tests call
`bootstrap()` with their own settings (a PostgreSQL database, a test broker)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from chassis.counts import grouped_counts
from chassis.infrastructure import Infrastructure, wire
from chassis.messagebus import MessageBus
from chassis.security.tokens import Principal

from registry.adapters import divisions_file, orm, translators
from registry.adapters.identity import Identity
from registry.config import HOUSEHOLD_TOPIC, RESULT_TOPIC, Settings
from registry.domain import commands, model
from registry.service_layer import batch_registration, handlers, views
from registry.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@dataclass
class Registry(Infrastructure):
    settings: Settings
    bus: MessageBus
    # Test seam: e2e tests move time forward (notice periods) by replacing it.
    clock: Callable[[], datetime] = field(default=handlers.utc_now)

    def new_uow(self) -> UnitOfWork:
        topics = {"household": self.settings.topic(HOUSEHOLD_TOPIC), "result": self.settings.topic(RESULT_TOPIC)}
        return UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                          lambda event: translators.outgoing(event, topics), self.identity,
                          consumer_group=self.settings.common.consumer_group)

    @property
    def identity(self) -> Identity:
        assert self.security.cipher is not None, "the registry is wired with personal_data=True"
        return Identity(self.security.cipher)

    def now(self) -> datetime:
        return self.clock()

    def get_household(self, household_id: str, actor: Principal | None = None) -> model.Household:
        """As `actor` may see it; None (tests, tools on the host) sees it whole."""
        return views.get_household(household_id, self.new_uow(), actor)


def _wire_handlers(registry: Registry) -> None:
    rules, uow, now = registry.settings.rules, registry.new_uow, registry.now
    registry.bus.command_handlers.update({
        commands.RegisterHousehold: lambda c: handlers.register_household(c, uow(), rules, now),
        commands.RegisterHouseholds: lambda c: batch_registration.register_households(
            c, uow(), rules, now, registry.settings.max_batch),
        commands.SubmitHousehold: lambda c: handlers.submit_household(c, uow(), rules, now),
        commands.DecideStep: lambda c: handlers.decide_step(c, uow(), rules, now),
        commands.RecordObjection: lambda c: handlers.record_objection(c, uow(), now),
        commands.ResubmitHousehold: lambda c: handlers.resubmit_household(c, uow(), rules, now),
        commands.RecordSurvey: lambda c: handlers.record_survey(c, uow(), rules, now),
        commands.ProposeExit: lambda c: handlers.propose_exit(c, uow(), rules, now),
        commands.ConfirmExit: lambda c: handlers.confirm_exit(c, uow(), rules, now),
        commands.ReturnToPoverty: lambda c: handlers.return_to_poverty(c, uow(), now),
        commands.LoadDivisions: lambda c: handlers.load_divisions(c, uow()),
        commands.IngestSubmission: lambda c: handlers.ingest_submission(c, uow(), rules, now),
    })


def bootstrap(settings: Settings | None = None, run_migrations: bool = True, load_divisions: bool = True) -> Registry:
    settings = settings or Settings.from_env()
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations, personal_data=True)
    registry = Registry(**vars(infrastructure), settings=settings, bus=MessageBus({}))
    _wire_handlers(registry)
    registry.metrics.track_counts("shuangdao_households", "Households in the register by workflow status.",
                                  "status", partial(grouped_counts, registry.engine, orm.households,
                                                    orm.households.c.status))
    if load_divisions:
        # The shipped divisions are always there; more can be loaded through the API.
        divisions_file.ensure_shipped(registry.engine)
    return registry
