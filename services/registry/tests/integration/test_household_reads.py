"""GetHousehold is the registry's hottest read: it must cost the database as
few round trips as possible (p99 target 5 ms) and still return the whole file."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datetime import UTC, datetime

from sqlalchemy import event

from registry.adapters import orm
from registry.bootstrap import Registry
from registry.domain import commands
from registry.domain.model import Household

VILLAGE = "441826108201"


def register(registry: Registry) -> str:
    return registry.bus.handle(commands.RegisterHousehold(
        village_code=VILLAGE, category="able_to_work",
        members=(commands.MemberInput(name="Fang Ming", relation="head", sex="male", birth_date="1970-01-01"),
                 commands.MemberInput(name="Fang Xiao", relation="child", sex="female", birth_date="2005-06-01"),
                 commands.MemberInput(name="Fang Lan", relation="child", sex="female", birth_date="2008-03-01"))))


def statements_of_a_read(registry: Registry, household_id: str) -> tuple[Household, list[tuple[str, bool]]]:
    sent: list[tuple[str, bool]] = []

    def record(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
        sent.append((statement, connection.connection.dbapi_connection.autocommit))

    event.listen(registry.engine, "before_cursor_execute", record)
    try:
        household = registry.get_household(household_id)
    finally:
        event.remove(registry.engine, "before_cursor_execute", record)
    return household, sent


def test_a_household_read_is_one_statement_sent_outside_any_transaction(
        registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    household_id = register(registry)
    household, sent = statements_of_a_read(registry, household_id)
    assert [m.name for m in household.members] == ["Fang Ming", "Fang Xiao", "Fang Lan"]
    assert household.objections == []
    # No BEGIN and no ROLLBACK: in autocommit every statement is its own round trip and nothing more;
    # and no second statement for objections the household does not have.
    assert len(sent) == 1 and all(autocommit for _, autocommit in sent), sent


def test_a_household_with_objections_is_read_with_them_in_the_order_recorded(
        registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    household_id = register(registry)
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    with registry.engine.begin() as connection:
        connection.execute(orm.objections.insert(), [
            {"household_id": household_id, "text": text, "recorded_by": "villager", "recorded_at": at}
            for text in ("owns a lorry", "the son works in Shenzhen")])
    household, sent = statements_of_a_read(registry, household_id)
    assert [o.text for o in household.objections] == ["owns a lorry", "the son works in Shenzhen"]
    assert household.objections[0].recorded_at == at and household.objections[0].recorded_by == "villager"
    assert len(sent) == 2, sent


def test_reading_a_household_twice_gives_the_same_file_and_an_unknown_id_none(
        registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    household_id = register(registry)
    first, second = registry.get_household(household_id), registry.get_household(household_id)
    assert first.file == second.file and first.status == second.status
    with registry.new_uow().reading() as uow:
        assert uow.households.get("00000000-0000-4000-8000-000000000000") is None
