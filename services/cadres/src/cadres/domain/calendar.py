"""The calendar attendance is counted in: days and months in Asia/Shanghai,
weekends, and the configurable public holidays and make-up working days of
the State Council's yearly holiday notice."""
from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONTH = re.compile(r"^(?!0000)(\d{4})-(0[1-9]|1[0-2])$")  # year 0 exists in no calendar


def local_day(moment: datetime) -> date:
    """The calendar day of a UTC moment in Guangdong."""
    return moment.astimezone(SHANGHAI).date()


@dataclass(frozen=True)
class WorkCalendar:
    # Weekdays the office is closed (Spring Festival, National Day...).
    public_holidays: frozenset[date] = field(default_factory=frozenset)
    # Weekend days declared working days to make up for a holiday (调休).
    working_weekend_days: frozenset[date] = field(default_factory=frozenset)

    def is_rest_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return False
        return day.weekday() >= 5 or day in self.public_holidays


def parse_month(value: str) -> tuple[int, int] | None:
    found = MONTH.match(value)
    if not found or int(found.group(1)) < 1:  # there is no year 0 on the calendar
        return None
    return int(found.group(1)), int(found.group(2))


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def days_of_month(year: int, month: int) -> list[date]:
    return [date(year, month, d) for d in range(1, _calendar.monthrange(year, month)[1] + 1)]


def months_between(first: date, last: date) -> Iterator[str]:
    """Every YYYY-MM from the month of `first` to that of `last`, inclusive."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def day_before(day: date) -> date:
    return day - timedelta(days=1)
