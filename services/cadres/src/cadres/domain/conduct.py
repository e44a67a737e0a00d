"""Leave, unannounced inspections and villagers' complaints."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain import events
from cadres.domain.attendance import stationing_on
from cadres.domain.calendar import WorkCalendar
from cadres.domain.ids import new_id
from cadres.domain.model import Complaint, Inspection, Leave, Stationing
from cadres.domain.vocabulary import (ComplaintFinding, ComplaintStatus, ComplaintSubject, InspectionFinding,
                                      InspectionMethod, InspectionOutcome, LeaveDecision, LeaveStatus)

MAX_LEAVE_DAYS = 366


def request_leave(leave_id: str, cadre_id: str, first_day: date, last_day: date, reason: str, now: datetime,
                  stationings: Sequence[Stationing], leaves: Sequence[Leave]) -> Leave:
    violations: list[FieldViolation] = []
    if last_day < first_day:
        violations.append(FieldViolation("last_day", "must not be before first_day"))
    elif (last_day - first_day).days >= MAX_LEAVE_DAYS:
        violations.append(FieldViolation("last_day", f"a leave covers at most {MAX_LEAVE_DAYS} days"))
    collect(violations)
    stationing = stationing_on(first_day, stationings)
    if stationing is None or not (stationing.end is None or stationing.end >= last_day):
        raise FailedPrecondition(f"cadre {cadre_id} is not stationed in one village from {first_day.isoformat()} "
                                 f"to {last_day.isoformat()}; leave is only for days of a stationing")
    for other in leaves:
        if other.status is not LeaveStatus.REFUSED and other.first_day <= last_day and first_day <= other.last_day:
            raise FailedPrecondition(f"leave {other.id} ({other.status.value}, {other.first_day.isoformat()} to "
                                     f"{other.last_day.isoformat()}) already covers some of these days")
    return Leave(id=new_id(leave_id), cadre_id=cadre_id, village=stationing.village, first_day=first_day,
                 last_day=last_day, reason=reason, status=LeaveStatus.REQUESTED, requested_at=now)


def decide_leave(leave: Leave, decision: LeaveDecision, decided_by: str, note: str,
                 now: datetime) -> events.LeaveDecided:
    if leave.status is not LeaveStatus.REQUESTED:
        when = leave.decided_at.isoformat() if leave.decided_at else "earlier"
        raise FailedPrecondition(f"leave {leave.id} was already {leave.status.value} ({when})")
    leave.status = LeaveStatus.APPROVED if decision is LeaveDecision.APPROVE else LeaveStatus.REFUSED
    leave.decided_at, leave.decided_by, leave.decision_note = now, decided_by, note
    return events.LeaveDecided(leave_id=leave.id, cadre_id=leave.cadre_id, village=leave.village,
                               first_day=leave.first_day, last_day=leave.last_day,
                               approved=leave.status is LeaveStatus.APPROVED, decided_at=now)


def finding_of(outcome: InspectionOutcome, on_leave: bool, rest_day: bool) -> InspectionFinding:
    """Absent on approved leave or on a weekend is no violation; absent on a
    working day without leave approved by the time of the inspection is."""
    if outcome is InspectionOutcome.PRESENT:
        return InspectionFinding.PRESENT
    if on_leave:
        return InspectionFinding.ABSENT_ON_APPROVED_LEAVE
    if rest_day:
        return InspectionFinding.ABSENT_ON_WEEKEND
    return InspectionFinding.ABSENT_WITHOUT_LEAVE


def record_inspection(inspection_id: str, cadre_id: str, inspected_on: date, method: InspectionMethod,
                      outcome: InspectionOutcome, inspector: str, note: str, today: date, now: datetime,
                      stationings: Sequence[Stationing], leaves: Sequence[Leave],
                      calendar: WorkCalendar) -> tuple[Inspection, events.InspectionRecorded]:
    collect([FieldViolation("inspected_on", "must not be after today")] if inspected_on > today else [])
    stationing = stationing_on(inspected_on, stationings)
    if stationing is None:
        raise FailedPrecondition(f"cadre {cadre_id} was not stationed in a village on {inspected_on.isoformat()}")
    on_leave = any(leave.status is LeaveStatus.APPROVED and leave.covers(inspected_on) for leave in leaves)
    rest_day = calendar.is_rest_day(inspected_on)
    inspection = Inspection(id=new_id(inspection_id), cadre_id=cadre_id, unit_id=stationing.unit_id,
                            village=stationing.village, inspected_on=inspected_on, method=method, outcome=outcome,
                            finding=finding_of(outcome, on_leave, rest_day), inspector=inspector, note=note,
                            recorded_at=now)
    present = outcome is InspectionOutcome.PRESENT
    return inspection, events.InspectionRecorded(
        inspection_id=inspection.id, cadre_id=cadre_id, unit_id=stationing.unit_id, village=stationing.village,
        inspected_on=inspected_on, method=method, present=present, on_approved_leave=not present and on_leave,
        on_rest_day=not present and rest_day)


def record_complaint(complaint_id: str, cadre_id: str, received_on: date, subject: ComplaintSubject,
                     details: str, today: date, stationings: Sequence[Stationing]
                     ) -> tuple[Complaint, events.ComplaintRecorded]:
    """A complaint concerns the village the cadre served in when it was received
    (or, after withdrawal, the last one they served in)."""
    collect([FieldViolation("received_on", "must not be after today")] if received_on > today else [])
    served = [s for s in stationings if s.start <= received_on]
    if not served:
        raise FailedPrecondition(f"cadre {cadre_id} had not been stationed in any village by "
                                 f"{received_on.isoformat()}")
    stationing = stationing_on(received_on, served) or max(served, key=lambda s: s.start)
    complaint = Complaint(id=new_id(complaint_id), cadre_id=cadre_id, village=stationing.village,
                          received_on=received_on, subject=subject, details=details)
    return complaint, events.ComplaintRecorded(complaint_id=complaint.id, cadre_id=cadre_id,
                                               village=complaint.village, received_on=received_on,
                                               subject=subject)


def resolve_complaint(complaint: Complaint, resolved_on: date, finding: ComplaintFinding, resolution: str,
                      today: date) -> events.ComplaintResolved:
    violations: list[FieldViolation] = []
    if resolved_on > today:
        violations.append(FieldViolation("resolved_on", "must not be after today"))
    elif resolved_on < complaint.received_on:
        violations.append(FieldViolation("resolved_on", f"must not be before the complaint was received "
                                                        f"({complaint.received_on.isoformat()})"))
    collect(violations)
    if complaint.status is ComplaintStatus.RESOLVED:
        raise FailedPrecondition(f"complaint {complaint.id} was already resolved on "
                                 f"{complaint.resolved_on.isoformat()}")  # type: ignore[union-attr]
    complaint.status, complaint.resolved_on = ComplaintStatus.RESOLVED, resolved_on
    complaint.finding, complaint.resolution = finding, resolution
    return events.ComplaintResolved(complaint_id=complaint.id, cadre_id=complaint.cadre_id,
                                    village=complaint.village, resolved_on=resolved_on,
                                    upheld=finding is ComplaintFinding.UPHELD)
