"""Monthly attendance summaries: recounted whenever a day of the month may
have changed, stored with a revision, and announced (attendance-summarised)
only when a count actually changed, so consumers keep the latest revision.

One event per cadre per month and change rather than one per day: 3,409
cadres x 30 days would be ~100k day events a month for a figure assessment
judges monthly (absent without leave more than N days in a month)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from cadres.domain import attendance, events
from cadres.domain.calendar import days_of_month, months_between, parse_month
from cadres.domain.model import StoredSummary, Stationing
from cadres.service_layer.context import Context
from cadres.service_layer.unit_of_work import UnitOfWork


def months_affected(stationing: Stationing, first_changed: date, today: date) -> list[str]:
    """Months from the first day whose count may have changed up to today,
    never before the register was kept."""
    first = max(first_changed, stationing.register_from)
    return list(months_between(first, today)) if first <= today else []


def resummarise(uow: UnitOfWork, cadre_id: str, months: Iterable[str], context: Context) -> None:
    today, now = context.today(), context.now()
    stationings = uow.stationings.of_cadre(cadre_id)
    leaves = uow.leaves.of_cadre(cadre_id)
    for month in sorted(set(months)):
        year, number = parse_month(month)  # type: ignore[misc]
        days = days_of_month(year, number)
        marks = uow.attendance.marks(cadre_id, days[0], days[-1])
        counted = attendance.month_days(year, number, stationings, marks, leaves, context.rules.calendar, today)
        _announce_if_changed(uow, cadre_id, month, attendance.summarise(counted),
                             attendance.stationing_for_month(year, number, stationings), now)


def _announce_if_changed(uow: UnitOfWork, cadre_id: str, month: str, summary: attendance.AttendanceSummary,
                         stationing: Stationing | None, now: datetime) -> None:
    stored = uow.attendance.summary(cadre_id, month)
    if stationing is None or (stored is None and summary.empty) or (stored and stored.summary == summary):
        return
    previous = stored.revision if stored else 0
    uow.attendance.save_summary(StoredSummary(cadre_id, month, summary, previous + 1), previous, now)
    uow.pending_events.append(events.AttendanceSummarised(
        cadre_id=cadre_id, unit_id=stationing.unit_id, village=stationing.village, month=month, summary=summary,
        revision=previous + 1))
