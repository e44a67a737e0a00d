"""Scores as a pure function of a village's facts, the rubric and an "as of"
time: the same facts always give the same score, whatever order or how many
times the events that carried them arrived."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from assessment.domain.calendar import end_of_local_day, local_date, months_back
from assessment.domain.events import Divisions
from assessment.domain.model import (AttendanceMonth, Constituent, IndicatorResult, Inspection, Score,
                                     StreamPosition, VillageFacts)
from assessment.domain.rubric import Indicator, Rubric


@dataclass(frozen=True)
class Measurement:
    raw: Fraction | None  # None: not measurable
    counts: tuple[tuple[str, int], ...] = ()
    note: str = ""


def round_half_up(value: Fraction) -> int:
    if value < 0:
        return -round_half_up(-value)
    return math.floor(value + Fraction(1, 2))


def decimal_text(value: Fraction, places: int = 6) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    text = str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) if places else str(exact)
    return text.rstrip("0").rstrip(".") if "." in text else text


def people_weighted_means(facts: VillageFacts) -> dict[int, tuple[int, int, int]]:
    """Year -> (households, people, sum of per-capita income x household size)
    over the effective surveys of registered households."""
    found: dict[int, tuple[int, int, int]] = {}
    for household in facts.registered:
        for year, survey in household.effective_surveys().items():
            households, people, income = found.get(year, (0, 0, 0))
            found[year] = (households + 1, people + survey.household_size,
                           income + survey.per_capita_net_income_fen * survey.household_size)
    return found


# ---- village indicators -------------------------------------------------------------

def exit_rate(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    registered = facts.registered
    exited = sum(1 for h in registered if h.status == "exited")
    counts = (("registered_households", len(registered)), ("exited_households", exited))
    if not registered:
        return Measurement(None, counts, "no registered household yet")
    return Measurement(Fraction(exited, len(registered)), counts)


def income_growth(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    by_year = people_weighted_means(facts)
    years = sorted(y for y, (_, people, _) in by_year.items() if people > 0)
    if len(years) < 2:
        return Measurement(None, tuple((f"surveyed_households_{y}", by_year[y][0]) for y in years),
                           "needs surveys of two different years")
    first, last = years[0], years[-1]
    baseline = Fraction(by_year[first][2], by_year[first][1])
    latest = Fraction(by_year[last][2], by_year[last][1])
    counts = (("baseline_year", first), ("baseline_people", by_year[first][1]),
              ("baseline_per_capita_fen", round_half_up(baseline)), ("latest_year", last),
              ("latest_people", by_year[last][1]), ("latest_per_capita_fen", round_half_up(latest)))
    if baseline <= 0:
        return Measurement(None, counts, "baseline income is zero")
    return Measurement(latest / baseline - 1, counts)


def sustainability(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    registered = facts.registered
    returned = {h.household_id for h in registered if h.status == "returned"}
    at_risk = {h.household_id for h in registered if h.open_risk_since is not None}
    counts = (("registered_households", len(registered)), ("returned_households", len(returned)),
              ("households_with_open_risk", len(at_risk)), ("households_counted", len(returned | at_risk)))
    if not registered:
        return Measurement(None, counts, "no registered household yet")
    return Measurement(Fraction(len(returned | at_risk), len(registered)), counts)


def collective_income(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    if not facts.collective_income:
        return Measurement(None, (), "no collective income reported (collective-income-recorded)")
    year = max(facts.collective_income)
    amount = facts.collective_income[year]
    return Measurement(Fraction(amount), (("year", year), ("collective_income_fen", amount)))


def funds_used(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    allocated = sum(a.amount_fen for a in facts.allocations)
    used = sum(a.disbursed_fen - a.reversed_fen for a in facts.allocations)
    counts = (("allocations", len(facts.allocations)), ("allocated_fen", allocated), ("used_fen", used))
    if allocated <= 0:
        return Measurement(None, counts, "no funds allocated yet")
    return Measurement(max(Fraction(0), Fraction(used, allocated)), counts)


def survey_year_due(as_of: datetime, deadline: str) -> tuple[int, datetime]:
    """The latest survey year whose deadline has passed, and that deadline."""
    month, day = (int(part) for part in deadline.split("-"))
    today = local_date(as_of)
    year = today.year - 1 if today > date(today.year, month, day) else today.year - 2
    return year, end_of_local_day(date(year + 1, month, day))


def survey_coverage(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    if as_of is None:
        return Measurement(None, (), "no facts yet")
    year, deadline = survey_year_due(as_of, str(indicator.options.get("survey_deadline", "03-31")))
    year_end = end_of_local_day(date(year, 12, 31))
    due = [h for h in facts.registered if h.registered_at is not None and h.registered_at < year_end]
    timely = sum(1 for h in due if any(s.year == year and s.at < deadline for s in h.surveys))
    counts = (("survey_year", year), ("households_due", len(due)), ("surveyed_on_time", timely))
    if not due:
        return Measurement(None, counts, f"no household was registered by the end of {year}")
    return Measurement(Fraction(timely, len(due)), counts)


def _attendance_share(rows: Iterable[AttendanceMonth]) -> tuple[Fraction | None, int, int]:
    working = absent = 0
    for row in rows:
        working += row.working_days
        absent += min(row.days_absent_without_leave, row.working_days)
    return (1 - Fraction(absent, working) if working else None), working, absent


def _inspection_share(rows: Iterable[Inspection]) -> tuple[Fraction | None, int, int]:
    rows = list(rows)
    failed = sum(1 for r in rows if not r.passed)
    return (Fraction(len(rows) - failed, len(rows)) if rows else None), len(rows), failed


def _in_window(facts: VillageFacts, as_of: datetime | None, indicator: Indicator,
               keep: Callable[[str, str], bool]) -> tuple[list[AttendanceMonth], list[Inspection]]:
    if as_of is None:
        return [], []
    months = months_back(as_of, int(indicator.options.get("window_months", 12)))
    attendance = [a for a in facts.attendance if a.month in months and keep(a.cadre_id, a.unit_id)]
    inspections = [i for i in facts.inspections
                   if f"{i.inspected_on.year:04d}-{i.inspected_on.month:02d}" in months and keep(i.cadre_id, i.unit_id)]
    return attendance, inspections


def _cadre_work(facts: VillageFacts, as_of: datetime | None, indicator: Indicator,
                keep: Callable[[str, str], bool]) -> Measurement:
    attendance, inspections = _in_window(facts, as_of, indicator, keep)
    present, working, absent = _attendance_share(attendance)
    passed, inspected, failed = _inspection_share(inspections)
    counts = (("working_days", working), ("days_absent_without_leave", absent), ("inspections", inspected),
              ("inspections_failed", failed))
    shares = [s for s in (present, passed) if s is not None]
    if not shares:
        return Measurement(None, counts, "no attendance or inspection in the window")
    return Measurement(sum(shares, Fraction(0)) / len(shares), counts)


def cadre_work(facts: VillageFacts, as_of: datetime | None, indicator: Indicator) -> Measurement:
    return _cadre_work(facts, as_of, indicator, lambda cadre, unit: True)


VILLAGE_MEASURES = {
    "exit_rate": exit_rate, "income_growth": income_growth, "sustainability": sustainability,
    "collective_income": collective_income, "funds_used": funds_used, "survey_coverage": survey_coverage,
    "cadre_work": cadre_work,
}


# ---- turning measurements into points -------------------------------------------------

def points(indicators: tuple[Indicator, ...], measured: dict[str, Measurement]
           ) -> tuple[int, tuple[IndicatorResult, ...]] | None:
    """Score (hundredths) and its parts; None when nothing is measurable."""
    earned = available = Fraction(0)
    fractions: dict[str, Fraction] = {}
    for indicator in indicators:
        raw = measured[indicator.name].raw
        if raw is not None:
            fractions[indicator.name] = indicator.fraction(raw)
            earned += indicator.weight * fractions[indicator.name]
            available += indicator.weight
    if not fractions:
        return None
    neutral_rate = earned / available if available else Fraction(0)
    results = []
    for indicator in indicators:
        measurement = measured[indicator.name]
        if indicator.name in fractions:
            share, note = fractions[indicator.name], measurement.note
        elif indicator.missing == "neutral":
            share = neutral_rate
            note = f"not measurable ({measurement.note}); scored neutrally at the rate of the " \
                   f"measurable indicators, {decimal_text(neutral_rate)}"
        else:
            share, note = Fraction(0), f"not measurable ({measurement.note}); no points"
        raw_text = "" if measurement.raw is None else decimal_text(measurement.raw)
        results.append(IndicatorResult(indicator.name, indicator.weight,
                                       round_half_up(indicator.weight * 100 * share),
                                       measurement.raw is not None, raw_text, indicator.describe(),
                                       measurement.counts, note))
    return sum(r.points_centi for r in results), tuple(results)


def _score(kind: str, target_id: str, facts: VillageFacts, rubric: Rubric, as_of: datetime | None,
           measured: dict[str, Measurement], unqualified_by: tuple[str, ...], weight: int = 0) -> Score | None:
    found = points(rubric.indicators[kind], measured)
    if found is None:
        return None
    total, parts = found
    return Score(kind, target_id, facts.divisions, total, rubric.grade_of(total), unqualified_by,
                 rubric.version, as_of, facts.position, parts, weight=weight)


def village_score(facts: VillageFacts, rubric: Rubric, unqualified_by: tuple[str, ...] = ()) -> Score | None:
    as_of = facts.position.last_fact_at
    measured = {i.name: VILLAGE_MEASURES[i.name](facts, as_of, i) for i in rubric.indicators["village"]}
    return _score("village", facts.divisions.village_code, facts, rubric, as_of, measured, unqualified_by,
                  weight=len(facts.registered))


def _village_result(village: Score | None) -> Measurement:
    if village is None:
        return Measurement(None, (), "the village has no score yet")
    return Measurement(Fraction(village.score_centi, 10000), (("village_score_centi", village.score_centi),))


def cadre_score(cadre_id: str, facts: VillageFacts, village: Score | None, rubric: Rubric) -> Score | None:
    as_of = facts.position.last_fact_at
    measured: dict[str, Measurement] = {}
    for indicator in rubric.indicators["cadre"]:
        if indicator.name == "village_result":
            measured[indicator.name] = _village_result(village)
            continue
        attendance, inspections = _in_window(facts, as_of, indicator, lambda cadre, _unit: cadre == cadre_id)
        if indicator.name == "attendance":
            share, working, absent = _attendance_share(attendance)
            measured[indicator.name] = Measurement(share, (("working_days", working),
                                                           ("days_absent_without_leave", absent)),
                                                   "" if share is not None else "no attendance in the window")
        elif indicator.name == "inspections":
            share, inspected, failed = _inspection_share(inspections)
            measured[indicator.name] = Measurement(share, (("inspections", inspected), ("inspections_failed", failed)),
                                                   "" if share is not None else "no inspection in the window")
        else:
            complaints = [c for c in facts.complaints if c.cadre_id == cadre_id]
            upheld = sum(1 for c in complaints if c.upheld)
            measured[indicator.name] = Measurement(Fraction(upheld), (("complaints", len(complaints)),
                                                                      ("complaints_upheld", upheld)))
    unqualified = village.unqualified_by if village else ()
    return _score("cadre", cadre_id, facts, rubric, as_of, measured, unqualified)


def unit_score(unit_id: str, facts: VillageFacts, village: Score | None, rubric: Rubric) -> Score | None:
    as_of = facts.position.last_fact_at
    measured: dict[str, Measurement] = {}
    for indicator in rubric.indicators["support_unit"]:
        if indicator.name == "village_result":
            measured[indicator.name] = _village_result(village)
        elif indicator.name == "own_funding":
            planned = sum(p.planned_funds_fen for p in facts.plans if p.unit_id == unit_id)
            own = sum(a.amount_fen for a in facts.allocations
                      if a.source_kind == "support_unit" and a.unit_id == unit_id)
            counts = (("planned_funds_fen", planned), ("own_funds_allocated_fen", own))
            measured[indicator.name] = Measurement(Fraction(own, planned) if planned > 0 else None, counts,
                                                   "" if planned > 0 else "no plan with planned funds yet")
        else:
            measured[indicator.name] = _cadre_work(facts, as_of, indicator, lambda _cadre, unit: unit == unit_id)
    unqualified = village.unqualified_by if village else ()
    return _score("support_unit", unit_id, facts, rubric, as_of, measured, unqualified)


def aggregate_score(kind: str, target_id: str, divisions: Divisions, villages: list[Score],
                    rubric: Rubric) -> Score | None:
    """Counties and cities: village scores weighted by poor households."""
    weighted = [v for v in villages if v.weight > 0]
    total_weight = sum(v.weight for v in weighted)
    if not total_weight:
        return None
    centi = round_half_up(Fraction(sum(v.score_centi * v.weight for v in weighted), total_weight))
    times = [v.position.last_fact_at for v in weighted if v.position.last_fact_at is not None]
    position = StreamPosition(sum(v.position.facts for v in weighted), max(times) if times else None)
    constituents = tuple(Constituent(v.target_id, v.score_centi, v.weight, v.unqualified)
                         for v in sorted(weighted, key=lambda v: v.target_id))
    return Score(kind, target_id, divisions, centi, rubric.grade_of(centi), (), rubric.version,
                 position.last_fact_at, position, (), constituents, weight=total_weight)
