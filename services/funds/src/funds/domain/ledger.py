"""The double-entry ledger, pure: accounts, balanced transactions and the one
rule that posts them. The PostgreSQL adapter and the in-memory `Ledger` both
post through `post`, so the property tests exercise the rule the service runs.

Sign convention: a balance is the money an account holds. Moving money from A
to B writes A -x and B +x, so every transaction sums to zero and the sum of all
balances is always zero. Only a source's *contributed* account (the outside
world's side of every receipt) holds a negative balance: minus what came in."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from chassis.errors import FailedPrecondition


class AccountKind(str, Enum):
    CONTRIBUTED = "contributed"  # -(money a source received)
    SOURCE = "source"            # a source's money not yet allocated
    ALLOCATION = "allocation"    # a village allocation not yet committed
    COMMITMENT = "commitment"    # an allocation's money earmarked for a project
    PAID = "paid"                # paid out of an allocation for a project


MAY_GO_NEGATIVE = frozenset({AccountKind.CONTRIBUTED})


def contributed_account(source_id: str) -> str:
    return f"contributed:{source_id}"


def source_account(source_id: str) -> str:
    return f"source:{source_id}"


def allocation_account(allocation_id: str) -> str:
    return f"allocation:{allocation_id}"


def commitment_account(allocation_id: str, project_id: str) -> str:
    return f"commitment:{allocation_id}:{project_id}"


def paid_account(allocation_id: str, project_id: str) -> str:
    return f"paid:{allocation_id}:{project_id}"


def kind_of(account: str) -> AccountKind:
    return AccountKind(account.split(":", 1)[0])


def describe(account: str) -> str:
    kind, _, rest = account.partition(":")
    if kind in ("commitment", "paid"):
        allocation, _, project = rest.partition(":")
        what = "commitment" if kind == "commitment" else "paid-out account"
        return f"the {what} of allocation {allocation} to project {project}"
    return {"contributed": "the contributions of source", "source": "the unallocated funds of source",
            "allocation": "the uncommitted funds of allocation"}[kind] + f" {rest}"


class Overdraft(FailedPrecondition):
    """A transaction would take an account below zero; nothing was posted."""

    def __init__(self, account: str, balance: int, asked: int) -> None:
        super().__init__(f"{describe(account)} holds {balance} fen; moving {asked} fen out of it would "
                         f"overspend it by {asked - balance} fen")
        self.account = account
        self.balance = balance
        self.asked = asked


@dataclass(frozen=True)
class Line:
    account: str
    amount_fen: int


@dataclass(frozen=True)
class Transaction:
    id: str
    kind: str  # receipt, allocation, commitment, release, disbursement, reversal
    reference: str  # the id of the receipt, allocation, commitment... it records
    lines: tuple[Line, ...]

    @property
    def accounts(self) -> list[str]:
        return sorted({line.account for line in self.lines})


def transfer(transaction_id: str, kind: str, reference: str, from_account: str, to_account: str,
             amount_fen: int) -> Transaction:
    return Transaction(id=transaction_id, kind=kind, reference=reference,
                       lines=(Line(from_account, -amount_fen), Line(to_account, amount_fen)))


class Unbalanced(ValueError):
    """A programming error: a transaction whose lines do not sum to zero."""


def post(balances: Mapping[str, int], transaction: Transaction) -> dict[str, int]:
    """The balances of the accounts the transaction touches, after it. Raises
    Overdraft (and changes nothing) if any account that must stay >= 0 would not."""
    if not transaction.lines or sum(line.amount_fen for line in transaction.lines) != 0:
        raise Unbalanced(f"transaction {transaction.id} does not balance")
    if any(type(line.amount_fen) is not int or line.amount_fen == 0 for line in transaction.lines):
        raise Unbalanced(f"transaction {transaction.id} has a zero or non-integer line")
    after = {account: balances.get(account, 0) for account in transaction.accounts}
    for line in transaction.lines:
        after[line.account] += line.amount_fen
    for account, value in after.items():
        if value < 0 and kind_of(account) not in MAY_GO_NEGATIVE:
            before = balances.get(account, 0)
            raise Overdraft(account, before, before - value)
    return after


@dataclass
class Ledger:
    """Balances and journal in memory: the reference model of the ledger."""

    balances: dict[str, int] = field(default_factory=dict)
    journal: list[Transaction] = field(default_factory=list)

    def post(self, transaction: Transaction) -> dict[str, int]:
        after = post(self.balances, transaction)
        self.balances.update(after)
        self.journal.append(transaction)
        return after

    def balance(self, account: str) -> int:
        return self.balances.get(account, 0)
