"""The one place the assessment's dependencies are wired."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from chassis.counts import grouped_counts
from chassis.infrastructure import Infrastructure, wire
from chassis.security.tokens import Principal

from assessment.adapters import orm, translators
from assessment.adapters.rubric_file import load_rubric
from assessment.config import Settings
from assessment.domain import events
from assessment.domain.model import VillageSummary
from assessment.domain.rubric import Rubric
from assessment.service_layer import handlers, views
from assessment.service_layer.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@dataclass
class Assessment(Infrastructure):
    settings: Settings
    rubric: Rubric
    # False while rebuilding: nothing recomputed from history is announced again.
    publish: bool = True

    def new_uow(self) -> UnitOfWork:
        uow = UnitOfWork(self.engine, orm.outbox, orm.processed_events,
                         lambda event: translators.outgoing(event, self.settings.topic),
                         consumer_group=self.settings.common.consumer_group)
        uow.publish = self.publish
        return uow

    def apply(self, event: events.Event, event_id: str) -> bool:
        return handlers.apply_once(event, event_id, self.new_uow(), self.rubric)

    def apply_batch(self, batch: list[tuple[events.Event, str]]) -> list[bool]:
        return handlers.apply_batch(batch, self.new_uow(), self.rubric)

    def village_summary(self, village_code: str, reader: Principal | None = None) -> VillageSummary:
        return views.village_summary(village_code, self.new_uow(), reader)


def bootstrap(settings: Settings | None = None, run_migrations: bool = True) -> Assessment:
    settings = settings or Settings.from_env()
    rubric = load_rubric(settings.rubric)  # a bad rubric stops the start, before anything is scored
    infrastructure = wire(settings.common, MIGRATIONS, orm.outbox, run_migrations)
    assessment = Assessment(**vars(infrastructure), settings=settings, rubric=rubric)
    track_domain_gauges(assessment)
    return assessment


def track_domain_gauges(assessment: Assessment) -> None:
    """What operators ask of the assessment at a glance: grades and open flags."""
    engine, metrics = assessment.engine, assessment.metrics
    metrics.track_counts("shuangdao_scores", "Scored targets by kind and grade in force.", ("target_kind", "grade"),
                         partial(grouped_counts, engine, orm.scores, orm.scores.c.target_kind, orm.scores.c.grade))
    metrics.track_counts("shuangdao_open_flags", "Accountability flags in force by rule.", "rule",
                         partial(grouped_counts, engine, orm.flags, orm.flags.c.rule, where=orm.flags.c.active))
