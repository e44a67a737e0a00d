"""The province's clock as the assessment knows it: the latest tick consumed.

Time reaches a village through its own facts and through ticks, never through
the wall clock of the process that happens to compute, so replaying the topics
decides the same flags as processing them live. A tick only moves the clock
forward: older and repeated ticks change nothing, in whatever order they come."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from assessment.domain.rubric import Accountability


def advanced(clock: datetime | None, tick: datetime) -> datetime | None:
    """The clock after this tick, or None when the tick moves nothing."""
    return tick if clock is None or tick > clock else None


@dataclass(frozen=True)
class DueBefore:
    """Which deadlines have passed at a tick: an allocation made before
    `allocated` with nothing disbursed is idle; a risk open since before
    `risk_open` is unattended. The same strict comparisons as the flags."""

    allocated: datetime
    risk_open: datetime


def due_before(tick: datetime, rules: Accountability) -> DueBefore:
    return DueBefore(allocated=tick - timedelta(days=rules.funds_idle_days),
                     risk_open=tick - timedelta(days=rules.risk_unattended_days))
