"""The attendance rule: a cadre spends weekday nights in the village unless on
approved leave. Each day of a month counts as exactly one thing:

- not stationed that day, or stationed before the register was kept in this
  system (historical stationings): not counted;
- not over yet (after today, or today with nothing settled): not counted yet;
- weekend (Saturday, Sunday, configured public holidays; configured make-up
  working days are working days): a weekend day;
- otherwise a working day, which is in the village if the register says so
  (even on a day of leave: the cadre was there), else on approved leave if an
  approved leave covers it, else absent without leave. An unrecorded working
  day therefore counts as an absence once it is over: the register is the
  proof of presence the programme asks for.

Leave decided after the fact is applied when it is decided; refused or
undecided leave covers nothing."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from chassis.errors import FailedPrecondition, FieldViolation, collect

from cadres.domain.calendar import WorkCalendar, days_of_month
from cadres.domain.model import AttendanceSummary, Leave, Stationing
from cadres.domain.vocabulary import AttendanceMark, DayStatus, LeaveStatus


@dataclass(frozen=True)
class CountedDay:
    day: date
    status: DayStatus
    mark: AttendanceMark | None


def status_of(day: date, stationing: Stationing | None, mark: AttendanceMark | None, on_leave: bool,
              rest_day: bool, today: date) -> DayStatus:
    if stationing is None:
        return DayStatus.NOT_STATIONED
    if day < stationing.register_from:
        return DayStatus.NOT_REGISTERED
    if day > today:
        return DayStatus.NOT_YET_DUE
    if rest_day:
        return DayStatus.WEEKEND
    if mark is AttendanceMark.IN_VILLAGE:
        return DayStatus.IN_VILLAGE
    if on_leave:
        return DayStatus.ON_APPROVED_LEAVE
    if day < today or mark is AttendanceMark.ABSENT:
        return DayStatus.ABSENT_WITHOUT_LEAVE
    return DayStatus.NOT_YET_DUE


def stationing_on(day: date, stationings: Sequence[Stationing]) -> Stationing | None:
    return next((s for s in stationings if s.covers(day)), None)


def month_days(year: int, month: int, stationings: Sequence[Stationing], marks: Mapping[date, AttendanceMark],
               leaves: Sequence[Leave], calendar: WorkCalendar, today: date) -> list[CountedDay]:
    approved = [leave for leave in leaves if leave.status is LeaveStatus.APPROVED]
    return [CountedDay(day, status_of(day, stationing_on(day, stationings), marks.get(day),
                                      any(leave.covers(day) for leave in approved),
                                      calendar.is_rest_day(day), today), marks.get(day))
            for day in days_of_month(year, month)]


def summarise(days: Sequence[CountedDay]) -> AttendanceSummary:
    count = {status: sum(1 for d in days if d.status is status) for status in DayStatus}
    in_village, on_leave = count[DayStatus.IN_VILLAGE], count[DayStatus.ON_APPROVED_LEAVE]
    absent = count[DayStatus.ABSENT_WITHOUT_LEAVE]
    return AttendanceSummary(working_days=in_village + on_leave + absent, days_in_village=in_village,
                             days_on_approved_leave=on_leave, weekend_days=count[DayStatus.WEEKEND],
                             days_absent_without_leave=absent)


def check_mark(cadre_id: str, day: date, today: date, stationings: Sequence[Stationing]) -> Stationing:
    collect([FieldViolation("day", "must not be after today")] if day > today else [])
    stationing = stationing_on(day, stationings)
    if stationing is None:
        raise FailedPrecondition(f"cadre {cadre_id} was not stationed in a village on {day.isoformat()}")
    return stationing


def stationing_for_month(year: int, month: int, stationings: Sequence[Stationing]) -> Stationing | None:
    """The stationing a month's summary is announced under: the latest one
    that overlaps the month."""
    days = days_of_month(year, month)
    overlapping = [s for s in stationings if s.start <= days[-1] and (s.end is None or s.end >= days[0])]
    return max(overlapping, key=lambda s: s.start, default=None)
