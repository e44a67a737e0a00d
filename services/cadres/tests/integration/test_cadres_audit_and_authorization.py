"""Who may do what where in the service layer, and the tamper-evident audit
trail every command leaves, on real PostgreSQL."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from chassis.errors import NotFound, PermissionDenied
from chassis.security.audit import main as audit_cli
from chassis.security.audit import verify
from chassis.security.testing import principal_for
from cadres.adapters import orm
from cadres.bootstrap import Service
from cadres.domain import commands
from cadres.domain.vocabulary import UnitKind
from cadres.service_layer import views

SANPAI, NEIGHBOUR = "441826108201", "441826108202"
OFFICE = principal_for("provincial_office")
UNIT_AT_SANPAI = principal_for("support_unit", SANPAI)


def paired_unit(service: Service) -> tuple[str, str, str]:
    unit = service.bus.handle(commands.RegisterSupportUnit("Tobacco Bureau", UnitKind.ENTERPRISE, "Head", "Director",
                                                           date(2010, 1, 1), actor=OFFICE))
    pairing = service.bus.handle(commands.PairUnit(unit.id, SANPAI, date(2011, 1, 3), actor=OFFICE))
    cadre = service.bus.handle(commands.RegisterCadre(unit.id, "Cadre", phone="13800000000", actor=UNIT_AT_SANPAI))
    return unit.id, pairing.id, cadre.id


def test_every_command_leaves_one_audit_entry_naming_who_what_where_before_and_after(service: Service) -> None:
    unit_id, pairing_id, cadre_id = paired_unit(service)
    service.bus.handle(commands.StationCadre(cadre_id, pairing_id, date(2011, 1, 3), actor=UNIT_AT_SANPAI))
    with service.engine.connect() as connection:
        rows = connection.execute(select(orm.audit_log).order_by(orm.audit_log.c.seq)).all()
        assert verify(connection, orm.audit_log).ok
    assert [(r.action, r.actor, r.division) for r in rows] == [
        ("cadres.support_unit.register", OFFICE.subject, "440000000000"),
        ("cadres.pairing.create", OFFICE.subject, SANPAI),
        ("cadres.cadre.register", UNIT_AT_SANPAI.subject, SANPAI),
        ("cadres.cadre.station", UNIT_AT_SANPAI.subject, SANPAI)]
    assert [r.target_id for r in rows[:3]] == [unit_id, pairing_id, cadre_id]
    assert json.loads(rows[2].after)["name"] == "Cadre" and "13800000000" not in rows[2].after
    assert rows[0].before is None and json.loads(rows[3].after)["start"] == "2011-01-03"


def test_a_caller_outside_the_village_is_refused_and_nothing_is_written(service: Service) -> None:
    unit_id, pairing_id, cadre_id = paired_unit(service)
    with service.engine.connect() as connection:
        before = connection.execute(select(orm.audit_log.c.seq)).all()
    elsewhere = principal_for("support_unit", NEIGHBOUR)
    with pytest.raises(PermissionDenied):
        service.bus.handle(commands.StationCadre(cadre_id, pairing_id, date(2011, 1, 3), actor=elsewhere))
    with pytest.raises(PermissionDenied):  # outside: refused, whether or not the cadre exists
        views.cadre(cadre_id, service.new_uow(), principal_for("village_cadre", NEIGHBOUR), service.context.province)
    with pytest.raises(NotFound):  # inside: a missing cadre is simply not found
        views.cadre("00000000-0000-4000-8000-000000000000", service.new_uow(), OFFICE, service.context.province)
    assert views.cadre(cadre_id, service.new_uow(), principal_for("auditor"), service.context.province)
    with service.engine.connect() as connection:
        assert connection.execute(select(orm.audit_log.c.seq)).all() == before


def test_the_database_refuses_to_change_an_audit_row(service: Service) -> None:
    paired_unit(service)
    with pytest.raises(DBAPIError, match="append-only"):
        with service.engine.begin() as connection:
            connection.execute(orm.audit_log.update().where(orm.audit_log.c.seq == 1).values(actor="someone else"))
    with pytest.raises(DBAPIError, match="append-only"):
        with service.engine.begin() as connection:
            connection.execute(orm.audit_log.delete())


def test_editing_one_audit_row_makes_verification_fail_at_that_row(
        service: Service, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    paired_unit(service)
    assert audit_cli(["verify", "--database-url", postgres_url]) == 0
    with service.engine.begin() as connection:
        # What a database owner could do: switch the trigger off and rewrite history.
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        connection.execute(orm.audit_log.update().where(orm.audit_log.c.seq == 2)
                           .values(division=NEIGHBOUR))
        connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    with service.engine.connect() as connection:
        result = verify(connection, orm.audit_log)
    assert (result.ok, result.first_broken_seq, result.checked) == (False, 2, 1)
    capsys.readouterr()
    assert audit_cli(["verify", "--database-url", postgres_url]) == 1
    assert "BROKEN at seq 2" in capsys.readouterr().err
