"""The one place the assessment's dependencies are wired."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chassis.infrastructure import Infrastructure, wire

from assessment.adapters import orm, translators
from assessment.config import Settings
from assessment.domain.model import VillageSummary
from assessment.service_layer import views
from assessment.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
SCORE_TOPIC = "assessment.score.v1"


@dataclass
class Assessment(Infrastructure):
    settings: Settings

    def new_uow(self) -> UnitOfWork:
        topic = self.settings.topic(SCORE_TOPIC)
        return UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                          lambda event: translators.outgoing(event, topic),
                          consumer_group=self.settings.common.consumer_group)

    def village_summary(self, village_code: str) -> VillageSummary:
        return views.village_summary(village_code, self.new_uow())


def bootstrap(settings: Settings | None = None, run_migrations: bool = True) -> Assessment:
    settings = settings or Settings.from_env()
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)
    return Assessment(**vars(infrastructure), settings=settings)
