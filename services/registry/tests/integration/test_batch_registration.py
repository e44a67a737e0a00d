"""RegisterHouseholds on real PostgreSQL: each item answered on its own, the
valid ones stored in one transaction with exactly one event each, persons
deduplicated against the database and within the batch, race-safe."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from shuangdao.registry.v1 import events_pb2
from sqlalchemy import func, select

from chassis.errors import FieldViolation, InvalidArgument
from registry.adapters import orm
from registry.adapters.repository import HouseholdRepository
from registry.bootstrap import Registry
from registry.domain import commands
from registry.domain.batch import Outcome
from registry.service_layer import batch_registration
from registry.service_layer.unit_of_work import UnitOfWork

VILLAGE = "441826108201"
Ids = Callable[[str, int], str]


def member(name: str, relation: str, id_number: str = "", born: str = "1970-01-01") -> commands.MemberInput:
    return commands.MemberInput(name=name, national_id=id_number, relation=relation, sex="male", birth_date=born)


def household(*members: commands.MemberInput, village: str = VILLAGE, household_id: str = "",
              category: str = "able_to_work") -> commands.RegisterHousehold:
    return commands.RegisterHousehold(village_code=village, category=category, members=members,
                                      household_id=household_id)


def count(registry: Registry, table: Any) -> int:
    with registry.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def outbox_events(registry: Registry) -> list[tuple[str, str, events_pb2.HouseholdRegistered]]:
    with registry.engine.connect() as connection:
        rows = connection.execute(select(orm.outbox).order_by(orm.outbox.c.id)).all()
    return [(r.type, r.key, events_pb2.HouseholdRegistered.FromString(r.payload)) for r in rows]


def test_a_batch_answers_every_item_and_stores_exactly_the_valid_ones_with_one_event_each(
        registry_factory: Callable[..., Registry], national_id: Ids) -> None:
    registry = registry_factory()
    taken = national_id("1960-01-01", 1)
    earlier = registry.bus.handle(household(member("Tang Bo", "head", taken, "1960-01-01")))
    shared = national_id("1971-02-02", 2)
    results = registry.bus.handle(commands.RegisterHouseholds((
        household(member("Fang Ming", "head", shared, "1971-02-02"), member("Fang Xiao", "child")),
        household(member("", "head"), member("Li Hong", "child", born="1985-13-01")),
        household(member("Pan Mei", "head"), member("Pan Jun", "spouse", taken, "1960-01-01")),
        household(member("Luo Lan", "head", shared, "1971-02-02")),
        household(member("Zhou Qiang", "head"), member("Zhou Xia", "child"), member("Zhou Bo", "child")),
        household(member("He Ning", "head"), village="441826999201"),
        commands.UnreadableItem((FieldViolation("members", "must be a list"),)),
        household(member("Wu Tao", "head", national_id("1980-03-03", 3), "1980-03-03")),
    )))

    assert [r.outcome for r in results] == [
        Outcome.REGISTERED, Outcome.INVALID_ARGUMENT, Outcome.ALREADY_EXISTS, Outcome.ALREADY_EXISTS,
        Outcome.REGISTERED, Outcome.INVALID_ARGUMENT, Outcome.INVALID_ARGUMENT, Outcome.REGISTERED]
    assert [r.index for r in results] == list(range(8))
    assert [(v.field, v.description) for v in results[1].violations] == [
        ("members[0].name", "is required"), ("members[1].birth_date", "must be a date YYYY-MM-DD")]
    assert [(v.field, v.description) for v in results[2].violations] == [
        ("members[1].national_id", f"this person is already a member of active household {earlier} "
                                   f"in village {VILLAGE}")]
    assert [(v.field, v.description) for v in results[3].violations] == [
        ("members[0].national_id", "this person is also a member of households[0] earlier in this batch")]
    assert [v.field for v in results[5].violations] == ["village_code"]
    assert results[1].message == "members[0].name: is required; members[1].birth_date: must be a date YYYY-MM-DD"

    stored = [r.household_id for r in results if r.outcome is Outcome.REGISTERED]
    assert all(uuid.UUID(h) for h in stored)
    assert [len(registry.get_household(h).members) for h in stored] == [2, 3, 1]
    assert (count(registry, orm.households), count(registry, orm.members), count(registry, orm.persons),
            count(registry, orm.history)) == (4, 7, 3, 8)
    events = outbox_events(registry)
    assert [(t, k) for t, k, _ in events] == [("household-registered", h) for h in [earlier, *stored]]
    assert [(e.household_id, e.member_count, e.divisions.village_code) for _, _, e in events[1:]] == [
        (stored[0], 2, VILLAGE), (stored[1], 3, VILLAGE), (stored[2], 1, VILLAGE)]
    assert [e.kind for e in batch_history(registry, stored[0])] == ["migrated", "registered"]


def batch_history(registry: Registry, household_id: str) -> list[Any]:
    uow = registry.new_uow()
    with uow:
        return uow.households.history(household_id)


def test_a_retried_batch_with_client_ids_stores_nothing_twice(
        registry_factory: Callable[..., Registry], national_id: Ids) -> None:
    registry = registry_factory()
    ids = [str(uuid.uuid4()) for _ in range(3)]
    batch = commands.RegisterHouseholds(tuple(
        household(member(f"Head {n}", "head", national_id("1975-05-05", n), "1975-05-05"), household_id=i)
        for n, i in enumerate(ids)))
    first = registry.bus.handle(batch)
    again = registry.bus.handle(batch)
    assert [(r.outcome, r.household_id) for r in first] == [(Outcome.REGISTERED, i) for i in ids]
    assert [(r.outcome, r.household_id) for r in again] == [(Outcome.ALREADY_REGISTERED, i) for i in ids]
    assert (count(registry, orm.households), count(registry, orm.outbox)) == (3, 3)


def test_an_id_repeated_within_a_batch_rejects_the_later_item_only(registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    chosen = str(uuid.uuid4())
    results = registry.bus.handle(commands.RegisterHouseholds((
        household(member("A", "head"), household_id=chosen), household(member("B", "head"), household_id=chosen))))
    assert [r.outcome for r in results] == [Outcome.REGISTERED, Outcome.INVALID_ARGUMENT]
    assert results[1].violations[0].field == "household_id"
    assert count(registry, orm.households) == 1


def test_a_batch_over_the_limit_or_empty_is_refused_whole(registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory(max_batch=3)
    with pytest.raises(InvalidArgument) as over:
        registry.bus.handle(commands.RegisterHouseholds(tuple(household(member(f"H{n}", "head")) for n in range(4))))
    assert [(v.field, v.description) for v in over.value.violations] == [
        ("households", "at most 3 households in one batch (got 4); split it")]
    with pytest.raises(InvalidArgument) as empty:
        registry.bus.handle(commands.RegisterHouseholds(()))
    assert empty.value.violations[0].description == "send at least one household"
    assert (count(registry, orm.households), count(registry, orm.outbox)) == (0, 0)


class BlindHouseholds(HouseholdRepository):
    """Sees nobody as already registered, as a batch does when another
    transaction commits the same person between its read and its write."""

    def holders(self, id_numbers: list[str]) -> dict[str, tuple[str, str]]:
        return {}


class RacingUnitOfWork(UnitOfWork):
    blind = True

    def open(self, connection: Any) -> None:
        super().open(connection)
        if RacingUnitOfWork.blind:
            RacingUnitOfWork.blind = False
            self.households = BlindHouseholds(connection, self.identity)


def test_a_person_taken_by_a_concurrent_transaction_makes_the_batch_fall_back_to_one_answer_per_item(
        registry_factory: Callable[..., Registry], national_id: Ids) -> None:
    registry = registry_factory()
    taken = national_id("1962-06-06", 9)
    winner = registry.bus.handle(household(member("Tang Bo", "head", taken, "1962-06-06")))
    template = registry.new_uow()
    uow = RacingUnitOfWork(template.engine, template.outbox_table, template.inbox_table, template.translate,
                           template.identity)
    results = batch_registration.register_households(commands.RegisterHouseholds((
        household(member("Fang Ming", "head", national_id("1971-02-02", 2), "1971-02-02")),
        household(member("Pan Mei", "head"), member("Pan Jun", "spouse", taken, "1962-06-06")),
        household(member("Zhou Qiang", "head")),
    )), uow)
    assert [r.outcome for r in results] == [Outcome.REGISTERED, Outcome.ALREADY_EXISTS, Outcome.REGISTERED]
    assert results[1].violations[0].description == (f"this person is already a member of active household "
                                                    f"{winner} in village {VILLAGE}")
    assert (count(registry, orm.households), count(registry, orm.persons), count(registry, orm.outbox)) == (3, 2, 3)
    assert [k for _, k, _ in outbox_events(registry)] == [winner, results[0].household_id, results[2].household_id]
