"""The support unit's plan for its village and its yearly implementation
plans, whose targets assessment compares results against."""
from __future__ import annotations

from datetime import date, datetime

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain import commands, events
from cadres.domain.ids import new_id
from cadres.domain.model import Pairing, VillagePlan, YearlyPlan


def adopt_village_plan(pairing: Pairing, strategy: str, adopted_on: date, today: date) -> VillagePlan:
    violations: list[FieldViolation] = []
    if adopted_on > today:
        violations.append(FieldViolation("adopted_on", "must not be after today"))
    elif adopted_on < pairing.start:
        violations.append(FieldViolation("adopted_on", f"must not be before the pairing started "
                                                       f"({pairing.start.isoformat()})"))
    collect(violations)
    if pairing.end is not None and adopted_on > pairing.end:
        raise FailedPrecondition(f"pairing {pairing.id} ended on {pairing.end.isoformat()}")
    return VillagePlan(pairing_id=pairing.id, village=pairing.village, strategy=strategy, adopted_on=adopted_on)


def _same_targets(plan: YearlyPlan, command: commands.AdoptYearlyPlan) -> bool:
    return (plan.target_exited_households, plan.target_per_capita_income_fen, plan.target_collective_income_fen,
            plan.planned_funds_fen, plan.measures) == (
        command.target_exited_households, command.target_per_capita_income_fen,
        command.target_collective_income_fen, command.planned_funds_fen, command.measures)


def adopt_yearly_plan(pairing: Pairing, command: commands.AdoptYearlyPlan, existing: YearlyPlan | None,
                      now: datetime) -> tuple[YearlyPlan, events.PlanAdopted | None]:
    """Adopting the same targets again (a retry) changes nothing and announces nothing."""
    last_year = pairing.end.year if pairing.end else None
    if command.year < pairing.start.year or (last_year is not None and command.year > last_year):
        until = str(last_year) if last_year else "now"
        raise FailedPrecondition(f"pairing {pairing.id} runs from {pairing.start.year} to {until}; "
                                 f"no plan for {command.year}")
    if existing is not None and _same_targets(existing, command):
        return existing, None
    plan = YearlyPlan(
        id=existing.id if existing else new_id(), pairing_id=pairing.id, unit_id=pairing.unit_id,
        village=pairing.village, year=command.year, target_exited_households=command.target_exited_households,
        target_per_capita_income_fen=command.target_per_capita_income_fen,
        target_collective_income_fen=command.target_collective_income_fen,
        planned_funds_fen=command.planned_funds_fen, measures=command.measures,
        revision=existing.revision + 1 if existing else 1, adopted_at=now)
    return plan, events.PlanAdopted(
        plan_id=plan.id, pairing_id=plan.pairing_id, unit_id=plan.unit_id, village=plan.village, year=plan.year,
        target_exited_households=plan.target_exited_households,
        target_per_capita_income_fen=plan.target_per_capita_income_fen,
        target_collective_income_fen=plan.target_collective_income_fen, planned_funds_fen=plan.planned_funds_fen)
