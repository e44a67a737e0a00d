"""Read side of the assessment API. Every read names its `reader` (the
verified caller; None for the service itself) and is authorised against the
division it reads: a list without a division filter is confined to the
reader's own jurisdiction, never wider. Rankings are published province-wide
(the policy leaves them unscoped)."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.errors import NotFound
from chassis.security.policy import authorize
from chassis.security.tokens import Principal

from assessment.domain.figures import VillageStats, YearFigures, YearIncome, year_figures
from assessment.domain.model import Flag, Score, VillageSummary
from assessment.domain.ranking import Ranked, rank
from assessment.service_layer.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ProvinceFigures:
    division_code: str
    totals: VillageStats
    years: list[YearFigures]


AGGREGATE_TARGETS = ("village", "county", "city")  # kinds whose id is their own division code


def check(reader: Principal | None, action: str, division: str | None) -> None:
    if reader is not None:
        authorize(reader, action, division)


def scope(reader: Principal | None, division: str) -> str:
    """The division a list reads: the one asked for, else the reader's own."""
    return division or (reader.jurisdiction if reader is not None else "")


def village_summary(village_code: str, uow: UnitOfWork, reader: Principal | None = None) -> VillageSummary:
    check(reader, "assessment.village_summary.read", village_code)
    with uow:
        return uow.loader.village_summary(village_code)


def score(kind: str, target_id: str, uow: UnitOfWork, reader: Principal | None = None) -> Score:
    if kind in AGGREGATE_TARGETS:
        check(reader, "assessment.score.read", target_id)
    elif reader is not None:
        check(reader, "assessment.score.read", reader.jurisdiction)  # the role gate, before looking
    with uow:
        found = uow.scores.get(kind, target_id)
    if found is not None and kind not in AGGREGATE_TARGETS:
        check(reader, "assessment.score.read", found.divisions.village_code)
    if found is None:
        raise NotFound(f"no score for {kind} {target_id!r}: no event has made it assessable yet")
    return found


def ranking(kind: str, division: str, uow: UnitOfWork, reader: Principal | None = None) -> list[Ranked]:
    check(reader, "assessment.ranking.read", division or None)
    with uow:
        return rank(uow.scores.ranking(kind, division))


def flags(kind: str, target_id: str, division: str, include_cleared: bool, uow: UnitOfWork,
          reader: Principal | None = None) -> list[Flag]:
    division = scope(reader, division)
    check(reader, "assessment.flag.read", division)
    with uow:
        return uow.flags.find(kind, target_id, division, include_cleared)


def province_figures(division: str, uow: UnitOfWork, reader: Principal | None = None) -> ProvinceFigures:
    division = scope(reader, division)
    check(reader, "assessment.province_figures.read", division)
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
