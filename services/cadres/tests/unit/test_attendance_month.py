"""The attendance rule counted over whole months (no I/O): weekday nights in the
village unless on approved leave; weekends free; unrecorded working days that
are over count as absences without leave."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cadres.domain.attendance import month_days, summarise
from cadres.domain.calendar import WorkCalendar, days_of_month
from cadres.domain.divisions import path_of_village
from cadres.domain.model import AttendanceSummary, Leave, Stationing
from cadres.domain.vocabulary import AttendanceMark, DayStatus, LeaveStatus

VILLAGE = path_of_village("441826108201")
IN, ABSENT = AttendanceMark.IN_VILLAGE, AttendanceMark.ABSENT
AFTER_MARCH_2011 = date(2011, 4, 10)


def stationed(start: date = date(2011, 1, 1), end: date | None = None, register_from: date | None = None) -> Stationing:
    return Stationing(id="s", cadre_id="c", unit_id="u", pairing_id="p", village=VILLAGE, start=start,
                      register_from=register_from or start, end=end)


def leave(first: date, last: date, status: LeaveStatus = LeaveStatus.APPROVED) -> Leave:
    return Leave(id=f"leave-{first}", cadre_id="c", village=VILLAGE, first_day=first, last_day=last, reason="family",
                 status=status, requested_at=datetime(2011, 1, 1, tzinfo=UTC))


def march(day: int) -> date:
    return date(2011, 3, day)


def weekdays_of_march() -> list[date]:
    return [d for d in days_of_month(2011, 3) if d.weekday() < 5]


def count(marks: dict[date, AttendanceMark], leaves: list[Leave], today: date = AFTER_MARCH_2011,
          stationings: list[Stationing] | None = None, calendar: WorkCalendar = WorkCalendar(),
          year: int = 2011, month: int = 3) -> AttendanceSummary:
    return summarise(month_days(year, month, stationings or [stationed()], marks, leaves, calendar, today))


def test_a_month_with_weekends_approved_leave_refused_leave_and_absences_is_counted_exactly() -> None:
    approved = leave(march(14), march(20))           # Mon 14 to Sun 20: five working days
    refused = leave(march(21), march(22), LeaveStatus.REFUSED)
    not_in_village = {march(9), march(30), *[march(d) for d in (14, 15, 16, 17, 18, 21, 22)]}
    marks = {d: IN for d in weekdays_of_march() if d not in not_in_village}
    marks[march(30)] = ABSENT                          # marked absent
    marks[march(5)] = IN                               # a Saturday in the village is still a weekend day
    assert count(marks, [approved, refused]) == AttendanceSummary(
        working_days=23, days_in_village=14, days_on_approved_leave=5, weekend_days=8, days_absent_without_leave=4)


def test_an_unrecorded_weekday_that_is_over_is_an_absence_without_leave() -> None:
    marks = {d: IN for d in weekdays_of_march() if d != march(9)}
    summary = count(marks, [])
    assert (summary.days_absent_without_leave, summary.days_in_village) == (1, 22)


def test_a_refused_or_undecided_leave_covers_nothing() -> None:
    for status in (LeaveStatus.REFUSED, LeaveStatus.REQUESTED):
        summary = count({}, [leave(march(1), march(31), status)])
        assert (summary.days_on_approved_leave, summary.days_absent_without_leave) == (0, 23)


def test_a_day_marked_in_the_village_counts_as_in_the_village_even_during_leave() -> None:
    summary = count({march(15): IN}, [leave(march(14), march(18))])
    assert (summary.days_in_village, summary.days_on_approved_leave) == (1, 4)


def test_approved_leave_spanning_two_months_counts_in_each_month() -> None:
    spanning = [leave(march(30), date(2011, 4, 1))]
    in_march, in_april = count({}, spanning), count({}, spanning, year=2011, month=4, today=date(2011, 5, 1))
    assert (in_march.days_on_approved_leave, in_april.days_on_approved_leave) == (2, 1)


def test_days_before_the_start_and_after_the_end_of_a_stationing_are_not_counted() -> None:
    summary = count({}, [], stationings=[stationed(start=march(4), end=march(25))])
    # Thu 4 to Fri 25: 16 working days and 6 weekend days.
    assert summary == AttendanceSummary(16, 0, 0, 6, 16)


def test_a_rotation_within_a_month_counts_only_the_days_of_each_stationing() -> None:
    first = stationed(start=date(2010, 3, 4), end=march(15))
    second = stationed(start=march(21))
    assert count({}, [], stationings=[first, second]).working_days == 11 + 9


def test_days_not_over_yet_do_not_count_and_today_counts_once_settled() -> None:
    today = march(16)                                    # a Wednesday
    unsettled = count({}, [], today=today)
    assert unsettled == AttendanceSummary(working_days=11, weekend_days=4, days_absent_without_leave=11)
    settled = count({today: IN}, [], today=today)
    assert (settled.working_days, settled.days_in_village) == (12, 1)


def test_public_holidays_are_rest_days_and_make_up_working_weekends_are_working_days() -> None:
    calendar = WorkCalendar(public_holidays=frozenset({march(8)}), working_weekend_days=frozenset({march(12)}))
    summary = count({}, [], calendar=calendar)
    assert (summary.weekend_days, summary.working_days) == (8, 23)
    statuses = {d.day: d.status for d in month_days(2011, 3, [stationed()], {}, [], calendar, AFTER_MARCH_2011)}
    assert (statuses[march(8)], statuses[march(12)]) == (DayStatus.WEEKEND, DayStatus.ABSENT_WITHOUT_LEAVE)


def test_days_before_the_register_was_kept_are_not_assessed() -> None:
    summary = count({}, [], stationings=[stationed(register_from=march(28))])
    assert summary == AttendanceSummary(working_days=4, weekend_days=0, days_absent_without_leave=4)


@settings(max_examples=60, deadline=None)
@given(marks=st.dictionaries(st.integers(1, 31), st.sampled_from([IN, ABSENT]), max_size=31),
       leaves=st.lists(st.tuples(st.integers(1, 31), st.integers(0, 10), st.booleans()), max_size=4),
       today=st.integers(1, 40), start=st.integers(1, 31))
def test_every_stationed_day_that_is_due_counts_exactly_once(
        marks: dict[int, AttendanceMark], leaves: list[tuple[int, int, bool]], today: int, start: int) -> None:
    march_marks = {march(d): mark for d, mark in marks.items()}
    march_leaves = [leave(march(first), march(first) + timedelta(days=length),
                          LeaveStatus.APPROVED if approved else LeaveStatus.REFUSED)
                    for first, length, approved in leaves]
    today_date = date(2011, 2, 28) + timedelta(days=today)
    days = month_days(2011, 3, [stationed(start=march(start))], march_marks, march_leaves, WorkCalendar(),
                      today_date)
    summary = summarise(days)
    assert summary.working_days == (summary.days_in_village + summary.days_on_approved_leave
                                    + summary.days_absent_without_leave)
    due = [d for d in days if march(start) <= d.day <= today_date]
    settled = [d for d in due if d.status is not DayStatus.NOT_YET_DUE]
    assert summary.working_days + summary.weekend_days == len(settled)
    assert len(due) - len(settled) <= 1  # only today may be unsettled
