"""One function per command. Each runs in one unit of work; the ones that move
money run through `idempotent`, so a retried call returns the first result."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError

from chassis.errors import FailedPrecondition, NotFound
from chassis.security.tokens import Principal

from funds.adapters.repository import AccountSpec
from funds.domain import collective_income, commands, events, figures, idempotency, ledger, model
from funds.service_layer.security import entry, gate
from funds.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
UowFactory = Callable[[], UnitOfWork]
R = TypeVar("R")


def utc_now() -> datetime:
    return datetime.now(UTC)


def idempotent(command: commands.Command, new_uow: UowFactory, result_type: type[R],
               work: Callable[[UnitOfWork], R], clock: Clock = utc_now) -> R:
    """Runs `work` once per idempotency key. The key row is written first, in
    the same transaction as the movement: a concurrent retry waits on it and then
    finds the stored result; a failed call leaves no key behind (a retry is
    judged afresh, e.g. once money has arrived)."""
    key: str = getattr(command, "idempotency_key", "")
    if not key or len(key) > model.MAX_KEY or not model.KEY.match(key):
        # A key the command's own checks refuse is never looked up or stored
        # (it may not fit the column): the work raises, listing every problem.
        with new_uow() as uow:
            result = work(uow)
            uow.commit()
        return result
    operation, fingerprint = idempotency.operation_of(command), idempotency.fingerprint(command)
    for _attempt in range(3):
        with new_uow() as uow:
            stored = uow.funds.find_key(key)
            if stored is not None:
                if (stored.operation, stored.fingerprint) != (operation, fingerprint):
                    raise idempotency.KeyReused(key, stored.operation, operation)
                return result_type(**json.loads(stored.result))
            try:
                uow.funds.claim_key(key, operation, fingerprint, clock())
            except IntegrityError:
                continue  # a concurrent call with this key committed first: read its result
            result = work(uow)
            uow.funds.store_result(key, json.dumps(asdict(result)))  # type: ignore[call-overload]
            uow.commit()
            return result
    raise FailedPrecondition(f"idempotency key {key!r} is being used by a concurrent call; retry")


def _post(uow: UnitOfWork, transaction: ledger.Transaction, occurred_at: datetime, village_code: str | None,
          clock: Clock) -> dict[str, int]:
    balances = uow.funds.lock_balances(transaction.accounts)
    after = ledger.post(balances, transaction)
    uow.funds.record(transaction, after, occurred_at, village_code, clock())
    return after


def _not_before(moment: datetime, earlier: datetime, what: str, field: str) -> None:
    if moment < earlier:
        raise FailedPrecondition(f"{field} {model.rfc3339(moment)} is before {what} ({model.rfc3339(earlier)})")


def create_source(command: commands.CreateSource, new_uow: UowFactory, clock: Clock = utc_now) -> figures.SourceView:
    gate(command.actor, "funds.source.create", None)

    def work(uow: UnitOfWork) -> figures.SourceView:
        source = model.new_source(command, clock())
        uow.funds.add_source(source)
        view = uow.funds.source_views(source.id)[0]
        uow.audit(entry(command.actor, "funds.source.create", "source", source.id, None, None, view))
        return view
    return idempotent(command, new_uow, figures.SourceView, work, clock)


def record_receipt(command: commands.RecordReceipt, new_uow: UowFactory, clock: Clock = utc_now) -> figures.Receipt:
    gate(command.actor, "funds.receipt.record", None)

    def work(uow: UnitOfWork) -> figures.Receipt:
        received_at = model.check_receipt(command, clock())
        source = uow.funds.get_source(command.source_id)
        if source is None:
            raise NotFound(f"source {command.source_id} not found")
        tx_id = model.new_id()
        tx = ledger.transfer(tx_id, "receipt", source.id, ledger.contributed_account(source.id),
                             ledger.source_account(source.id), command.amount_fen)
        after = _post(uow, tx, received_at, None, clock)
        uow.funds.add_receipt(tx_id, source.id, command.amount_fen, received_at, command.note.strip())
        receipt = figures.Receipt(tx_id, source.id, command.amount_fen, model.rfc3339(received_at),
                                  after[ledger.source_account(source.id)])
        uow.audit(entry(command.actor, "funds.receipt.record", "source", source.id, None,
                        {"balance_fen": after[ledger.source_account(source.id)] - command.amount_fen}, receipt))
        return receipt
    return idempotent(command, new_uow, figures.Receipt, work, clock)


def allocate_funds(command: commands.AllocateFunds, new_uow: UowFactory,
                   clock: Clock = utc_now) -> figures.AllocationView:
    gate(command.actor, "funds.allocate", command.village_code.strip())

    def work(uow: UnitOfWork) -> figures.AllocationView:
        model.new_allocation(command, None, clock())  # every shape problem first, before lookups
        source = uow.funds.get_source(command.source_id)
        if source is None:
            raise NotFound(f"source {command.source_id} not found")
        allocation = model.new_allocation(command, source, clock())
        tx = ledger.transfer(model.new_id(), "allocation", allocation.id, ledger.source_account(source.id),
                             ledger.allocation_account(allocation.id), allocation.amount_fen)
        uow.funds.add_allocation(allocation, tx.id)
        after = _post(uow, tx, allocation.allocated_at, allocation.village.village, clock)
        uow.record(events.FundsAllocated(
            allocation.id, source.id, source.kind, source.unit_id, allocation.village, allocation.amount_fen,
            allocation.year, allocation.allocated_at))
        view = uow.funds.allocation_views(allocation.id)[0]
        uow.audit(entry(command.actor, "funds.allocate", "allocation", allocation.id, allocation.village.village,
                        {"source_balance_fen": after[ledger.source_account(source.id)] + allocation.amount_fen},
                        view))
        return view
    return idempotent(command, new_uow, figures.AllocationView, work, clock)


def create_project(command: commands.CreateProject, new_uow: UowFactory,
                   clock: Clock = utc_now) -> figures.ProjectView:
    gate(command.actor, "funds.project.create", command.village_code.strip())

    def work(uow: UnitOfWork) -> figures.ProjectView:
        project = model.new_project(command, clock())
        uow.funds.add_project(project)
        uow.record(events.ProjectCreated(
            project.id, project.village, project.type, project.subtype, project.budget_fen,
            project.poor_households, project.non_poor_households, project.created_at))
        view = uow.funds.project_views(project.id)[0]
        uow.audit(entry(command.actor, "funds.project.create", "project", project.id, project.village.village,
                        None, view))
        return view
    return idempotent(command, new_uow, figures.ProjectView, work, clock)


def _open_project(uow: UnitOfWork, project_id: str, actor: Principal | None, action: str) -> model.Project:
    """The project, locked, once the caller may act on it: commitments,
    reversals and completion of one project take turns (disbursements do not
    need to, see `disburse`)."""
    project = uow.funds.get_project(project_id, lock=True) if model.is_uuid(project_id) else None
    gate(actor, action, project.village.village if project else None)
    if project is None:
        raise NotFound(f"project {project_id} not found")
    if project.completed:
        raise FailedPrecondition(f"project {project_id} was completed at {model.rfc3339(project.completed_at)}; "  # type: ignore[arg-type]
                                 "its accounts are closed")
    return project


def _allocation(uow: UnitOfWork, allocation_id: str, actor: Principal | None, action: str) -> model.Allocation:
    allocation = uow.funds.get_allocation(allocation_id) if model.is_uuid(allocation_id) else None
    gate(actor, action, allocation.village.village if allocation else None)
    if allocation is None:
        raise NotFound(f"allocation {allocation_id} not found")
    return allocation


def commit_funds(command: commands.CommitFunds, new_uow: UowFactory, clock: Clock = utc_now) -> figures.Commitment:
    def work(uow: UnitOfWork) -> figures.Commitment:
        committed_at = model.check_commitment(command, clock())
        project = _open_project(uow, command.project_id, command.actor, "funds.commit")
        allocation = _allocation(uow, command.allocation_id, command.actor, "funds.commit")
        if allocation.village != project.village:
            raise FailedPrecondition(f"allocation {allocation.id} is for village {allocation.village.village}, "
                                     f"project {project.id} is in village {project.village.village}")
        _not_before(committed_at, allocation.allocated_at, "the allocation", "committed_at")
        standing = uow.funds.project_committed_fen(project.id)
        if standing + command.amount_fen > project.budget_fen:
            raise FailedPrecondition(f"project {project.id} has a budget of {project.budget_fen} fen and "
                                     f"{standing} fen committed; {command.amount_fen} fen more would exceed it")
        uow.funds.ensure_accounts([
            _project_account(ledger.commitment_account(allocation.id, project.id), allocation, project.id),
            _project_account(ledger.paid_account(allocation.id, project.id), allocation, project.id)])
        commitment_id = model.new_id()
        tx = ledger.transfer(model.new_id(), "commitment", commitment_id, ledger.allocation_account(allocation.id),
                             ledger.commitment_account(allocation.id, project.id), command.amount_fen)
        after = _post(uow, tx, committed_at, project.village.village, clock)
        uow.funds.add_commitment(commitment_id, tx.id, allocation.id, project.id, command.amount_fen, committed_at)
        uow.record(events.FundsCommitted(commitment_id, allocation.id, project.id, project.village,
                                         command.amount_fen, committed_at))
        commitment = figures.Commitment(commitment_id, tx.id, allocation.id, project.id, command.amount_fen,
                                        model.rfc3339(committed_at), after[ledger.allocation_account(allocation.id)])
        uow.audit(entry(command.actor, "funds.commit", "project", project.id, project.village.village,
                        {"committed_fen": standing}, commitment))
        return commitment
    return idempotent(command, new_uow, figures.Commitment, work, clock)


def _project_account(account: str, allocation: model.Allocation, project_id: str) -> AccountSpec:
    return AccountSpec(account, allocation.source_id, allocation.id, project_id, allocation.village.village)


def disburse(command: commands.Disburse, new_uow: UowFactory, clock: Clock = utc_now) -> figures.Payment:
    """Locks only the two accounts of this allocation's commitment to this
    project: payments against one allocation and project take turns, all others
    run in parallel. The project's status is read after the lock, so a
    completion that committed first is seen."""
    def work(uow: UnitOfWork) -> figures.Payment:
        order = model.check_disbursement(command, clock())
        allocation = _allocation(uow, command.allocation_id, command.actor, "funds.disburse")
        commitment = ledger.commitment_account(allocation.id, command.project_id)
        paid = ledger.paid_account(allocation.id, command.project_id)
        if commitment not in uow.funds.existing_accounts([commitment]):
            if uow.funds.get_project(command.project_id) is None:
                raise NotFound(f"project {command.project_id} not found")
            raise FailedPrecondition(f"allocation {allocation.id} has no money committed to project "
                                     f"{command.project_id}; commit funds before disbursing")
        _not_before(order.disbursed_at, allocation.allocated_at, "the allocation", "disbursed_at")
        disbursement = model.Disbursement(model.new_id(), allocation.id, command.project_id, allocation.village,
                                          command.amount_fen, order.recipient_kind, order.recipient_ref,
                                          order.disbursed_at, order.note)
        tx = ledger.transfer(model.new_id(), "disbursement", disbursement.id, commitment, paid, command.amount_fen)
        balances = uow.funds.lock_balances(tx.accounts)
        project = uow.funds.get_project(command.project_id)
        if project is None or project.completed:
            raise FailedPrecondition(f"project {command.project_id} is completed; nothing more can be paid out")
        after = ledger.post(balances, tx)
        uow.funds.record(tx, after, order.disbursed_at, allocation.village.village, clock())
        uow.funds.add_disbursement(disbursement, tx.id)
        uow.record(events.FundsDisbursed(disbursement.id, allocation.id, project.id, allocation.village,
                                         disbursement.amount_fen, disbursement.recipient_kind,
                                         disbursement.disbursed_at))
        payment = figures.Payment(disbursement.id, tx.id, allocation.id, project.id, allocation.village.village,
                                  disbursement.amount_fen, disbursement.recipient_kind.value,
                                  disbursement.recipient_ref, model.rfc3339(disbursement.disbursed_at),
                                  after[commitment])
        uow.audit(entry(command.actor, "funds.disburse", "disbursement", disbursement.id,
                        allocation.village.village, {"committed_unpaid_fen": balances[commitment]}, payment))
        return payment
    return idempotent(command, new_uow, figures.Payment, work, clock)


REVERSE = "funds.disbursement.reverse"


def reverse_disbursement(command: commands.ReverseDisbursement, new_uow: UowFactory,
                         clock: Clock = utc_now) -> figures.Reversal:
    def work(uow: UnitOfWork) -> figures.Reversal:
        reason, reversed_at = model.check_reversal(command, clock())
        found = uow.funds.get_disbursement(command.disbursement_id) if model.is_uuid(command.disbursement_id) \
            else None
        gate(command.actor, REVERSE, found.village.village if found else None)
        if found is None:
            raise NotFound(f"disbursement {command.disbursement_id} not found")
        _open_project(uow, found.project_id, command.actor, REVERSE)
        disbursement = uow.funds.get_disbursement(found.id, lock=True)
        assert disbursement is not None
        if disbursement.reversal_id:
            raise FailedPrecondition(f"disbursement {disbursement.id} was already reversed "
                                     f"(reversal {disbursement.reversal_id})")
        _not_before(reversed_at, disbursement.disbursed_at, "the disbursement", "reversed_at")
        reversal_id = model.new_id()
        tx = ledger.transfer(model.new_id(), "reversal", reversal_id,
                             ledger.paid_account(disbursement.allocation_id, disbursement.project_id),
                             ledger.commitment_account(disbursement.allocation_id, disbursement.project_id),
                             disbursement.amount_fen)
        _post(uow, tx, reversed_at, disbursement.village.village, clock)
        reversal = figures.Reversal(reversal_id, tx.id, disbursement.id, disbursement.allocation_id,
                                    disbursement.project_id, disbursement.amount_fen, reason,
                                    model.rfc3339(reversed_at))
        uow.funds.add_reversal(reversal, reversed_at)
        uow.audit(entry(command.actor, REVERSE, "disbursement", disbursement.id, disbursement.village.village,
                        {"reversal_id": None}, reversal))
        uow.record(events.DisbursementReversed(reversal_id, disbursement.id, disbursement.allocation_id,
                                               disbursement.village, disbursement.amount_fen, reason, reversed_at))
        return reversal
    return idempotent(command, new_uow, figures.Reversal, work, clock)


def complete_project(command: commands.CompleteProject, new_uow: UowFactory,
                     clock: Clock = utc_now) -> figures.ProjectView:
    """Closes the project: what is still committed and unpaid goes back to its
    allocations (one balanced release per allocation), so it can fund other work."""
    def work(uow: UnitOfWork) -> figures.ProjectView:
        completed_at = model.check_completion(command, clock())
        project = _open_project(uow, command.project_id, command.actor, "funds.project.complete")
        _not_before(completed_at, project.created_at, "the project's creation", "completed_at")
        committed = uow.funds.project_accounts(project.id)
        locked = [ledger.allocation_account(a) for _, a in committed] + [c for c, _ in committed] + [
            ledger.paid_account(a, project.id) for _, a in committed]
        balances = uow.funds.lock_balances(locked)
        released = 0
        for commitment, allocation_id in committed:
            remaining = balances[commitment]
            if remaining > 0:
                tx = ledger.transfer(model.new_id(), "release", project.id, commitment,
                                     ledger.allocation_account(allocation_id), remaining)
                after = ledger.post(balances, tx)
                balances.update(after)
                uow.funds.record(tx, after, completed_at, project.village.village, clock())
                released += remaining
        spent = sum(balances[ledger.paid_account(a, project.id)] for _, a in committed)
        uow.funds.mark_completed(project.id, completed_at, spent, released)
        uow.record(events.ProjectCompleted(project.id, project.village, spent, released, project.budget_fen,
                                           completed_at))
        view = uow.funds.project_views(project.id)[0]
        uow.audit(entry(command.actor, "funds.project.complete", "project", project.id, project.village.village,
                        {"completed": False}, view))
        return view
    return idempotent(command, new_uow, figures.ProjectView, work, clock)


RECORD_COLLECTIVE_INCOME = "funds.collective_income.record"


def record_collective_income(command: commands.RecordCollectiveIncome, new_uow: UowFactory,
                             clock: Clock = utc_now) -> collective_income.RecordView:
    """Records a village collective's income for a year, or corrects the figure
    in force with the next revision; either way the assessment hears of it."""
    gate(command.actor, RECORD_COLLECTIVE_INCOME, command.village_code.strip())

    def work(uow: UnitOfWork) -> collective_income.RecordView:
        report = collective_income.check_report(command, clock())
        village = report.village.village
        uow.funds.lock_collective_year(village, report.year)
        if not command.recorded_at:
            # "Now" is read once it is this record's turn: reports of one year
            # sent at the same moment then line up in the order they commit.
            report = replace(report, recorded_at=clock())
        current = uow.funds.collective_income_in_force(village, report.year)
        record = collective_income.supersede(current, report, model.new_id())
        uow.funds.add_collective_income(record)
        uow.record(events.CollectiveIncomeRecorded(record.id, record.village, record.year, record.amount_fen,
                                                   record.recorded_at))
        view = collective_income.view_of(record)
        uow.audit(entry(command.actor, RECORD_COLLECTIVE_INCOME, "collective_income", record.id, village,
                        asdict(collective_income.view_of(current)) if current else None, view))
        return view
    return idempotent(command, new_uow, collective_income.RecordView, work, clock)


HANDLERS: dict[type, Callable[..., Any]] = {
    commands.CreateSource: create_source,
    commands.RecordReceipt: record_receipt,
    commands.AllocateFunds: allocate_funds,
    commands.CreateProject: create_project,
    commands.CommitFunds: commit_funds,
    commands.Disburse: disburse,
    commands.ReverseDisbursement: reverse_disbursement,
    commands.CompleteProject: complete_project,
    commands.RecordCollectiveIncome: record_collective_income,
}
