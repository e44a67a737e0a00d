"""The audit trail on real PostgreSQL (and on SQLite, the embedded default):
appended in the caller's transaction, hash-chained, append-only, and any
edit, deletion or cut found at the exact row."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, Table, select, text, update
from sqlalchemy.exc import DBAPIError

from chassis.db import make_engine
from chassis.logging import bound, request_id_var
from chassis.security import audit
from chassis.security.audit import AuditEntry
from chassis.security.policy import Role
from chassis.security.testing import principal_for

ID = "44182619700101001X"


def entry(n: int, **changes: object) -> AuditEntry:
    values: dict[str, object] = dict(
        actor=f"cadre-{n}", agency="Sanpai village committee", action="registry.step.decide.village_verification",
        target_kind="household", target_id=f"hh-{n}", division="441826100201",
        before={"status": "pending", "n": n}, after={"status": "verified", "n": n},
        occurred_at=datetime(2013, 3, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=n))
    values.update(changes)
    return AuditEntry(**values)  # type: ignore[arg-type]


def prepared(url: str) -> tuple[Engine, Table]:
    engine = make_engine(url)
    metadata = MetaData()
    table = audit.audit_table(metadata)
    metadata.create_all(engine)
    with engine.begin() as connection:
        audit.make_append_only(connection, table)
    return engine, table


@pytest.fixture
def pg(postgres_url: str) -> Iterator[tuple[Engine, Table, str]]:
    engine, table = prepared(postgres_url)
    yield engine, table, postgres_url
    engine.dispose()


def fill(engine: Engine, table: Table, count: int) -> None:
    with engine.begin() as connection:
        for n in range(1, count + 1):
            audit.append(connection, table, entry(n))


def verify(engine: Engine, table: Table, anchor: tuple[int, str] | None = None) -> audit.VerifyResult:
    with engine.connect() as connection:
        return audit.verify(connection, table, anchor)


def tamper(engine: Engine, table: Table, statement: str) -> None:
    """What a superuser could do: switch the append-only trigger off, change, switch it on."""
    with engine.begin() as connection:
        connection.execute(text(f"ALTER TABLE {table.name} DISABLE TRIGGER USER"))
        connection.execute(text(statement))
        connection.execute(text(f"ALTER TABLE {table.name} ENABLE TRIGGER USER"))


def test_an_untouched_chain_verifies(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 5)

    result = verify(engine, table)

    assert result.ok and result.checked == 5 and result.first_broken_seq is None
    assert result.head_seq == 5
    with engine.connect() as connection:
        assert audit.head(connection, table) == (5, result.head_hash)
        assert audit.verify(connection, table, batch_size=2) == result  # streamed across batches alike


def test_each_row_records_who_what_when_where_and_before_and_after(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    cadre = principal_for(Role.VILLAGE_CADRE, "441826100201", subject="cadre-7")
    with engine.begin() as connection, bound(request_id_var, "req-42"):
        audit.append(connection, table, AuditEntry.by(cadre, "registry.household.submit", "household", "hh-7",
                                                      "441826100201", None, {"head": "Liang", "status": "pending"}))

    with engine.connect() as connection:
        row = connection.execute(select(table)).one()
    assert (row.seq, row.actor, row.agency, row.action, row.target_kind, row.target_id, row.division,
            row.request_id) == (1, "cadre-7", "test agency", "registry.household.submit", "household", "hh-7",
                                "441826100201", "req-42")
    assert row.before is None and json.loads(row.after) == {"head": "Liang", "status": "pending"}
    assert row.prev_hash == audit.GENESIS_HASH and len(row.hash) == 64
    assert abs((row.occurred_at - datetime.now(UTC)).total_seconds()) < 60


def test_national_ids_in_before_and_after_are_stored_masked(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    with engine.begin() as connection:
        audit.append(connection, table, entry(1, before={"members": [{"national_id": ID}]},
                                              after={"note": f"corrected {ID}"}))

    with engine.connect() as connection:
        row = connection.execute(select(table)).one()
    assert ID not in row.before + row.after
    assert json.loads(row.before) == {"members": [{"national_id": "441826********001X"}]}
    assert verify(engine, table).ok


def test_an_audit_row_rolls_back_with_the_change_it_describes(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 2)
    with engine.connect() as connection:
        connection.begin()
        audit.append(connection, table, entry(3))
        connection.rollback()

    with engine.begin() as connection:
        assert audit.append(connection, table, entry(4)) == 3
    assert verify(engine, table).ok


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2",
    "DELETE FROM audit_log WHERE seq = 2",
    "TRUNCATE audit_log",
])
def test_the_table_refuses_updates_deletes_and_truncation(pg: tuple[Engine, Table, str], statement: str) -> None:
    engine, table, _ = pg
    fill(engine, table, 3)

    with pytest.raises(DBAPIError, match="audit_log is append-only"):
        with engine.begin() as connection:
            connection.execute(text(statement))

    assert verify(engine, table).checked == 3


def test_editing_one_row_in_the_database_makes_verification_fail_at_that_row(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 6)

    tamper(engine, table, """UPDATE audit_log SET after = '{"status":"rejected"}' WHERE seq = 4""")

    result = verify(engine, table)
    assert not result.ok
    assert result.first_broken_seq == 4
    assert result.checked == 3
    assert result.reason == "row content does not match its hash (edited after it was written)"


def test_an_edit_that_also_rewrites_the_rows_hash_is_caught_at_the_next_link(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 5)
    with engine.connect() as connection:
        row = dict(connection.execute(select(table).where(table.c.seq == 3)).one()._mapping)
    row["actor"] = "forger"
    forged = audit.row_hash(row["prev_hash"], row)

    tamper(engine, table, f"UPDATE audit_log SET actor = 'forger', hash = '{forged}' WHERE seq = 3")

    result = verify(engine, table)
    assert (result.ok, result.first_broken_seq) == (False, 4)
    assert result.reason == "prev_hash does not match the hash of row 3"


def test_a_deleted_row_is_found_where_it_is_missing(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 5)

    tamper(engine, table, "DELETE FROM audit_log WHERE seq = 2")

    result = verify(engine, table)
    assert (result.ok, result.first_broken_seq, result.reason) == (False, 3, "row(s) 2 missing before seq 3")


def test_a_cut_tail_is_found_against_a_recorded_anchor(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    fill(engine, table, 5)
    with engine.connect() as connection:
        anchor = audit.head(connection, table)

    tamper(engine, table, "DELETE FROM audit_log WHERE seq >= 4")

    assert verify(engine, table).ok  # the chain alone cannot tell
    cut = verify(engine, table, anchor)
    assert (cut.ok, cut.first_broken_seq) == (False, 5)
    assert "the tail was cut" in cut.reason


def test_concurrent_appends_from_many_writers_keep_one_unbroken_chain(pg: tuple[Engine, Table, str]) -> None:
    engine, table, _ = pg
    errors: list[BaseException] = []

    def writer(w: int) -> None:
        try:
            for n in range(8):
                with engine.begin() as connection:
                    audit.append(connection, table, entry(w * 100 + n))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    result = verify(engine, table)
    assert result.ok and result.checked == 32 and result.head_seq == 32


def test_the_verify_command_names_the_first_broken_link_and_exits_non_zero(pg: tuple[Engine, Table, str]) -> None:
    engine, table, url = pg
    fill(engine, table, 4)
    command = [sys.executable, "-m", "chassis.security.audit", "verify", "--database-url", url]

    intact = subprocess.run(command, capture_output=True, text=True, timeout=60)
    tamper(engine, table, "UPDATE audit_log SET division = '441826100202' WHERE seq = 2")
    broken = subprocess.run(command, capture_output=True, text=True, timeout=60)

    assert intact.returncode == 0 and "ok: 4 rows verified" in intact.stdout
    assert broken.returncode == 1
    assert "BROKEN at seq 2: row content does not match its hash" in broken.stderr


def test_the_trail_works_the_same_on_the_embedded_sqlite_default(tmp_path: Path) -> None:
    engine, table = prepared(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    fill(engine, table, 3)
    assert verify(engine, table).ok

    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as connection:
            connection.execute(update(table).where(table.c.seq == 2).values(actor="x"))
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(update(table).where(table.c.seq == 2).values(actor="x"))

    result = verify(engine, table)
    assert (result.ok, result.first_broken_seq) == (False, 2)
    engine.dispose()
