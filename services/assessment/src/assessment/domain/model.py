"""Read-model values the assessment computes from."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VillageSummary:
    village_code: str
    registered_households: int
    registered_people: int

    @classmethod
    def empty(cls, village_code: str) -> "VillageSummary":
        return cls(village_code, 0, 0)
