"""The funds service's tables (SQLAlchemy Core). Balances are maintained on the
account rows (locked with SELECT ... FOR UPDATE while a transaction posts) and
guarded by a CHECK constraint as the last line of defence; journal lines keep
every movement, so balances can always be recomputed and audited."""
from __future__ import annotations

from sqlalchemy import (BigInteger, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, UniqueConstraint)

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table
from chassis.security.audit import audit_table

metadata = MetaData()


def _division_columns() -> list[Column]:  # type: ignore[type-arg]
    return [Column(f"{level}_code", String(12), nullable=False)
            for level in ("province", "city", "county", "township", "village")]


sources = Table(
    "sources", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit_id", String(36), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

allocations = Table(
    "allocations", metadata,
    Column("id", String(36), primary_key=True),
    Column("transaction_id", String(36), nullable=False),
    Column("source_id", String(36), ForeignKey("sources.id"), nullable=False),
    Column("source_kind", String(30), nullable=False),
    Column("unit_id", String(36), nullable=False, default=""),
    *_division_columns(),
    Column("amount_fen", BigInteger, nullable=False),
    Column("year", Integer, nullable=False),
    Column("allocated_at", DateTime(timezone=True), nullable=False),
    Column("purpose", String(500), nullable=False, default=""),
    CheckConstraint("amount_fen > 0", name="ck_allocations_amount_positive"),
)
Index("ix_allocations_village", allocations.c.village_code)
Index("ix_allocations_county", allocations.c.county_code)
Index("ix_allocations_source", allocations.c.source_id)

projects = Table(
    "projects", metadata,
    Column("id", String(36), primary_key=True),
    *_division_columns(),
    Column("type", String(30), nullable=False),
    Column("subtype", String(50), nullable=False, default=""),
    Column("name", String(200), nullable=False),
    Column("budget_fen", BigInteger, nullable=False),
    Column("poor_households", Integer, nullable=False),
    Column("non_poor_households", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("completed_at", DateTime(timezone=True), nullable=True),
    Column("spent_fen", BigInteger, nullable=True),
    Column("released_fen", BigInteger, nullable=False, default=0),
    CheckConstraint("budget_fen > 0", name="ck_projects_budget_positive"),
)
Index("ix_projects_village", projects.c.village_code)

receipts = Table(
    "receipts", metadata,
    Column("transaction_id", String(36), primary_key=True),
    Column("source_id", String(36), ForeignKey("sources.id"), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("note", String(500), nullable=False, default=""),
)

commitments = Table(
    "commitments", metadata,
    Column("id", String(36), primary_key=True),
    Column("transaction_id", String(36), nullable=False),
    Column("allocation_id", String(36), ForeignKey("allocations.id"), nullable=False),
    Column("project_id", String(36), ForeignKey("projects.id"), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("committed_at", DateTime(timezone=True), nullable=False),
)
Index("ix_commitments_project", commitments.c.project_id)

disbursements = Table(
    "disbursements", metadata,
    Column("id", String(36), primary_key=True),
    Column("transaction_id", String(36), nullable=False),
    Column("allocation_id", String(36), ForeignKey("allocations.id"), nullable=False),
    Column("project_id", String(36), ForeignKey("projects.id"), nullable=False),
    Column("village_code", String(12), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("recipient_kind", String(20), nullable=False),
    Column("recipient_ref", String(200), nullable=False),
    Column("note", String(500), nullable=False, default=""),
    Column("disbursed_at", DateTime(timezone=True), nullable=False),
    Column("reversal_id", String(36), nullable=True),
)
Index("ix_disbursements_allocation", disbursements.c.allocation_id)

reversals = Table(
    "reversals", metadata,
    Column("id", String(36), primary_key=True),
    Column("transaction_id", String(36), nullable=False),
    Column("disbursement_id", String(36), ForeignKey("disbursements.id"), nullable=False, unique=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("reason", String(500), nullable=False),
    Column("reversed_at", DateTime(timezone=True), nullable=False),
)

accounts = Table(
    "accounts", metadata,
    Column("id", String(100), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("source_id", String(36), nullable=False),
    Column("allocation_id", String(36), nullable=True),
    Column("project_id", String(36), nullable=True),
    Column("village_code", String(12), nullable=True),
    Column("balance_fen", BigInteger, nullable=False, default=0),
    # Only a source's contributed account (minus what it received) may be negative.
    CheckConstraint("balance_fen >= 0 OR kind = 'contributed'", name="ck_accounts_never_overdrawn"),
)
Index("ix_accounts_allocation", accounts.c.allocation_id)
Index("ix_accounts_project", accounts.c.project_id)

journal_transactions = Table(
    "journal_transactions", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("reference_id", String(36), nullable=False),
    Column("village_code", String(12), nullable=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
Index("ix_journal_transactions_village", journal_transactions.c.village_code)

journal_lines = Table(
    "journal_lines", metadata,
    Column("transaction_id", String(36), ForeignKey("journal_transactions.id"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("account_id", String(100), ForeignKey("accounts.id"), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    CheckConstraint("amount_fen <> 0", name="ck_journal_lines_nonzero"),
)
Index("ix_journal_lines_account", journal_lines.c.account_id)

idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("key", String(128), primary_key=True),
    Column("operation", String(40), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("result", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# A village collective's yearly income as reported: every revision is kept (a
# correction supersedes, never overwrites), at most one row per revision.
collective_incomes = Table(
    "collective_incomes", metadata,
    Column("id", String(36), primary_key=True),
    *_division_columns(),
    Column("year", Integer, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("supersedes_id", String(36), ForeignKey("collective_incomes.id"), nullable=True),
    Column("reported_by", String(200), nullable=False, default=""),
    Column("note", String(500), nullable=False, default=""),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("village_code", "year", "revision", name="uq_collective_incomes_revision"),
    CheckConstraint("amount_fen >= 0", name="ck_collective_incomes_amount_not_negative"),
    CheckConstraint("revision >= 1", name="ck_collective_incomes_revision_positive"),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
# Every money movement and creation: who, what, when, before and after; append-only, hash-chained.
audit_log = audit_table(metadata)
