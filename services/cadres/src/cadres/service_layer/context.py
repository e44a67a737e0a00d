"""What every handler needs besides its unit of work: the clock and the rules."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from cadres.config import DEFAULT_PROVINCE, Rules
from cadres.domain.calendar import local_day

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    rules: Rules = field(default_factory=Rules)
    clock: Clock = utc_now
    # Support units not paired with any village are the provincial office's business.
    province: str = DEFAULT_PROVINCE

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in Asia/Shanghai: what "after today" and "the day is over" mean."""
        return local_day(self.clock())
