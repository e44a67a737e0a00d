"""The registry's audit trail (hash-chained, append-only) and national IDs at
rest, on real PostgreSQL."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from chassis.security import audit
from chassis.security.personal_data import contains_national_id
from chassis.security.testing import principal_for
from registry.adapters import orm
from registry.bootstrap import Registry
from registry.domain import commands

VILLAGE = "441826108201"
Ids = Callable[[str, int], str]


def register(registry: Registry, national_id: str, name: str) -> str:
    head = commands.MemberInput(name=name, national_id=national_id, relation="head", sex="male",
                                birth_date="1970-01-01")
    return registry.bus.handle(commands.RegisterHousehold(
        village_code=VILLAGE, category="dibao", members=(head,), actor=principal_for("prefecture_registrar")))


def test_editing_one_audit_row_makes_verification_fail_at_exactly_that_row(
        registry_factory: Callable[..., Registry], national_id: Ids, postgres_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    registry = registry_factory()
    for n in range(3):
        register(registry, national_id("1970-01-01", n + 1), f"Head {n}")
    with registry.engine.connect() as connection:
        assert audit.verify(connection, orm.audit_log).ok
        rows = connection.execute(select(orm.audit_log).order_by(orm.audit_log.c.seq)).all()
    assert [(r.actor, r.action, r.division) for r in rows] == [
        ("test-prefecture_registrar", "registry.household.register", VILLAGE)] * 3

    with pytest.raises(DBAPIError, match="append-only"), registry.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"))
    with registry.engine.begin() as connection:  # what only the table's owner can do: switch the trigger off
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        connection.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"))

    with registry.engine.connect() as connection:
        result = audit.verify(connection, orm.audit_log)
    assert (result.ok, result.first_broken_seq, result.checked) == (False, 2, 1)
    assert audit.main(["verify", "--database-url", postgres_url]) == 1
    assert "BROKEN at seq 2" in capsys.readouterr().err


def test_national_ids_are_stored_encrypted_and_deduplicated_by_a_keyed_hash(
        registry_factory: Callable[..., Registry], national_id: Ids) -> None:
    registry = registry_factory()
    number = national_id("1970-01-01", 7)
    household_id = register(registry, number, "Tang Wei")
    with registry.engine.connect() as connection:
        stored = connection.execute(select(orm.members.c.national_id)).scalar_one()
        key = connection.execute(select(orm.persons.c.id_key)).scalar_one()
        outbox = " ".join(repr(r) for r in connection.execute(select(orm.outbox)).all())
        trail = " ".join(repr(r) for r in connection.execute(select(orm.audit_log)).all())
    assert stored.startswith("v1.") and number not in stored and not contains_national_id(stored)
    assert key == registry.identity.lookup_key(number) and number not in key
    assert number not in outbox and number not in trail
    assert registry.get_household(household_id).members[0].national_id == number
    assert registry.get_household(household_id, principal_for("support_unit", VILLAGE)).members[0].national_id == (
        number[:6] + "********" + number[-4:])
    with pytest.raises(Exception, match="already"):
        register(registry, number.lower(), "Tang Wei again")
