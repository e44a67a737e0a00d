"""Protobuf <-> domain. The only module that knows both shapes."""
from __future__ import annotations

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from shuangdao.common.v1 import divisions_pb2
from shuangdao.registry.v1 import events_pb2, registry_pb2

from chassis.kafka import Envelope
from chassis.outbox import OutgoingEvent

from registry.domain import commands, events
from registry.domain.divisions import DivisionPath
from registry.domain.model import Household

SOURCE = "shuangdao/registry"


def enum_to_word(wrapper: EnumTypeWrapper, prefix: str, number: int) -> str:
    """CATEGORY_ABLE_TO_WORK -> "able_to_work"; unknown numbers -> "" (rejected later)."""
    try:
        name = wrapper.Name(number)
    except ValueError:
        return f"unknown({number})"
    return "" if name.endswith("_UNSPECIFIED") else name.removeprefix(prefix).lower()


def word_to_enum(wrapper: EnumTypeWrapper, prefix: str, word: str) -> int:
    return wrapper.Value(prefix + word.upper()) if word and word != "unspecified" else 0


def register_command(request: registry_pb2.RegisterHouseholdRequest) -> commands.RegisterHousehold:
    return commands.RegisterHousehold(
        village_code=request.village_code,
        category=enum_to_word(registry_pb2.Category, "CATEGORY_", request.category),
        members=tuple(commands.MemberInput(
            name=m.name, national_id=m.national_id,
            relation=enum_to_word(registry_pb2.Relation, "RELATION_", m.relation),
            sex=enum_to_word(registry_pb2.Sex, "SEX_", m.sex) or "unspecified",
            birth_date=m.birth_date) for m in request.members),
        household_id=request.household_id,
    )


def divisions_message(path: DivisionPath) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=path.province, city_code=path.city, county_code=path.county,
                                      township_code=path.township, village_code=path.village)


def household_message(household: Household) -> registry_pb2.Household:
    return registry_pb2.Household(
        household_id=household.id,
        divisions=divisions_message(household.divisions),
        category=word_to_enum(registry_pb2.Category, "CATEGORY_", household.category.value),
        members=[registry_pb2.Member(
            name=m.name, national_id=m.national_id,
            relation=word_to_enum(registry_pb2.Relation, "RELATION_", m.relation.value),
            sex=word_to_enum(registry_pb2.Sex, "SEX_", m.sex.value),
            birth_date=m.birth_date.isoformat() if m.birth_date else "") for m in household.members],
        status=household.status.value,
    )


def outgoing(event: events.Event, topic: str) -> OutgoingEvent:
    """A domain event as the outbox row that will carry it."""
    if isinstance(event, events.HouseholdRegistered):
        payload = events_pb2.HouseholdRegistered(
            household_id=event.household_id, divisions=divisions_message(event.divisions),
            category=word_to_enum(registry_pb2.Category, "CATEGORY_", event.category.value),
            member_count=event.member_count,
            registered_at=event.registered_at.isoformat().replace("+00:00", "Z"))
        envelope = Envelope.new(SOURCE, "household-registered", payload.DESCRIPTOR.full_name,
                                at=event.registered_at)
        return OutgoingEvent(topic=topic, key=event.household_id, envelope=envelope,
                             payload=payload.SerializeToString())
    raise TypeError(f"no translation for {type(event).__name__}")
