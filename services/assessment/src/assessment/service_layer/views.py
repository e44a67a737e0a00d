"""Read side of the assessment API."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.errors import NotFound

from assessment.domain.figures import VillageStats, YearFigures, YearIncome, year_figures
from assessment.domain.model import Flag, Score, VillageSummary
from assessment.domain.ranking import Ranked, rank
from assessment.service_layer.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ProvinceFigures:
    division_code: str
    totals: VillageStats
    years: list[YearFigures]


def village_summary(village_code: str, uow: UnitOfWork) -> VillageSummary:
    with uow:
        return uow.loader.village_summary(village_code)


def score(kind: str, target_id: str, uow: UnitOfWork) -> Score:
    with uow:
        found = uow.scores.get(kind, target_id)
    if found is None:
        raise NotFound(f"no score for {kind} {target_id!r}: no event has made it assessable yet")
    return found


def ranking(kind: str, division: str, uow: UnitOfWork) -> list[Ranked]:
    with uow:
        return rank(uow.scores.ranking(kind, division))


def flags(kind: str, target_id: str, division: str, include_cleared: bool, uow: UnitOfWork) -> list[Flag]:
    with uow:
        return uow.flags.find(kind, target_id, division, include_cleared)


def province_figures(division: str, uow: UnitOfWork) -> ProvinceFigures:
    with uow:
        totals = uow.figures.totals(division)
        incomes = uow.figures.incomes(division)
    years = []
    for year in sorted(incomes):
        counties = incomes[year]
        total = YearIncome(year, sum(c.households for c in counties.values()),
                           sum(c.people for c in counties.values()), sum(c.income_fen for c in counties.values()))
        years.append(year_figures(year, total, counties))
    return ProvinceFigures(division, totals, years)
