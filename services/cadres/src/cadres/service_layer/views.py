"""Read side: queries answered straight from the service's tables. Every
query names its `reader` (the verified caller) and is authorised against the
village of what it reads before saying whether that thing exists."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.errors import FieldViolation, InvalidArgument, NotFound
from chassis.security.tokens import Principal

from cadres.domain import attendance
from cadres.domain.calendar import days_of_month, month_of
from cadres.domain.model import (AttendanceSummary, Cadre, Complaint, Inspection, Leave, Pairing, Stationing,
                                 SupportUnit, VillagePlan, YearlyPlan)
from cadres.service_layer.context import Context
from cadres.service_layer.guard import cadre_division, check, unit_division
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


def support_unit(unit_id: str, uow: UnitOfWork, reader: Principal | None, province: str) -> SupportUnit:
    with uow:
        unit = uow.units.get(unit_id)
        if unit is None:
            raise _missing("support unit", unit_id)
        check(reader, "cadres.support_unit.read", unit_division(uow, unit, province))
    return unit


def pairing(pairing_id: str, uow: UnitOfWork, reader: Principal | None) -> Pairing:
    with uow:
        found = uow.pairings.get(pairing_id)
    if found is None:
        raise _missing("pairing", pairing_id)
    check(reader, "cadres.pairing.read", found.village.village)
    return found


def pairings(village_code: str, unit_id: str, uow: UnitOfWork, reader: Principal | None,
             province: str) -> list[Pairing]:
    if bool(village_code) == bool(unit_id):
        raise InvalidArgument([FieldViolation("village_code", "give exactly one of village_code and unit_id")])
    with uow:
        if unit_id:
            unit = uow.units.get(unit_id)
            if unit is None:
                raise _missing("support unit", unit_id)
            check(reader, "cadres.pairing.read", unit_division(uow, unit, province))
            return uow.pairings.of_unit(unit_id)
        check(reader, "cadres.pairing.read", village_code)
        return uow.pairings.of_village(village_code)


def plans(pairing_id: str, uow: UnitOfWork, reader: Principal | None) -> Plans:
    with uow:
        found = uow.pairings.get(pairing_id)
        if found is None:
            raise _missing("pairing", pairing_id)
        check(reader, "cadres.plan.read", found.village.village)
        return Plans(uow.plans.village_plan(found), uow.plans.yearly_plans(found))


def cadre(cadre_id: str, uow: UnitOfWork, reader: Principal | None, province: str) -> CadreRecord:
    with uow:
        found = _cadre_for(uow, cadre_id, reader, "cadres.cadre.read", province)
        return CadreRecord(found, uow.stationings.of_cadre(cadre_id))


def stationings(village_code: str, uow: UnitOfWork, reader: Principal | None) -> list[Stationing]:
    check(reader, "cadres.stationing.read", village_code)
    with uow:
        return uow.stationings.of_village(village_code)


def attendance_month(cadre_id: str, year: int, month: int, uow: UnitOfWork, context: Context,
                     reader: Principal | None) -> AttendanceMonth:
    days = days_of_month(year, month)
    with uow:
        _cadre_for(uow, cadre_id, reader, "cadres.attendance.read", context.province)
        counted = attendance.month_days(year, month, uow.stationings.of_cadre(cadre_id),
                                        uow.attendance.marks(cadre_id, days[0], days[-1]),
                                        uow.leaves.of_cadre(cadre_id), context.rules.calendar, context.today())
        stored = uow.attendance.summary(cadre_id, month_of(days[0]))
    return AttendanceMonth(cadre_id, month_of(days[0]), counted, attendance.summarise(counted),
                           stored.revision if stored else 0)


def leaves(cadre_id: str, uow: UnitOfWork, reader: Principal | None, province: str) -> list[Leave]:
    with uow:
        _cadre_for(uow, cadre_id, reader, "cadres.leave.read", province)
        return uow.leaves.of_cadre(cadre_id)


def inspections(cadre_id: str, uow: UnitOfWork, reader: Principal | None, province: str) -> list[Inspection]:
    with uow:
        _cadre_for(uow, cadre_id, reader, "cadres.inspection.read", province)
        return uow.inspections.of_cadre(cadre_id)


def complaints(cadre_id: str, uow: UnitOfWork, reader: Principal | None, province: str) -> list[Complaint]:
    with uow:
        _cadre_for(uow, cadre_id, reader, "cadres.complaint.read", province)
        return uow.complaints.of_cadre(cadre_id)


def _cadre_for(uow: UnitOfWork, cadre_id: str, reader: Principal | None, action: str, province: str) -> Cadre:
    found = uow.cadres.get(cadre_id)
    if found is None:
        raise _missing("cadre", cadre_id)
    check(reader, action, cadre_division(uow, found, province))
    return found
