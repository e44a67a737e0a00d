"""Facts from other services, in the assessment's own terms. Built only from
events: the assessment never asks another service for a number it scores."""
from __future__ import annotations

from dataclasses import dataclass


class Event:
    """Marker base."""


@dataclass(frozen=True)
class HouseholdRegistered(Event):
    household_id: str
    province_code: str
    city_code: str
    county_code: str
    township_code: str
    village_code: str
    category: str
    people: int
