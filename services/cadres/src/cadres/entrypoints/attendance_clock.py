"""The month-end close: once a month has passed (in Asia/Shanghai), recount it
for every cadre stationed in it, so unrecorded working days are announced as
absences even when nobody touched the register. A worker part of the
process; it looks every `attendance_clock_seconds` and acts once per new month
(and once at start, which is harmless: unchanged months announce nothing)."""
from __future__ import annotations

import logging
import threading

from cadres.bootstrap import Service
from cadres.domain import commands
from cadres.domain.calendar import day_before

log = logging.getLogger(__name__)


class AttendanceClock:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.closed_month: str | None = None

    def tick(self) -> int:
        """Closes the previous month if not done yet; returns cadres looked at."""
        today = self.service.context.today()
        month = f"{today.year:04d}-{today.month:02d}"
        if month == self.closed_month:
            return 0
        looked_at = self.service.bus.handle(commands.SummariseAttendance(day=day_before(today.replace(day=1))))
        self.closed_month = month
        log.info("closed the attendance of the previous month", extra={"fields": {"cadres": looked_at}})
        return int(looked_at)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("attendance close failed; will retry")
            stop.wait(self.service.settings.attendance_clock_seconds)
