"""Funds records and the ledger in and out of the database. Balances are read
under row locks (SELECT ... FOR UPDATE, sorted by account id so two
transactions never wait on each other in a cycle); on SQLite the unit of work
holds the database's single write lock instead (BEGIN IMMEDIATE)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from funds.adapters import orm
from funds.domain import collective_income, figures, ledger, model
from funds.domain.divisions import DivisionPath, level_of
from funds.domain.vocabulary import ProjectType, RecipientKind, SourceKind


def utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _path(row: Row[Any]) -> DivisionPath:
    return DivisionPath(row.province_code, row.city_code, row.county_code, row.township_code, row.village_code)


def _division_values(path: DivisionPath) -> dict[str, str]:
    return {"province_code": path.province, "city_code": path.city, "county_code": path.county,
            "township_code": path.township, "village_code": path.village}


def _lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for a name (Python's hash() is salted per process)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _income_record(row: Row[Any]) -> collective_income.Record:
    return collective_income.Record(row.id, _path(row), row.year, row.amount_fen, row.revision, row.supersedes_id,
                                    row.reported_by, row.note, utc(row.recorded_at))  # type: ignore[arg-type]


@dataclass(frozen=True)
class AccountSpec:
    id: str
    source_id: str
    allocation_id: str | None = None
    project_id: str | None = None
    village_code: str | None = None


class FundsRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # --- sources ---
    def add_source(self, source: model.Source) -> None:
        self.connection.execute(orm.sources.insert().values(
            id=source.id, kind=source.kind.value, name=source.name, unit_id=source.unit_id,
            created_at=source.created_at))
        self.ensure_accounts([AccountSpec(ledger.contributed_account(source.id), source.id),
                              AccountSpec(ledger.source_account(source.id), source.id)])

    def get_source(self, source_id: str) -> model.Source | None:
        row = self.connection.execute(select(orm.sources).where(orm.sources.c.id == source_id)).first()
        if row is None:
            return None
        return model.Source(row.id, SourceKind(row.kind), row.name, row.unit_id, utc(row.created_at))  # type: ignore[arg-type]

    def add_receipt(self, transaction_id: str, source_id: str, amount_fen: int, received_at: datetime,
                    note: str) -> None:
        self.connection.execute(orm.receipts.insert().values(
            transaction_id=transaction_id, source_id=source_id, amount_fen=amount_fen, received_at=received_at,
            note=note))

    # --- allocations ---
    def add_allocation(self, allocation: model.Allocation, transaction_id: str) -> None:
        self.connection.execute(orm.allocations.insert().values(
            id=allocation.id, transaction_id=transaction_id, source_id=allocation.source_id,
            source_kind=allocation.source_kind.value, unit_id=allocation.unit_id,
            **_division_values(allocation.village), amount_fen=allocation.amount_fen, year=allocation.year,
            allocated_at=allocation.allocated_at, purpose=allocation.purpose))
        self.ensure_accounts([AccountSpec(ledger.allocation_account(allocation.id), allocation.source_id,
                                          allocation.id, None, allocation.village.village)])

    def get_allocation(self, allocation_id: str) -> model.Allocation | None:
        row = self.connection.execute(
            select(orm.allocations).where(orm.allocations.c.id == allocation_id)).first()
        if row is None:
            return None
        return model.Allocation(row.id, row.source_id, SourceKind(row.source_kind), row.unit_id, _path(row),
                                row.amount_fen, row.year, utc(row.allocated_at), row.purpose)  # type: ignore[arg-type]

    # --- projects ---
    def add_project(self, project: model.Project) -> None:
        self.connection.execute(orm.projects.insert().values(
            id=project.id, **_division_values(project.village), type=project.type.value, subtype=project.subtype,
            name=project.name, budget_fen=project.budget_fen, poor_households=project.poor_households,
            non_poor_households=project.non_poor_households, created_at=project.created_at, released_fen=0))

    def get_project(self, project_id: str, lock: bool = False) -> model.Project | None:
        query = select(orm.projects).where(orm.projects.c.id == project_id)
        row = self.connection.execute(query.with_for_update() if lock else query).first()
        if row is None:
            return None
        return model.Project(row.id, _path(row), ProjectType(row.type), row.subtype, row.name, row.budget_fen,
                             row.poor_households, row.non_poor_households, utc(row.created_at),  # type: ignore[arg-type]
                             utc(row.completed_at))

    def mark_completed(self, project_id: str, completed_at: datetime, spent_fen: int, released_fen: int) -> None:
        self.connection.execute(update(orm.projects).where(orm.projects.c.id == project_id).values(
            completed_at=completed_at, spent_fen=spent_fen, released_fen=released_fen))

    def add_commitment(self, commitment_id: str, transaction_id: str, allocation_id: str, project_id: str,
                       amount_fen: int, committed_at: datetime) -> None:
        self.connection.execute(orm.commitments.insert().values(
            id=commitment_id, transaction_id=transaction_id, allocation_id=allocation_id, project_id=project_id,
            amount_fen=amount_fen, committed_at=committed_at))

    # --- disbursements ---
    def add_disbursement(self, disbursement: model.Disbursement, transaction_id: str) -> None:
        d = disbursement
        self.connection.execute(orm.disbursements.insert().values(
            id=d.id, transaction_id=transaction_id, allocation_id=d.allocation_id, project_id=d.project_id,
            village_code=d.village.village, amount_fen=d.amount_fen, recipient_kind=d.recipient_kind.value,
            recipient_ref=d.recipient_ref, note=d.note, disbursed_at=d.disbursed_at))

    def get_disbursement(self, disbursement_id: str, lock: bool = False) -> model.Disbursement | None:
        query = (select(orm.disbursements, orm.allocations.c.province_code, orm.allocations.c.city_code,
                        orm.allocations.c.county_code, orm.allocations.c.township_code)
                 .join(orm.allocations, orm.allocations.c.id == orm.disbursements.c.allocation_id)
                 .where(orm.disbursements.c.id == disbursement_id))
        row = self.connection.execute(query.with_for_update(of=orm.disbursements) if lock else query).first()
        if row is None:
            return None
        return model.Disbursement(row.id, row.allocation_id, row.project_id, _path(row), row.amount_fen,
                                  RecipientKind(row.recipient_kind), row.recipient_ref,
                                  utc(row.disbursed_at), row.note, row.reversal_id)  # type: ignore[arg-type]

    def add_reversal(self, reversal: figures.Reversal, reversed_at: datetime) -> None:
        self.connection.execute(orm.reversals.insert().values(
            id=reversal.reversal_id, transaction_id=reversal.transaction_id,
            disbursement_id=reversal.disbursement_id, amount_fen=reversal.amount_fen, reason=reversal.reason,
            reversed_at=reversed_at))
        self.connection.execute(update(orm.disbursements).where(
            orm.disbursements.c.id == reversal.disbursement_id).values(reversal_id=reversal.reversal_id))

    # --- collective income ---
    def lock_collective_year(self, village_code: str, year: int) -> None:
        """Makes records of one village and year take turns, so two concurrent
        corrections cannot both claim the next revision (even the first, which
        has no row to lock yet). SQLite: the unit of work's BEGIN IMMEDIATE."""
        if self.connection.dialect.name == "postgresql":
            key = _lock_key(f"collective-income:{village_code}:{year}")
            self.connection.execute(select(func.pg_advisory_xact_lock(key)))

    def collective_income_in_force(self, village_code: str, year: int) -> collective_income.Record | None:
        ci = orm.collective_incomes
        row = self.connection.execute(select(ci).where(ci.c.village_code == village_code, ci.c.year == year)
                                      .order_by(ci.c.revision.desc()).limit(1)).first()
        return _income_record(row) if row is not None else None

    def add_collective_income(self, record: collective_income.Record) -> None:
        self.connection.execute(orm.collective_incomes.insert().values(
            id=record.id, **_division_values(record.village), year=record.year, amount_fen=record.amount_fen,
            revision=record.revision, supersedes_id=record.supersedes_id, reported_by=record.reported_by,
            note=record.note, recorded_at=record.recorded_at))

    def collective_incomes(self, village_code: str) -> list[collective_income.Record]:
        ci = orm.collective_incomes
        rows = self.connection.execute(select(ci).where(ci.c.village_code == village_code)
                                       .order_by(ci.c.year, ci.c.revision)).all()
        return [_income_record(row) for row in rows]

    # --- ledger ---
    def ensure_accounts(self, specs: Iterable[AccountSpec]) -> None:
        rows = [{"id": s.id, "kind": ledger.kind_of(s.id).value, "source_id": s.source_id,
                 "allocation_id": s.allocation_id, "project_id": s.project_id, "village_code": s.village_code,
                 "balance_fen": 0} for s in specs]
        if not rows:
            return
        dialect = postgresql if self.connection.dialect.name == "postgresql" else sqlite
        # Two first commitments to one project may race to create its accounts.
        self.connection.execute(dialect.insert(orm.accounts).on_conflict_do_nothing(index_elements=["id"]), rows)

    def existing_accounts(self, account_ids: Iterable[str]) -> set[str]:
        ids = list(account_ids)
        return set(self.connection.execute(select(orm.accounts.c.id).where(orm.accounts.c.id.in_(ids))).scalars())

    def lock_balances(self, account_ids: Iterable[str]) -> dict[str, int]:
        """Current balances, each row locked until the transaction ends."""
        ids = sorted(set(account_ids))
        rows = self.connection.execute(
            select(orm.accounts.c.id, orm.accounts.c.balance_fen).where(orm.accounts.c.id.in_(ids))
            .order_by(orm.accounts.c.id).with_for_update()).all()
        return {row.id: row.balance_fen for row in rows}

    def project_accounts(self, project_id: str) -> list[tuple[str, str]]:
        """(commitment account, allocation id) of every allocation committed to a project."""
        rows = self.connection.execute(select(orm.accounts.c.id, orm.accounts.c.allocation_id).where(
            orm.accounts.c.project_id == project_id, orm.accounts.c.kind == ledger.AccountKind.COMMITMENT.value)
            .order_by(orm.accounts.c.id)).all()
        return [(row.id, row.allocation_id) for row in rows]

    def project_committed_fen(self, project_id: str) -> int:
        """Committed and still standing: what sits in its commitments plus what was paid out."""
        return int(self.connection.execute(select(func.coalesce(func.sum(orm.accounts.c.balance_fen), 0)).where(
            orm.accounts.c.project_id == project_id)).scalar_one())

    def record(self, transaction: ledger.Transaction, after: dict[str, int], occurred_at: datetime,
               village_code: str | None, recorded_at: datetime) -> None:
        """Journal the transaction and write the balances `ledger.post` computed
        (under the locks taken by lock_balances)."""
        self.connection.execute(orm.journal_transactions.insert().values(
            id=transaction.id, kind=transaction.kind, reference_id=transaction.reference,
            village_code=village_code, occurred_at=occurred_at, recorded_at=recorded_at))
        self.connection.execute(orm.journal_lines.insert(), [
            {"transaction_id": transaction.id, "line_no": n, "account_id": line.account,
             "amount_fen": line.amount_fen} for n, line in enumerate(transaction.lines)])
        for account, balance in after.items():
            self.connection.execute(update(orm.accounts).where(orm.accounts.c.id == account)
                                    .values(balance_fen=balance))

    # --- idempotency ---
    def find_key(self, key: str) -> Row[Any] | None:
        return self.connection.execute(
            select(orm.idempotency_keys).where(orm.idempotency_keys.c.key == key)).first()

    def claim_key(self, key: str, operation: str, fingerprint: str, now: datetime) -> None:
        """Inserted before the work: a concurrent call with the same key waits on
        this row (PostgreSQL) and then fails on the primary key, doing nothing."""
        self.connection.execute(orm.idempotency_keys.insert().values(
            key=key, operation=operation, fingerprint=fingerprint, result="", created_at=now))

    def store_result(self, key: str, result: str) -> None:
        self.connection.execute(update(orm.idempotency_keys).where(orm.idempotency_keys.c.key == key)
                                .values(result=result))

    # --- reads ---
    def source_views(self, source_id: str | None = None) -> list[figures.SourceView]:
        a = orm.accounts
        balance_of = lambda kind: func.coalesce(func.sum(case((a.c.kind == kind, a.c.balance_fen), else_=0)), 0)  # noqa: E731
        sums = (select(a.c.source_id, balance_of("contributed").label("contributed"),
                       balance_of("source").label("unallocated"), balance_of("paid").label("paid"))
                .group_by(a.c.source_id).subquery())
        allocated = (select(orm.allocations.c.source_id, func.sum(orm.allocations.c.amount_fen).label("allocated"))
                     .group_by(orm.allocations.c.source_id).subquery())
        query = (select(orm.sources, sums.c.contributed, sums.c.unallocated, sums.c.paid, allocated.c.allocated)
                 .join(sums, sums.c.source_id == orm.sources.c.id)
                 .outerjoin(allocated, allocated.c.source_id == orm.sources.c.id)
                 .order_by(orm.sources.c.created_at, orm.sources.c.id))
        if source_id is not None:
            query = query.where(orm.sources.c.id == source_id)
        return [figures.SourceView(
            source_id=r.id, kind=r.kind, name=r.name, unit_id=r.unit_id,
            created_at=model.rfc3339(utc(r.created_at)),  # type: ignore[arg-type]
            received_fen=-int(r.contributed), allocated_fen=int(r.allocated or 0),
            unallocated_fen=int(r.unallocated), disbursed_fen=int(r.paid))
            for r in self.connection.execute(query)]

    def allocation_views(self, allocation_id: str | None = None,
                         division_code: str | None = None) -> list[figures.AllocationView]:
        query = select(orm.allocations).order_by(orm.allocations.c.allocated_at, orm.allocations.c.id)
        if allocation_id is not None:
            query = query.where(orm.allocations.c.id == allocation_id)
        if division_code:
            query = query.where(orm.allocations.c[f"{level_of(division_code)}_code"] == division_code)
        rows = self.connection.execute(query).all()
        if not rows:
            return []
        ids = [r.id for r in rows]
        a = orm.accounts
        balances: dict[tuple[str, str], int] = {}
        for r in self.connection.execute(select(a.c.allocation_id, a.c.kind, func.sum(a.c.balance_fen).label("b"))
                                         .where(a.c.allocation_id.in_(ids)).group_by(a.c.allocation_id, a.c.kind)):
            balances[(r.allocation_id, r.kind)] = int(r.b)
        d = orm.disbursements
        last = dict(self.connection.execute(
            select(d.c.allocation_id, func.max(d.c.disbursed_at))
            .where(d.c.allocation_id.in_(ids), d.c.reversal_id.is_(None)).group_by(d.c.allocation_id)).all())
        return [figures.AllocationView(
            allocation_id=r.id, transaction_id=r.transaction_id, source_id=r.source_id, source_kind=r.source_kind,
            village_code=r.village_code, amount_fen=r.amount_fen, year=r.year,
            allocated_at=model.rfc3339(utc(r.allocated_at)), purpose=r.purpose,  # type: ignore[arg-type]
            uncommitted_fen=balances.get((r.id, "allocation"), 0),
            committed_fen=balances.get((r.id, "commitment"), 0), disbursed_fen=balances.get((r.id, "paid"), 0),
            last_disbursed_at=model.rfc3339(utc(last[r.id])) if last.get(r.id) else "")  # type: ignore[arg-type]
            for r in rows]

    def project_views(self, project_id: str | None = None, village_code: str | None = None) -> list[figures.ProjectView]:
        a = orm.accounts
        sums = (select(a.c.project_id,
                       func.sum(a.c.balance_fen).label("committed"),
                       func.sum(case((a.c.kind == "paid", a.c.balance_fen), else_=0)).label("paid"))
                .where(a.c.project_id.is_not(None)).group_by(a.c.project_id).subquery())
        query = (select(orm.projects, sums.c.committed, sums.c.paid)
                 .outerjoin(sums, sums.c.project_id == orm.projects.c.id)
                 .order_by(orm.projects.c.created_at, orm.projects.c.id))
        if project_id is not None:
            query = query.where(orm.projects.c.id == project_id)
        if village_code is not None:
            query = query.where(orm.projects.c.village_code == village_code)
        views = []
        for r in self.connection.execute(query):
            paid = int(r.paid or 0)
            views.append(figures.ProjectView(
                project_id=r.id, village_code=r.village_code, type=r.type, subtype=r.subtype, name=r.name,
                budget_fen=r.budget_fen, poor_households=r.poor_households,
                non_poor_households=r.non_poor_households,
                status=figures.project_status(r.completed_at is not None, paid).value,
                created_at=model.rfc3339(utc(r.created_at)),  # type: ignore[arg-type]
                completed_at=model.rfc3339(utc(r.completed_at)) if r.completed_at else "",  # type: ignore[arg-type]
                committed_fen=int(r.committed or 0), disbursed_fen=paid, released_fen=int(r.released_fen),
                utilisation_basis_points=figures.basis_points(paid, r.budget_fen)))
        return views

    def allocated_by_kind(self, division_code: str | None) -> dict[SourceKind, int]:
        al = orm.allocations
        query = select(al.c.source_kind, func.sum(al.c.amount_fen)).group_by(al.c.source_kind)
        if division_code:
            query = query.where(al.c[f"{level_of(division_code)}_code"] == division_code)
        return {SourceKind(kind): int(total) for kind, total in self.connection.execute(query)}

    def village_ledger(self, village_code: str) -> list[Row[Any]]:
        t, line, acc = orm.journal_transactions, orm.journal_lines, orm.accounts
        d = orm.disbursements
        return self.connection.execute(
            select(t.c.occurred_at, t.c.id.label("transaction_id"), t.c.kind, t.c.reference_id,
                   line.c.line_no, line.c.account_id, acc.c.kind.label("account_kind"), acc.c.source_id,
                   orm.sources.c.kind.label("source_kind"), acc.c.allocation_id, acc.c.project_id,
                   line.c.amount_fen, d.c.recipient_kind, d.c.recipient_ref)
            .join(line, line.c.transaction_id == t.c.id)
            .join(acc, acc.c.id == line.c.account_id)
            .join(orm.sources, orm.sources.c.id == acc.c.source_id)
            .outerjoin(d, and_(t.c.kind == "disbursement", d.c.transaction_id == t.c.id))
            .where(t.c.village_code == village_code)
            .order_by(t.c.occurred_at, t.c.recorded_at, t.c.id, line.c.line_no)).all()
