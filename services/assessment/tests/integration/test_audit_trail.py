"""The assessment's audit trail (rebuild runs land on it): append-only in the
database, and an edited row is named by verification."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chassis.security.audit import AuditEntry, append, verify
from chassis.security.audit import main as audit_cli

from assessment.adapters import orm
from assessment.bootstrap import Assessment


def three_runs(assessment: Assessment) -> None:
    with assessment.engine.begin() as connection:
        for n in range(3):
            append(connection, orm.audit_log, AuditEntry("os-user:ops", "assessment rebuild",
                                                         "assessment.read_model.rebuild", "read_model", f"group-{n}",
                                                         after={"messages": n}))


def test_the_database_refuses_to_change_an_audit_row(assessment: Assessment) -> None:
    three_runs(assessment)
    with pytest.raises(DBAPIError, match="append-only"):
        with assessment.engine.begin() as connection:
            connection.execute(orm.audit_log.update().values(target_id="another group"))


def test_editing_one_audit_row_makes_verification_fail_at_that_row(assessment: Assessment,
                                                                     postgres_url: str) -> None:
    three_runs(assessment)
    assert audit_cli(["verify", "--database-url", postgres_url]) == 0
    with assessment.engine.begin() as connection:
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        connection.execute(orm.audit_log.update().where(orm.audit_log.c.seq == 3).values(after='{"messages":0}'))
        connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    with assessment.engine.connect() as connection:
        result = verify(connection, orm.audit_log)
    assert (result.ok, result.first_broken_seq) == (False, 3)
    assert audit_cli(["verify", "--database-url", postgres_url]) == 1
