"""The month's attendance calendar laid out as weeks (Monday first), the way a
wall calendar shows it: leading and trailing blanks, one cell per day.

Which days are rest days is the cadres service's business (weekends, the
configured public holidays, make-up working days): a settled day's status
says so and the portal shows it as it is. The service settles a day only once
it has come, so every day ahead reads `not_yet_due` whatever it is; for those
alone the calendar presumes Saturdays and Sundays to be rest days (public
holidays ahead cannot be told until the service reports day kinds ahead)."""
from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# What each day status reads as, and the CSS class that colours it.
STATUS_TEXT = {"in_village": "In village", "on_approved_leave": "On approved leave",
               "weekend": "Rest day (weekend or holiday)", "rest_ahead": "Rest day (weekend)",
               "absent_without_leave": "Absent without leave", "not_yet_due": "Not settled yet",
               "not_stationed": "Not stationed", "not_registered": "Before the register", "": "No record"}


@dataclass(frozen=True)
class Cell:
    day: date | None
    status: str  # a key of STATUS_TEXT ("" for a blank cell)

    @property
    def text(self) -> str:
        return STATUS_TEXT.get(self.status, self.status.replace("_", " "))

    @property
    def rest(self) -> bool:
        return self.status in REST_STATUSES


REST_STATUSES = frozenset({"weekend", "rest_ahead"})


def shown_status(day: date, status: str) -> str:
    """The status a day is shown with: the service's, except that a weekend
    day ahead (not settled yet) is shown as the rest day it will be."""
    if status == "not_yet_due" and day.weekday() >= 5:
        return "rest_ahead"
    return status


def parse_month(text: str) -> tuple[int, int] | None:
    """'2026-03' -> (2026, 3); None for anything else."""
    found = MONTH.match(text or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, by: int) -> str:
    year, number = parse_month(month) or (1970, 1)
    index = year * 12 + (number - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def weeks(month: str, statuses: dict[date, str]) -> list[list[Cell]]:
    """Rows of seven cells covering the month; days without a status read 'No record'."""
    parsed = parse_month(month)
    if parsed is None:
        raise ValueError(f"month must read YYYY-MM, got {month!r}")
    year, number = parsed
    rows: list[list[Cell]] = []
    for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, number):
        rows.append([Cell(d, shown_status(d, statuses.get(d, ""))) if d.month == number else Cell(None, "")
                     for d in week])
    return rows
