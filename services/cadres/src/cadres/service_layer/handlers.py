"""Support units, pairings, plans, cadres and stationing: one function per
command, each in its own unit of work. Locks are taken unit, then village,
then cadre, so concurrent commands never deadlock. Each command is authorised
against the village of what it acts on (guard.check) before anything about
that thing is revealed, and leaves an audit entry in its own transaction."""
from __future__ import annotations

from datetime import date

from chassis.errors import FailedPrecondition, FieldViolation, NotFound, collect

from cadres.domain import commands, pairings, plans, stationing, units
from cadres.domain.ids import new_id
from cadres.domain.model import Cadre, Pairing, Stationing, SupportUnit, TopLeader, VillagePlan, YearlyPlan
from cadres.service_layer.context import Context
from cadres.service_layer.guard import cadre_division, check, record, snapshot, unit_division
from cadres.service_layer.summaries import months_affected, resummarise
from cadres.service_layer.unit_of_work import UnitOfWork


def _unit(uow: UnitOfWork, unit_id: str, for_update: bool = False) -> SupportUnit:
    unit = uow.units.get(unit_id, for_update=for_update)
    if unit is None:
        raise NotFound(f"support unit {unit_id} not found")
    return unit


def _pairing(uow: UnitOfWork, pairing_id: str) -> Pairing:
    pairing = uow.pairings.get(pairing_id)
    if pairing is None:
        raise NotFound(f"pairing {pairing_id} not found")
    return pairing


def _cadre(uow: UnitOfWork, cadre_id: str, for_update: bool = False) -> Cadre:
    cadre = uow.cadres.get(cadre_id, for_update=for_update)
    if cadre is None:
        raise NotFound(f"cadre {cadre_id} not found")
    return cadre


def register_support_unit(command: commands.RegisterSupportUnit, uow: UnitOfWork, context: Context) -> SupportUnit:
    check(command.actor, "cadres.support_unit.register", context.province)
    leader = TopLeader(command.leader_name, command.leader_title, command.leader_since)
    unit = units.register(command.unit_id, command.name, command.kind, leader, context.today(), context.now())
    with uow:
        existing = uow.units.get(unit.id) if command.unit_id else None
        if existing is not None:
            return existing  # a retry of a call that already succeeded
        uow.units.add(unit)
        record(uow, command.actor, "cadres.support_unit.register", "support_unit", unit.id, context.province,
               after=unit)
        uow.commit()
    return unit


def change_top_leader(command: commands.ChangeTopLeader, uow: UnitOfWork, context: Context) -> SupportUnit:
    with uow:
        unit = _unit(uow, command.unit_id, for_update=True)
        division = unit_division(uow, unit, context.province)
        check(command.actor, "cadres.support_unit.change_leader", division)
        before = snapshot(unit)
        leader = TopLeader(command.leader_name, command.leader_title, command.leader_since)
        units.change_top_leader(unit, leader, context.today())
        uow.units.add_leader(unit.id, leader)
        record(uow, command.actor, "cadres.support_unit.change_leader", "support_unit", unit.id, division,
               before, unit)
        uow.commit()
    return unit


def pair_unit(command: commands.PairUnit, uow: UnitOfWork, context: Context) -> Pairing:
    check(command.actor, "cadres.pairing.create", command.village_code)
    with uow:
        if command.pairing_id and (existing := uow.pairings.get(command.pairing_id)) is not None:
            return existing
        unit = _unit(uow, command.unit_id, for_update=True)
        uow.pairings.lock_village(command.village_code)
        pairing = pairings.pair(command.pairing_id, unit, command.village_code, command.start_date, context.today(),
                                uow.pairings.of_unit(unit.id), uow.pairings.of_village(command.village_code))
        uow.pairings.add(pairing)
        uow.pending_events.append(pairings.paired_event(pairing, unit))
        record(uow, command.actor, "cadres.pairing.create", "pairing", pairing.id, command.village_code,
               after=pairing)
        uow.commit()
    return pairing


def end_pairing(command: commands.EndPairing, uow: UnitOfWork, context: Context) -> Pairing:
    with uow:
        pairing = _pairing(uow, command.pairing_id)
        check(command.actor, "cadres.pairing.end", pairing.village.village)
        _unit(uow, pairing.unit_id, for_update=True)
        uow.pairings.lock_village(pairing.village.village)
        pairing = _pairing(uow, command.pairing_id)  # as it is now that we hold the locks
        before = snapshot(pairing)
        event = pairings.end(pairing, command.end_date, command.reason, context.today(),
                             uow.stationings.of_pairing(pairing.id))
        uow.pairings.save(pairing)
        uow.pending_events.append(event)
        record(uow, command.actor, "cadres.pairing.end", "pairing", pairing.id, pairing.village.village,
               before, pairing)
        uow.commit()
    return pairing


def adopt_village_plan(command: commands.AdoptVillagePlan, uow: UnitOfWork, context: Context) -> VillagePlan:
    with uow:
        pairing = _pairing(uow, command.pairing_id)
        check(command.actor, "cadres.plan.adopt", pairing.village.village)
        before = uow.plans.village_plan(pairing)
        plan = plans.adopt_village_plan(pairing, command.strategy, command.adopted_on, context.today())
        uow.plans.save_village_plan(plan)
        record(uow, command.actor, "cadres.plan.adopt", "village_plan", pairing.id, pairing.village.village,
               before, plan)
        uow.commit()
    return plan


def adopt_yearly_plan(command: commands.AdoptYearlyPlan, uow: UnitOfWork, context: Context) -> YearlyPlan:
    with uow:
        pairing = _pairing(uow, command.pairing_id)
        check(command.actor, "cadres.plan.adopt", pairing.village.village)
        _unit(uow, pairing.unit_id, for_update=True)
        existing = uow.plans.yearly_plans(pairing, command.year)
        plan, event = plans.adopt_yearly_plan(pairing, command, existing[0] if existing else None, context.now())
        if event is None:
            return plan
        uow.plans.save_yearly_plan(plan)
        uow.pending_events.append(event)
        record(uow, command.actor, "cadres.plan.adopt", "yearly_plan", f"{pairing.id}/{command.year}",
               pairing.village.village, existing[0] if existing else None, plan)
        uow.commit()
    return plan


def register_cadre(command: commands.RegisterCadre, uow: UnitOfWork, context: Context) -> Cadre:
    with uow:
        division = unit_division(uow, _unit(uow, command.unit_id), context.province)
        check(command.actor, "cadres.cadre.register", division)
        if command.cadre_id and (existing := uow.cadres.get(command.cadre_id)) is not None:
            return existing
        cadre = Cadre(id=new_id(command.cadre_id), unit_id=command.unit_id, name=command.name,
                      position=command.position, phone=command.phone, registered_at=context.now())
        uow.cadres.add(cadre)
        record(uow, command.actor, "cadres.cadre.register", "cadre", cadre.id, division, after=cadre)
        uow.commit()
    return cadre


def station_cadre(command: commands.StationCadre, uow: UnitOfWork, context: Context) -> Stationing:
    with uow:
        pairing = _pairing(uow, command.pairing_id)
        check(command.actor, "cadres.cadre.station", pairing.village.village)
        uow.pairings.lock_village(pairing.village.village)
        cadre = _cadre(uow, command.cadre_id, for_update=True)
        placed = _place(uow, cadre, _pairing(uow, command.pairing_id), command.start_date, command.register_from,
                        context, end=command.end_date, end_reason=command.end_reason)
        record(uow, command.actor, "cadres.cadre.station", "stationing", placed.id, pairing.village.village,
               after=placed)
        uow.commit()
    return placed


def _place(uow: UnitOfWork, cadre: Cadre, pairing: Pairing, start: date, register_from: date | None,
           context: Context, replaces: str = "", end: date | None = None, end_reason: str = "") -> Stationing:
    placed = stationing.station(cadre, pairing, start, register_from, context.today(),
                                uow.stationings.of_cadre(cadre.id), uow.stationings.of_village(pairing.village.village),
                                context.rules.max_stationed_cadres_per_village, replaces)
    uow.pending_events.append(stationing.stationed_event(placed))
    if end is not None:  # loading a stationing that has already ended
        uow.pending_events.append(stationing.withdraw(placed, end, end_reason, context.today()))
    uow.stationings.add(placed)
    resummarise(uow, cadre.id, months_affected(placed, placed.start, context.today()), context)
    return placed


def withdraw_cadre(command: commands.WithdrawCadre, uow: UnitOfWork, context: Context) -> Stationing:
    with uow:
        cadre = _cadre(uow, command.cadre_id)
        check(command.actor, "cadres.cadre.withdraw", cadre_division(uow, cadre, context.province))
        current = stationing.active_of(cadre.id, uow.stationings.of_cadre(cadre.id))
        uow.pairings.lock_village(current.village.village)
        _cadre(uow, command.cadre_id, for_update=True)
        current = stationing.active_of(cadre.id, uow.stationings.of_cadre(cadre.id))
        before = snapshot(current)
        _leave(uow, current, command.end_date, command.reason, context)
        record(uow, command.actor, "cadres.cadre.withdraw", "stationing", current.id, current.village.village,
               before, current)
        uow.commit()
    return current


def _leave(uow: UnitOfWork, current: Stationing, end: date, reason: str, context: Context,
           field: str = "end_date") -> None:
    event = stationing.withdraw(current, end, reason, context.today(), field)
    uow.stationings.save(current)
    uow.pending_events.append(event)
    resummarise(uow, current.cadre_id, months_affected(current, end, context.today()), context)


def rotate_cadre(command: commands.RotateCadre, uow: UnitOfWork, context: Context) -> tuple[Stationing, Stationing]:
    today = context.today()
    violations: list[FieldViolation] = []
    if command.handover_date > today:
        violations.append(FieldViolation("handover_date", "must not be after today"))
    if command.outgoing_cadre_id == command.incoming_cadre_id:
        violations.append(FieldViolation("incoming_cadre_id", "must differ from outgoing_cadre_id"))
    collect(violations)
    with uow:
        outgoing = _cadre(uow, command.outgoing_cadre_id)
        check(command.actor, "cadres.cadre.rotate", cadre_division(uow, outgoing, context.province))
        current = stationing.active_of(outgoing.id, uow.stationings.of_cadre(outgoing.id))
        uow.pairings.lock_village(current.village.village)
        first, second = sorted([command.outgoing_cadre_id, command.incoming_cadre_id])
        _cadre(uow, first, for_update=True)
        _cadre(uow, second, for_update=True)
        current = stationing.active_of(outgoing.id, uow.stationings.of_cadre(outgoing.id))
        incoming = _cadre(uow, command.incoming_cadre_id)
        if incoming.unit_id != outgoing.unit_id:
            raise FailedPrecondition(f"cadre {incoming.id} belongs to unit {incoming.unit_id}, not to unit "
                                     f"{outgoing.unit_id} of the outgoing cadre")
        before = snapshot(current)
        current.replaced_by_cadre_id = incoming.id
        _leave(uow, current, stationing.rotation_last_day(command.handover_date), command.reason, context,
               "handover_date")
        placed = _place(uow, incoming, _pairing(uow, current.pairing_id), command.handover_date, None, context,
                        replaces=outgoing.id)
        record(uow, command.actor, "cadres.cadre.rotate", "stationing", current.id, current.village.village,
               before, {"withdrawn": snapshot(current), "stationed": snapshot(placed)})
        uow.commit()
    return current, placed
