"""Inbound protobuf events -> the assessment's domain events, validated."""
from __future__ import annotations

from google.protobuf.message import Message
from shuangdao.assessment.v1 import assessment_pb2
from shuangdao.registry.v1 import events_pb2, registry_pb2

from chassis.inbox import InvalidEvent
from chassis.outbox import OutgoingEvent

from assessment.domain import events
from assessment.domain.divisions import is_division_code
from assessment.domain.model import VillageSummary


# Event type (header) -> payload class this service accepts.
CONSUMED: dict[str, type[Message]] = {
    "household-registered": events_pb2.HouseholdRegistered,
}


def _require_code(value: str, field: str) -> str:
    if not is_division_code(value):
        raise InvalidEvent(f"{field} must be a 12-digit division code, got {value!r}")
    return value


def inbound(type_: str, message: Message) -> events.Event:
    if type_ == "household-registered":
        m: events_pb2.HouseholdRegistered = message  # type: ignore[assignment]
        if not m.household_id:
            raise InvalidEvent("household_id is empty")
        if m.member_count <= 0:
            raise InvalidEvent(f"member_count must be positive, got {m.member_count}")
        d = m.divisions
        category = registry_pb2.Category.Name(m.category).removeprefix("CATEGORY_").lower() \
            if m.category in registry_pb2.Category.values() else ""
        if category in ("", "unspecified"):
            raise InvalidEvent(f"category {m.category} is not a known household category")
        return events.HouseholdRegistered(
            household_id=m.household_id,
            province_code=_require_code(d.province_code, "divisions.province_code"),
            city_code=_require_code(d.city_code, "divisions.city_code"),
            county_code=_require_code(d.county_code, "divisions.county_code"),
            township_code=_require_code(d.township_code, "divisions.township_code"),
            village_code=_require_code(d.village_code, "divisions.village_code"),
            category=category, people=m.member_count)
    raise InvalidEvent(f"unknown-type: {type_!r}")


def summary_message(summary: VillageSummary) -> assessment_pb2.VillageSummary:
    return assessment_pb2.VillageSummary(village_code=summary.village_code,
                                         registered_households=summary.registered_households,
                                         registered_people=summary.registered_people)


def outgoing(event: object, topic: str) -> OutgoingEvent:
    # Score and flag events arrive with the assessment issue; nothing yet.
    raise TypeError(f"no translation for {type(event).__name__}")
