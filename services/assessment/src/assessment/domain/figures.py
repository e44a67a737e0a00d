"""Headline figures: counts, per-capita income of the poor by year and the
regional disparity between counties. Money stays integer fen; ratios are exact
until they are printed."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from assessment.domain.model import VillageFacts
from assessment.domain.scoring import people_weighted_means, round_half_up


@dataclass(frozen=True)
class VillageStats:
    registered_households: int
    registered_people: int
    exited_households: int
    exited_people: int
    at_risk_households: int
    at_risk_people: int


@dataclass(frozen=True)
class YearIncome:
    """Survey totals of one division and year: enough to combine divisions exactly."""

    year: int
    households: int
    people: int
    income_fen: int  # sum over households of per-capita income x household size


@dataclass(frozen=True)
class YearFigures:
    year: int
    households: int
    people: int
    per_capita_income_fen: int
    counties: int
    disparity_ratio: str
    coefficient_of_variation: str


def village_stats(facts: VillageFacts) -> VillageStats:
    registered = facts.registered
    exited = [h for h in registered if h.status == "exited"]
    # "At risk" = what the sustainability indicator counts: returned or a risk open.
    at_risk = [h for h in registered if h.status == "returned" or h.open_risk_since is not None]
    return VillageStats(len(registered), sum(h.people for h in registered), len(exited),
                        sum(h.people for h in exited), len(at_risk), sum(h.people for h in at_risk))


def village_incomes(facts: VillageFacts) -> list[YearIncome]:
    return [YearIncome(year, households, people, income)
            for year, (households, people, income) in sorted(people_weighted_means(facts).items())]


def _places(value: Fraction, places: int) -> str:
    with localcontext() as context:
        context.prec = 40
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def disparity(county_means: list[Fraction]) -> tuple[str, str]:
    """Highest to lowest county mean (2 decimals) and the population
    coefficient of variation of the county means (4 decimals)."""
    means = [m for m in county_means if m > 0]
    if len(means) < 2:
        return "", ""
    ratio = max(means) / min(means)
    mean = sum(means, Fraction(0)) / len(means)
    variance = sum(((m - mean) ** 2 for m in means), Fraction(0)) / len(means)
    with localcontext() as context:
        context.prec = 40
        deviation = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        cv = deviation / (Decimal(mean.numerator) / Decimal(mean.denominator))
        cv_text = str(cv.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    return _places(ratio, 2), cv_text


def year_figures(year: int, total: YearIncome, by_county: dict[str, YearIncome]) -> YearFigures:
    mean = round_half_up(Fraction(total.income_fen, total.people)) if total.people else 0
    county_means = [Fraction(c.income_fen, c.people) for c in by_county.values() if c.people]
    ratio, cv = disparity(county_means)
    return YearFigures(year, total.households, total.people, mean, len(county_means), ratio, cv)
