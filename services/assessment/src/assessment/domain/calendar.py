"""Calendar rules run in Asia/Shanghai; storage and events are UTC."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_date(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def end_of_local_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=SHANGHAI)


def months_back(moment: datetime, count: int) -> set[str]:
    """The `count` calendar months ending with the month of `moment` (YYYY-MM)."""
    day = local_date(moment)
    year, month = day.year, day.month
    found = set()
    for _ in range(count):
        found.add(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


def month_start(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)
