"""Inspections, complaints, leave and plans (no I/O)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chassis.errors import FailedPrecondition, InvalidArgument
from cadres.domain import commands, conduct, plans
from cadres.domain.calendar import WorkCalendar
from cadres.domain.divisions import path_of_village
from cadres.domain.model import Leave, Pairing, Stationing
from cadres.domain.vocabulary import (ComplaintFinding, ComplaintSubject, InspectionFinding, InspectionMethod,
                                      InspectionOutcome, LeaveDecision, LeaveStatus)

VILLAGE = path_of_village("441826108201")
TODAY = date(2011, 6, 30)
NOW = datetime(2011, 6, 30, 2, tzinfo=UTC)
STATIONED = [Stationing("s", "c", "u", "p", VILLAGE, date(2010, 3, 4), date(2010, 3, 4))]


def inspect(day: date, outcome: InspectionOutcome, leaves: list[Leave] = []) -> tuple[object, object]:  # noqa: B006
    return conduct.record_inspection("", "c", day, InspectionMethod.TELEPHONE, outcome, "Inspector", "", TODAY, NOW,
                                     STATIONED, leaves, WorkCalendar())


def approved_leave(first: date, last: date) -> Leave:
    leave = conduct.request_leave("", "c", first, last, "family", NOW, STATIONED, [])
    conduct.decide_leave(leave, LeaveDecision.APPROVE, "Unit head", "", NOW)
    return leave


def test_an_inspection_finding_the_cadre_absent_on_a_weekday_without_leave_is_the_violation() -> None:
    inspection, event = inspect(date(2011, 6, 15), InspectionOutcome.ABSENT)
    assert inspection.finding is InspectionFinding.ABSENT_WITHOUT_LEAVE  # type: ignore[attr-defined]
    assert (event.present, event.on_approved_leave, event.on_rest_day) == (False, False, False)  # type: ignore[attr-defined]


def test_absent_on_approved_leave_is_no_violation() -> None:
    inspection, event = inspect(date(2011, 6, 15), InspectionOutcome.ABSENT,
                                [approved_leave(date(2011, 6, 14), date(2011, 6, 16))])
    assert inspection.finding is InspectionFinding.ABSENT_ON_APPROVED_LEAVE  # type: ignore[attr-defined]
    assert (event.present, event.on_approved_leave) == (False, True)  # type: ignore[attr-defined]


def test_absent_on_a_weekend_is_no_violation_and_present_is_present() -> None:
    assert inspect(date(2011, 6, 18), InspectionOutcome.ABSENT)[0].finding is InspectionFinding.ABSENT_ON_WEEKEND  # type: ignore[attr-defined]
    assert inspect(date(2011, 6, 15), InspectionOutcome.PRESENT)[1].present  # type: ignore[attr-defined]


def test_an_inspection_on_a_day_the_cadre_was_not_stationed_is_refused() -> None:
    with pytest.raises(FailedPrecondition):
        inspect(date(2010, 3, 3), InspectionOutcome.ABSENT)
    with pytest.raises(InvalidArgument):
        inspect(date(2011, 7, 1), InspectionOutcome.ABSENT)


def test_leave_is_decided_once_and_overlapping_requests_are_refused_naming_the_leave() -> None:
    leave = approved_leave(date(2011, 6, 14), date(2011, 6, 16))
    with pytest.raises(FailedPrecondition, match="already approved"):
        conduct.decide_leave(leave, LeaveDecision.REFUSE, "Unit head", "", NOW)
    with pytest.raises(FailedPrecondition, match=leave.id):
        conduct.request_leave("", "c", date(2011, 6, 16), date(2011, 6, 20), "again", NOW, STATIONED, [leave])
    refused = conduct.request_leave("", "c", date(2011, 7, 1), date(2011, 7, 2), "trip", NOW, STATIONED, [])
    event = conduct.decide_leave(refused, LeaveDecision.REFUSE, "Unit head", "busy season", NOW)
    assert (refused.status, event.approved) == (LeaveStatus.REFUSED, False)
    assert conduct.request_leave("", "c", date(2011, 7, 1), date(2011, 7, 2), "trip", NOW, STATIONED, [refused])


def test_leave_outside_the_stationing_or_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(FailedPrecondition):
        conduct.request_leave("", "c", date(2010, 3, 1), date(2010, 3, 5), "early", NOW, STATIONED, [])
    with pytest.raises(InvalidArgument):
        conduct.request_leave("", "c", date(2011, 3, 5), date(2011, 3, 1), "reversed", NOW, STATIONED, [])


def test_a_complaint_is_recorded_against_the_cadre_and_resolved_once() -> None:
    complaint, recorded = conduct.record_complaint("", "c", date(2011, 5, 3), ComplaintSubject.ABSENCE,
                                                   "Not seen for a week", TODAY, STATIONED)
    assert (recorded.village, recorded.subject) == (VILLAGE, ComplaintSubject.ABSENCE)
    with pytest.raises(InvalidArgument):
        conduct.resolve_complaint(complaint, date(2011, 5, 2), ComplaintFinding.UPHELD, "x", TODAY)
    resolved = conduct.resolve_complaint(complaint, date(2011, 5, 20), ComplaintFinding.UPHELD, "Warned", TODAY)
    assert resolved.upheld
    with pytest.raises(FailedPrecondition, match="already resolved"):
        conduct.resolve_complaint(complaint, date(2011, 5, 21), ComplaintFinding.DISMISSED, "x", TODAY)


def test_a_yearly_plan_is_within_the_pairing_and_readopting_it_revises_it() -> None:
    pairing = Pairing("p", "u", VILLAGE, date(2010, 3, 4))
    command = commands.AdoptYearlyPlan("p", 2010, 62, 250_000, 4_560_000, 287_600_000)
    plan, event = plans.adopt_yearly_plan(pairing, command, None, NOW)
    assert (plan.revision, event.planned_funds_fen) == (1, 287_600_000)  # type: ignore[union-attr]
    same, none = plans.adopt_yearly_plan(pairing, command, plan, NOW)
    assert (same, none) == (plan, None)
    revised, _ = plans.adopt_yearly_plan(pairing, commands.AdoptYearlyPlan("p", 2010, 70, 250_000, 0, 1), plan, NOW)
    assert (revised.id, revised.revision) == (plan.id, 2)
    with pytest.raises(FailedPrecondition, match="2010"):
        plans.adopt_yearly_plan(pairing, commands.AdoptYearlyPlan("p", 2009, 1, 1, 1, 1), None, NOW)
