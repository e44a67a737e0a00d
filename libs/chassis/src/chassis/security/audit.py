"""A tamper-evident audit trail per service: who did what, when, to which
thing, in which division, with the state before and after.

Each row's hash is sha256(previous row's hash + canonical JSON of its own
fields, seq included), so editing, deleting or reordering any row breaks the
chain from that row on and `verify` names the first broken link. Rows are
appended inside the caller's transaction (the audit row commits or rolls back
with the change it describes). `seq` is assigned here, not by a sequence:
gap-free, so a deleted row shows, and a primary key, so two concurrent appends
can never fork the chain (PostgreSQL serialises them with an advisory lock;
SQLite has a single writer anyway). On PostgreSQL `append_only_ddl()` adds a
trigger refusing UPDATE, DELETE and TRUNCATE.

Command line: `python -m chassis.security.audit verify --database-url URL`."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (BigInteger, Column, Connection, DateTime, Index, Integer, MetaData, String, Table, Text,
                        select, text)

from chassis.db import bulk_insert
from chassis.logging import request_id_var
from chassis.security.personal_data import mask_in

if TYPE_CHECKING:
    from chassis.security.tokens import Principal

DEFAULT_TABLE_NAME = "audit_log"
GENESIS_HASH = "0" * 64
_HASHED = ("seq", "occurred_at", "actor", "agency", "action", "target_kind", "target_id", "division",
           "request_id", "before", "after")


def audit_table(metadata: MetaData, name: str = DEFAULT_TABLE_NAME) -> Table:
    table = Table(
        name, metadata,
        Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("actor", String(200), nullable=False),
        Column("agency", String(200), nullable=False),
        Column("action", String(200), nullable=False),
        Column("target_kind", String(100), nullable=False),
        Column("target_id", String(200), nullable=False),
        Column("division", String(12), nullable=True),
        Column("request_id", String(100), nullable=True),
        Column("before", Text, nullable=True),
        Column("after", Text, nullable=True),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
    )
    # "What happened to this household?" is the question auditors ask most.
    Index(f"ix_{name}_target", table.c.target_kind, table.c.target_id)
    return table


@dataclass(frozen=True)
class AuditEntry:
    """One thing that happened. `before`/`after` are JSON-like values; national
    IDs inside them are masked on the way in."""

    actor: str
    agency: str
    action: str
    target_kind: str
    target_id: str
    division: str | None = None
    before: Any = None
    after: Any = None
    occurred_at: datetime | None = None
    request_id: str | None = field(default_factory=request_id_var.get)

    @classmethod
    def by(cls, principal: "Principal", action: str, target_kind: str, target_id: str,
           division: str | None = None, before: Any = None, after: Any = None) -> "AuditEntry":
        return cls(actor=principal.subject, agency=principal.agency, action=action, target_kind=target_kind,
                   target_id=target_id, division=division, before=before, after=after)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str = ""
    head_seq: int | None = None
    head_hash: str | None = None


# ---------------------------------------------------------------------------- hashing

def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_time(moment: datetime) -> str:
    """Microsecond UTC text: what PostgreSQL timestamptz and SQLite give back alike."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # SQLite returns naive values; we stored UTC
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    hashed = {name: fields.get(name) for name in _HASHED}
    hashed["occurred_at"] = canonical_time(hashed["occurred_at"])
    return hashlib.sha256((prev_hash + canonical_json(hashed)).encode()).hexdigest()


def lock_key(table: Table) -> int:
    """A per-table advisory lock key (signed 64-bit, as PostgreSQL wants)."""
    digest = hashlib.sha256(f"shuangdao-audit:{table.name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


# ---------------------------------------------------------------------------- writing

def append(connection: Connection, table: Table, entry: AuditEntry) -> int:
    """Appends one row inside the caller's transaction; returns its seq."""
    return append_many(connection, table, [entry])[-1]


def append_many(connection: Connection, table: Table, entries: Sequence[AuditEntry]) -> list[int]:
    if not entries:
        return []
    if connection.dialect.name == "postgresql":
        # Held to the end of the caller's transaction: the next writer reads our hash.
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(table)})
    last = connection.execute(select(table.c.seq, table.c.hash).order_by(table.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        fields = _fields(entry, seq)
        digest = row_hash(prev, fields)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    # One COPY for the whole chain segment, under the lock taken above.
    bulk_insert(connection, table, rows)
    return [r["seq"] for r in rows]


def _fields(entry: AuditEntry, seq: int) -> dict[str, Any]:
    moment = (entry.occurred_at or datetime.now(UTC))
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return {
        "seq": seq, "occurred_at": moment, "actor": entry.actor, "agency": entry.agency, "action": entry.action,
        "target_kind": entry.target_kind, "target_id": entry.target_id, "division": entry.division,
        "request_id": entry.request_id,
        "before": None if entry.before is None else canonical_json(mask_in(entry.before)),
        "after": None if entry.after is None else canonical_json(mask_in(entry.after)),
    }


# ---------------------------------------------------------------------------- verifying

def head(connection: Connection, table: Table) -> tuple[int, str]:
    """The last (seq, hash): record it elsewhere (a ticket, a report) to detect
    later truncation of the tail, which a chain alone cannot show."""
    last = connection.execute(select(table.c.seq, table.c.hash).order_by(table.c.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS_HASH)


def verify(connection: Connection, table: Table, anchor: tuple[int, str] | None = None,
           batch_size: int = 1000) -> VerifyResult:
    """Walks the chain in seq order and names the first row that does not hold.

    `anchor`, a (seq, hash) recorded earlier, must still be in the chain."""
    expected_seq, prev, checked = 1, GENESIS_HASH, 0
    anchor_seen = anchor is None or anchor[0] == 0
    # Streamed in batches (server-side cursor on PostgreSQL): a trail may hold millions of rows.
    result = connection.execute(select(table).order_by(table.c.seq).execution_options(yield_per=batch_size))
    for row in result:
        fields = dict(row._mapping)
        broken = _broken_link(fields, expected_seq, prev)
        if broken:
            result.close()
            return VerifyResult(False, checked, fields["seq"], broken)
        if anchor and fields["seq"] == anchor[0]:
            if fields["hash"] != anchor[1]:
                result.close()
                return VerifyResult(False, checked, fields["seq"], "hash differs from the recorded anchor")
            anchor_seen = True
        checked += 1
        expected_seq, prev = fields["seq"] + 1, fields["hash"]
    if not anchor_seen:
        assert anchor is not None
        return VerifyResult(False, checked, anchor[0], f"anchored row {anchor[0]} is missing: the tail was cut",
                            expected_seq - 1, prev)
    return VerifyResult(True, checked, None, "chain intact", expected_seq - 1 if checked else 0, prev)


def _broken_link(fields: Mapping[str, Any], expected_seq: int, prev: str) -> str | None:
    seq = fields["seq"]
    if seq != expected_seq:
        missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
        return f"row(s) {missing} missing before seq {seq}" if seq > expected_seq else \
            f"seq {seq} out of order (expected {expected_seq})"
    if fields["prev_hash"] != prev:
        return f"prev_hash does not match the hash of row {seq - 1}" if seq > 1 else \
            "first row does not start from the genesis hash"
    if row_hash(fields["prev_hash"], fields) != fields["hash"]:
        return "row content does not match its hash (edited after it was written)"
    return None


# ---------------------------------------------------------------------------- append-only

def append_only_ddl(table_name: str = DEFAULT_TABLE_NAME, dialect: str = "postgresql") -> list[str]:
    """Statements a migration runs to make the table refuse UPDATE, DELETE and
    TRUNCATE (`for s in append_only_ddl(): op.execute(s)`). A superuser can
    still disable the trigger; the hash chain is what catches that."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table_name}_no_{verb.lower()} BEFORE {verb} ON {table_name} "
                f"BEGIN SELECT RAISE(ABORT, '{table_name} is append-only'); END" for verb in ("UPDATE", "DELETE")]
    if dialect != "postgresql":
        raise ValueError(f"no append-only DDL for dialect {dialect!r}")
    function = f"{table_name}_refuse_change"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{table_name} is append-only: % refused', TG_OP "
        f"USING ERRCODE = 'insufficient_privilege'; END $$",
        f"DROP TRIGGER IF EXISTS {table_name}_append_only ON {table_name}",
        f"CREATE TRIGGER {table_name}_append_only BEFORE UPDATE OR DELETE ON {table_name} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"DROP TRIGGER IF EXISTS {table_name}_no_truncate ON {table_name}",
        f"CREATE TRIGGER {table_name}_no_truncate BEFORE TRUNCATE ON {table_name} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def make_append_only(connection: Connection, table: Table) -> None:
    for statement in append_only_ddl(table.name, connection.dialect.name):
        connection.execute(text(statement))


# ---------------------------------------------------------------------------- command line

def main(argv: Sequence[str] | None = None) -> int:
    from chassis.db import make_engine

    parser = argparse.ArgumentParser(prog="python -m chassis.security.audit",
                                     description="Check a service's hash-chained audit trail.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("verify", help="walk the chain and name the first broken link")
    check.add_argument("--database-url", required=True, help="the service's database (SQLAlchemy URL)")
    check.add_argument("--table", default=DEFAULT_TABLE_NAME)
    check.add_argument("--anchor", help="SEQ:HASH recorded earlier, to detect a cut tail")
    args = parser.parse_args(argv)
    anchor = _parse_anchor(parser, args.anchor)
    engine = make_engine(args.database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            result = verify(connection, audit_table(MetaData(), args.table), anchor)
    finally:
        engine.dispose()
    if result.ok:
        print(f"ok: {result.checked} rows verified; head seq {result.head_seq} hash {result.head_hash}")
        return 0
    print(f"BROKEN at seq {result.first_broken_seq}: {result.reason} "
          f"({result.checked} rows before it verified)", file=sys.stderr)
    return 1


def _parse_anchor(parser: argparse.ArgumentParser, value: str | None) -> tuple[int, str] | None:
    if not value:
        return None
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        parser.error("--anchor must read SEQ:HASH (a 64-character hex hash)")
    return int(seq), digest


if __name__ == "__main__":
    sys.exit(main())
