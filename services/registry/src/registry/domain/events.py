"""Facts the registry announces. They never carry a national ID or a name."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from registry.domain.divisions import DivisionPath
from registry.domain.vocabulary import Category


class Event:
    """Marker base: something that happened to an aggregate."""


@dataclass(frozen=True)
class HouseholdRegistered(Event):
    household_id: str
    divisions: DivisionPath
    category: Category
    member_count: int
    registered_at: datetime
