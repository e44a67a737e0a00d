"""Read side: queries answered straight from the service's tables."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.errors import FieldViolation, InvalidArgument, NotFound

from cadres.domain import attendance
from cadres.domain.calendar import days_of_month, month_of
from cadres.domain.model import (AttendanceSummary, Cadre, Complaint, Inspection, Leave, Pairing, Stationing,
                                 SupportUnit, VillagePlan, YearlyPlan)
from cadres.service_layer.context import Context
from cadres.service_layer.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CadreRecord:
    cadre: Cadre
    stationings: list[Stationing]


@dataclass(frozen=True)
class Plans:
    village_plan: VillagePlan | None
    yearly_plans: list[YearlyPlan]


@dataclass(frozen=True)
class AttendanceMonth:
    cadre_id: str
    month: str
    days: list[attendance.CountedDay]
    summary: AttendanceSummary
    revision: int


def _missing(kind: str, key: str) -> NotFound:
    return NotFound(f"{kind} {key} not found")


def support_unit(unit_id: str, uow: UnitOfWork) -> SupportUnit:
    with uow:
        unit = uow.units.get(unit_id)
    if unit is None:
        raise _missing("support unit", unit_id)
    return unit


def pairing(pairing_id: str, uow: UnitOfWork) -> Pairing:
    with uow:
        found = uow.pairings.get(pairing_id)
    if found is None:
        raise _missing("pairing", pairing_id)
    return found


def pairings(village_code: str, unit_id: str, uow: UnitOfWork) -> list[Pairing]:
    if bool(village_code) == bool(unit_id):
        raise InvalidArgument([FieldViolation("village_code", "give exactly one of village_code and unit_id")])
    with uow:
        if unit_id:
            if uow.units.get(unit_id) is None:
                raise _missing("support unit", unit_id)
            return uow.pairings.of_unit(unit_id)
        return uow.pairings.of_village(village_code)


def plans(pairing_id: str, uow: UnitOfWork) -> Plans:
    with uow:
        found = uow.pairings.get(pairing_id)
        if found is None:
            raise _missing("pairing", pairing_id)
        return Plans(uow.plans.village_plan(found), uow.plans.yearly_plans(found))


def cadre(cadre_id: str, uow: UnitOfWork) -> CadreRecord:
    with uow:
        found = uow.cadres.get(cadre_id)
        if found is None:
            raise _missing("cadre", cadre_id)
        return CadreRecord(found, uow.stationings.of_cadre(cadre_id))


def stationings(village_code: str, uow: UnitOfWork) -> list[Stationing]:
    with uow:
        return uow.stationings.of_village(village_code)


def attendance_month(cadre_id: str, year: int, month: int, uow: UnitOfWork, context: Context) -> AttendanceMonth:
    days = days_of_month(year, month)
    with uow:
        if uow.cadres.get(cadre_id) is None:
            raise _missing("cadre", cadre_id)
        counted = attendance.month_days(year, month, uow.stationings.of_cadre(cadre_id),
                                        uow.attendance.marks(cadre_id, days[0], days[-1]),
                                        uow.leaves.of_cadre(cadre_id), context.rules.calendar, context.today())
        stored = uow.attendance.summary(cadre_id, month_of(days[0]))
    return AttendanceMonth(cadre_id, month_of(days[0]), counted, attendance.summarise(counted),
                           stored.revision if stored else 0)


def leaves(cadre_id: str, uow: UnitOfWork) -> list[Leave]:
    with uow:
        _require_cadre(uow, cadre_id)
        return uow.leaves.of_cadre(cadre_id)


def inspections(cadre_id: str, uow: UnitOfWork) -> list[Inspection]:
    with uow:
        _require_cadre(uow, cadre_id)
        return uow.inspections.of_cadre(cadre_id)


def complaints(cadre_id: str, uow: UnitOfWork) -> list[Complaint]:
    with uow:
        _require_cadre(uow, cadre_id)
        return uow.complaints.of_cadre(cadre_id)


def _require_cadre(uow: UnitOfWork, cadre_id: str) -> None:
    if uow.cadres.get(cadre_id) is None:
        raise _missing("cadre", cadre_id)
