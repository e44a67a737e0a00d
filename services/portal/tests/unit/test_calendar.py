from datetime import date

import pytest

from portal.domain import calendar


def test_a_month_is_laid_out_in_weeks_starting_on_monday_with_blanks_outside_it() -> None:
    weeks = calendar.weeks("2026-12", {})
    assert all(len(week) == 7 for week in weeks)
    days = [cell.day for week in weeks for cell in week if cell.day]
    assert days == [date(2026, 12, n) for n in range(1, 32)]
    assert weeks[0][0].day is None and weeks[0][1].day == date(2026, 12, 1)  # 1 December 2026 is a Tuesday


def test_each_day_carries_its_attendance_status_and_reads_in_words() -> None:
    weeks = calendar.weeks("2026-03", {date(2026, 3, 2): "in_village", date(2026, 3, 3): "absent_without_leave"})
    cells = {cell.day: cell for week in weeks for cell in week if cell.day}
    assert cells[date(2026, 3, 2)].text == "In village"
    assert cells[date(2026, 3, 3)].text == "Absent without leave"
    assert cells[date(2026, 3, 4)].text == "No record"


def test_months_shift_across_the_turn_of_the_year() -> None:
    assert calendar.shift_month("2026-01", -1) == "2025-12"
    assert calendar.shift_month("2025-12", 1) == "2026-01"


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-01", "", "2026-01-01"])
def test_a_month_that_is_not_yyyy_mm_is_refused(text: str) -> None:
    assert calendar.parse_month(text) is None
    with pytest.raises(ValueError):
        calendar.weeks(text, {})


def cells_of(month: str, statuses: dict[date, str]) -> dict[date, calendar.Cell]:
    return {cell.day: cell for week in calendar.weeks(month, statuses) for cell in week if cell.day}


def test_a_settled_weekend_or_holiday_reads_as_a_rest_day() -> None:
    cells = cells_of("2026-10", {date(2026, 10, 3): "weekend", date(2026, 10, 5): "in_village"})
    assert cells[date(2026, 10, 3)].rest and cells[date(2026, 10, 3)].text == "Rest day (weekend or holiday)"
    assert not cells[date(2026, 10, 5)].rest


def test_a_holiday_on_a_weekday_is_a_rest_day_because_the_service_says_so_not_by_a_rule_of_the_portal() -> None:
    # 1 October 2026 is a Thursday: only the cadres service's calendar knows it is National Day.
    cells = cells_of("2026-10", {date(2026, 10, 1): "weekend", date(2026, 10, 8): "absent_without_leave"})
    assert cells[date(2026, 10, 1)].rest
    assert not cells[date(2026, 10, 8)].rest  # a weekday the service counts as working stays one


def test_a_make_up_working_saturday_settled_by_the_service_is_not_shown_as_rest() -> None:
    cells = cells_of("2026-09", {date(2026, 9, 27): "in_village"})  # a Sunday worked to make up for a holiday
    assert cells[date(2026, 9, 27)].text == "In village" and not cells[date(2026, 9, 27)].rest


def test_days_ahead_read_not_settled_yet_only_on_working_days_and_weekends_ahead_read_as_rest_days() -> None:
    ahead = {date(2026, 12, n): "not_yet_due" for n in range(14, 21)}  # Monday 14 to Sunday 20 December
    cells = cells_of("2026-12", ahead)
    assert [cells[date(2026, 12, n)].text for n in range(14, 19)] == ["Not settled yet"] * 5
    assert [cells[date(2026, 12, n)].rest for n in range(14, 21)] == [False] * 5 + [True] * 2
    assert cells[date(2026, 12, 19)].text == "Rest day (weekend)"
