"""The attendance register, leave, inspections and complaints. Every command
on a cadre locks the cadre's row first, so two changes to one month cannot
announce the same revision. Each command is authorised against the cadre's
village before it says anything about the cadre, and audited."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from chassis.errors import NotFound

from cadres.domain import attendance, commands, conduct
from cadres.domain.calendar import month_of, months_between
from cadres.domain.model import Cadre, Complaint, Inspection, Leave, Stationing, covers
from cadres.domain.vocabulary import LeaveStatus
from cadres.service_layer.context import Context
from cadres.service_layer.guard import cadre_division, check, record, snapshot
from cadres.service_layer.summaries import resummarise
from cadres.service_layer.unit_of_work import UnitOfWork


def _locked_cadre(uow: UnitOfWork, cadre_id: str) -> Cadre:
    cadre = uow.cadres.get(cadre_id, for_update=True)
    if cadre is None:
        raise NotFound(f"cadre {cadre_id} not found")
    return cadre


def record_attendance(command: commands.RecordAttendance, uow: UnitOfWork, context: Context) -> attendance.CountedDay:
    with uow:
        cadre = _locked_cadre(uow, command.cadre_id)
        stationings = uow.stationings.of_cadre(cadre.id)
        division = _village_on(stationings, command.day) or cadre_division(uow, cadre, context.province)
        check(command.actor, "cadres.attendance.record", division)
        attendance.check_mark(cadre.id, command.day, context.today(), stationings)
        before = uow.attendance.marks(cadre.id, command.day, command.day).get(command.day)
        uow.attendance.add_entry(cadre.id, command.day, command.mark, command.recorded_by.value, command.note,
                                 context.now())
        resummarise(uow, cadre.id, [month_of(command.day)], context)
        day = _counted_day(uow, cadre.id, command.day, context)
        record(uow, command.actor, "cadres.attendance.record", "attendance", f"{cadre.id}/{command.day}", division,
               before, {"mark": command.mark, "recorded_by": command.recorded_by, "note": command.note,
                        "counted_as": day})
        uow.commit()
    return day


def _village_on(stationings: list[Stationing], day: date) -> str:
    """The village a day's mark belongs to: where the cadre was stationed that day."""
    found = [s for s in stationings if covers(s.start, s.end, day)]
    return found[-1].village.village if found else ""


def _counted_day(uow: UnitOfWork, cadre_id: str, day: date, context: Context) -> attendance.CountedDay:
    days = attendance.month_days(day.year, day.month, uow.stationings.of_cadre(cadre_id),
                                 uow.attendance.marks(cadre_id, day, day), uow.leaves.of_cadre(cadre_id),
                                 context.rules.calendar, context.today())
    return next(d for d in days if d.day == day)


def request_leave(command: commands.RequestLeave, uow: UnitOfWork, context: Context) -> Leave:
    with uow:
        cadre = _locked_cadre(uow, command.cadre_id)
        division = cadre_division(uow, cadre, context.province)
        check(command.actor, "cadres.leave.request", division)
        if command.leave_id and (existing := uow.leaves.get(command.leave_id)) is not None:
            return existing
        leave = conduct.request_leave(command.leave_id, cadre.id, command.first_day, command.last_day,
                                      command.reason, context.now(), uow.stationings.of_cadre(cadre.id),
                                      uow.leaves.of_cadre(cadre.id))
        uow.leaves.add(leave)
        record(uow, command.actor, "cadres.leave.request", "leave", leave.id, leave.village.village, after=leave)
        uow.commit()
    return leave


def decide_leave(command: commands.DecideLeave, uow: UnitOfWork, context: Context) -> Leave:
    with uow:
        leave = uow.leaves.get(command.leave_id)
        if leave is None:
            raise NotFound(f"leave {command.leave_id} not found")
        check(command.actor, "cadres.leave.decide", leave.village.village)
        _locked_cadre(uow, leave.cadre_id)
        leave = uow.leaves.get(command.leave_id)  # as it is now that we hold the lock
        before = snapshot(leave)
        event = conduct.decide_leave(leave, command.decision, command.decided_by, command.note,  # type: ignore[arg-type]
                                     context.now())
        uow.leaves.save(leave)  # type: ignore[arg-type]
        uow.pending_events.append(event)
        if leave.status is LeaveStatus.APPROVED:  # type: ignore[union-attr]
            # Leave decided after the fact turns past absences into leave.
            last = min(leave.last_day, context.today())  # type: ignore[union-attr]
            resummarise(uow, leave.cadre_id, months_between(leave.first_day, last), context)  # type: ignore[union-attr]
        record(uow, command.actor, "cadres.leave.decide", "leave", command.leave_id,
               leave.village.village, before, leave)  # type: ignore[union-attr]
        uow.commit()
    return leave  # type: ignore[return-value]


def record_inspection(command: commands.RecordInspection, uow: UnitOfWork, context: Context) -> Inspection:
    with uow:
        cadre = _locked_cadre(uow, command.cadre_id)
        check(command.actor, "cadres.inspection.record", cadre_division(uow, cadre, context.province))
        if command.inspection_id and uow.inspections.exists(command.inspection_id):
            return next(i for i in uow.inspections.of_cadre(command.cadre_id) if i.id == command.inspection_id)
        inspection, event = conduct.record_inspection(
            command.inspection_id, cadre.id, command.inspected_on, command.method, command.outcome,
            command.inspector, command.note, context.today(), context.now(), uow.stationings.of_cadre(cadre.id),
            uow.leaves.of_cadre(cadre.id), context.rules.calendar)
        uow.inspections.add(inspection)
        uow.pending_events.append(event)
        record(uow, command.actor, "cadres.inspection.record", "inspection", inspection.id,
               inspection.village.village, after=inspection)
        uow.commit()
    return inspection


def record_complaint(command: commands.RecordComplaint, uow: UnitOfWork, context: Context) -> Complaint:
    with uow:
        cadre = _locked_cadre(uow, command.cadre_id)
        check(command.actor, "cadres.complaint.record", cadre_division(uow, cadre, context.province))
        if command.complaint_id and (existing := uow.complaints.get(command.complaint_id)) is not None:
            return existing
        complaint, event = conduct.record_complaint(command.complaint_id, cadre.id, command.received_on,
                                                    command.subject, command.details, context.today(),
                                                    uow.stationings.of_cadre(cadre.id))
        uow.complaints.add(complaint)
        uow.pending_events.append(event)
        record(uow, command.actor, "cadres.complaint.record", "complaint", complaint.id, complaint.village.village,
               after=complaint)
        uow.commit()
    return complaint


def resolve_complaint(command: commands.ResolveComplaint, uow: UnitOfWork, context: Context) -> Complaint:
    with uow:
        complaint = uow.complaints.get(command.complaint_id, for_update=True)
        if complaint is None:
            raise NotFound(f"complaint {command.complaint_id} not found")
        check(command.actor, "cadres.complaint.resolve", complaint.village.village)
        before = snapshot(complaint)
        event = conduct.resolve_complaint(complaint, command.resolved_on, command.finding, command.resolution,
                                          context.today())
        uow.complaints.save(complaint)
        uow.pending_events.append(event)
        record(uow, command.actor, "cadres.complaint.resolve", "complaint", complaint.id, complaint.village.village,
               before, complaint)
        uow.commit()
    return complaint


def summarise_attendance(command: commands.SummariseAttendance, new_uow: Callable[[], UnitOfWork],
                         context: Context) -> int:
    """Recounts the month of `command.day` for every cadre stationed in it, one
    transaction per cadre; returns how many cadres were looked at."""
    month = month_of(command.day)
    with new_uow() as uow:
        first = command.day.replace(day=1)
        cadre_ids = uow.stationings.cadres_stationed_between(first, command.day)
    for cadre_id in cadre_ids:
        with new_uow() as uow:
            _locked_cadre(uow, cadre_id)
            resummarise(uow, cadre_id, [month], context)
            uow.commit()
    return len(cadre_ids)
