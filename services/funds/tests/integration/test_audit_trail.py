"""Every money movement leaves a hash-chained, append-only audit entry; an
edited row is found by verification, on real PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from chassis.security import audit
from chassis.security.testing import principal_for
from chassis.testing.fixtures import common_settings
from funds.adapters import orm
from funds.bootstrap import bootstrap
from funds.config import Settings
from funds.domain import commands as c

VILLAGE = "441826108201"


def test_each_money_movement_is_audited_and_an_edited_row_fails_verification_at_that_row(
        postgres_url: str, kafka_bootstrap: str) -> None:
    funds = bootstrap(Settings(common=common_settings("funds", postgres_url, kafka_bootstrap, "t-unused.")))
    county = principal_for("county_approver")
    key = lambda: uuid.uuid4().hex  # noqa: E731
    source = funds.handle(c.CreateSource("county_fiscal", "Liannan county budget"), county).source_id
    funds.handle(c.RecordReceipt(source, 10_000, idempotency_key=key()), county)
    allocation = funds.handle(c.AllocateFunds(source, VILLAGE, 10_000, idempotency_key=key()), county).allocation_id
    project = funds.handle(c.CreateProject(VILLAGE, "industrial", "tea", "Tea garden", 10_000, 3, 1), county).project_id
    funds.handle(c.CommitFunds(allocation, project, 10_000, idempotency_key=key()), county)
    funds.handle(c.Disburse(allocation, project, 4_000, "contractor", "Tea co-op", idempotency_key=key()), county)
    with funds.engine.connect() as connection:
        rows = connection.execute(select(orm.audit_log).order_by(orm.audit_log.c.seq)).all()
        assert audit.verify(connection, orm.audit_log).ok
    assert [r.action for r in rows] == ["funds.source.create", "funds.receipt.record", "funds.allocate",
                                        "funds.project.create", "funds.commit", "funds.disburse"]
    assert {r.actor for r in rows} == {"test-county_approver"} and rows[5].division == VILLAGE
    assert '"amount_fen":4000' in rows[5].after

    with pytest.raises(DBAPIError, match="append-only"), funds.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq = 4"))
    with funds.engine.begin() as connection:
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        connection.execute(text("""UPDATE audit_log SET "after" = replace("after", '4000', '400') WHERE seq = 6"""))
    with funds.engine.connect() as connection:
        result = audit.verify(connection, orm.audit_log)
    funds.engine.dispose()
    assert (result.ok, result.first_broken_seq) == (False, 6)
