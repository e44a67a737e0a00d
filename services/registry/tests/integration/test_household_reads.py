"""GetHousehold is the registry's hottest read: it must cost the database as
few round trips as possible (p99 target 5 ms) and still return the whole file."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from registry.bootstrap import Registry
from registry.domain import commands

VILLAGE = "441826108201"


def register(registry: Registry) -> str:
    return registry.bus.handle(commands.RegisterHousehold(
        village_code=VILLAGE, category="able_to_work",
        members=(commands.MemberInput(name="Fang Ming", relation="head", sex="male", birth_date="1970-01-01"),
                 commands.MemberInput(name="Fang Xiao", relation="child", sex="female", birth_date="2005-06-01"),
                 commands.MemberInput(name="Fang Lan", relation="child", sex="female", birth_date="2008-03-01"))))


def test_a_household_read_is_two_statements_sent_outside_any_transaction(
        registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    household_id = register(registry)
    sent: list[tuple[str, bool]] = []

    def record(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
        sent.append((statement, connection.connection.dbapi_connection.autocommit))

    event.listen(registry.engine, "before_cursor_execute", record)
    try:
        household = registry.get_household(household_id)
    finally:
        event.remove(registry.engine, "before_cursor_execute", record)
    assert [m.name for m in household.members] == ["Fang Ming", "Fang Xiao", "Fang Lan"]
    # No BEGIN and no ROLLBACK: in autocommit every statement is its own round trip and nothing more.
    assert len(sent) == 2 and all(autocommit for _, autocommit in sent), sent


def test_reading_a_household_twice_gives_the_same_file_and_an_unknown_id_none(
        registry_factory: Callable[..., Registry]) -> None:
    registry = registry_factory()
    household_id = register(registry)
    first, second = registry.get_household(household_id), registry.get_household(household_id)
    assert first.file == second.file and first.status == second.status
    with registry.new_uow().reading() as uow:
        assert uow.households.get("00000000-0000-4000-8000-000000000000") is None
