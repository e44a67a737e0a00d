"""Property tests of the ledger (no I/O): whatever sequence of receipts,
allocations, commitments, releases, disbursements and reversals is tried,
every transaction balances, no account that must stay >= 0 goes below zero,
and money is conserved."""
from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from funds.domain import ledger
from funds.domain.ledger import AccountKind, Ledger, Overdraft

SOURCES = ("s1", "s2")
ALLOCATIONS = {"a1": "s1", "a2": "s1", "a3": "s2"}
PROJECTS = ("p1", "p2")

amounts = st.integers(min_value=1, max_value=1_000_000)
operations = st.one_of(
    st.tuples(st.just("receipt"), st.sampled_from(SOURCES), st.none(), amounts),
    st.tuples(st.just("allocation"), st.sampled_from(sorted(ALLOCATIONS)), st.none(), amounts),
    st.tuples(st.just("commitment"), st.sampled_from(sorted(ALLOCATIONS)), st.sampled_from(PROJECTS), amounts),
    st.tuples(st.just("release"), st.sampled_from(sorted(ALLOCATIONS)), st.sampled_from(PROJECTS), amounts),
    st.tuples(st.just("disbursement"), st.sampled_from(sorted(ALLOCATIONS)), st.sampled_from(PROJECTS), amounts),
    st.tuples(st.just("reversal"), st.sampled_from(sorted(ALLOCATIONS)), st.sampled_from(PROJECTS), amounts),
)


def transaction(n: int, op: tuple[str, str, str | None, int]) -> ledger.Transaction:
    kind, first, project, amount = op
    if kind == "receipt":
        accounts = (ledger.contributed_account(first), ledger.source_account(first))
    elif kind == "allocation":
        accounts = (ledger.source_account(ALLOCATIONS[first]), ledger.allocation_account(first))
    else:
        allocation, commitment = ledger.allocation_account(first), ledger.commitment_account(first, project or "")
        paid = ledger.paid_account(first, project or "")
        accounts = {"commitment": (allocation, commitment), "release": (commitment, allocation),
                    "disbursement": (commitment, paid), "reversal": (paid, commitment)}[kind]
    return ledger.transfer(f"t{n}", kind, first, accounts[0], accounts[1], amount)


def run(ops: list[tuple[str, str, str | None, int]]) -> tuple[Ledger, int]:
    book, rejected = Ledger(), 0
    for n, op in enumerate(ops):
        before = dict(book.balances)
        try:
            book.post(transaction(n, op))
        except Overdraft:
            rejected += 1
            assert book.balances == before, "a rejected transaction changed a balance"
    return book, rejected


@settings(max_examples=150, deadline=None)
@given(st.lists(operations, max_size=60))
def test_every_posted_transaction_balances_to_zero(ops: list[tuple[str, str, str | None, int]]) -> None:
    book, _ = run(ops)
    for tx in book.journal:
        assert sum(line.amount_fen for line in tx.lines) == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(operations, max_size=60))
def test_no_account_that_holds_money_ever_goes_below_zero(ops: list[tuple[str, str, str | None, int]]) -> None:
    book = Ledger()
    for n, op in enumerate(ops):
        try:
            book.post(transaction(n, op))
        except Overdraft:
            pass
        assert all(v >= 0 for a, v in book.balances.items() if ledger.kind_of(a) is not AccountKind.CONTRIBUTED)


@settings(max_examples=150, deadline=None)
@given(st.lists(operations, max_size=60))
def test_totals_are_conserved_and_balances_equal_the_replayed_journal(
        ops: list[tuple[str, str, str | None, int]]) -> None:
    book, _ = run(ops)
    assert sum(book.balances.values()) == 0
    received = -sum(v for a, v in book.balances.items() if ledger.kind_of(a) is AccountKind.CONTRIBUTED)
    held = sum(v for a, v in book.balances.items() if ledger.kind_of(a) is not AccountKind.CONTRIBUTED)
    assert held == received
    replayed: dict[str, int] = defaultdict(int)
    for tx in book.journal:
        for line in tx.lines:
            replayed[line.account] += line.amount_fen
    assert {a: v for a, v in replayed.items()} == book.balances


@settings(max_examples=150, deadline=None)
@given(st.lists(operations, max_size=60))
def test_no_allocation_pays_out_more_than_was_allocated_to_it(ops: list[tuple[str, str, str | None, int]]) -> None:
    book, _ = run(ops)
    for allocation in ALLOCATIONS:
        allocated = sum(line.amount_fen for tx in book.journal if tx.kind == "allocation"
                        for line in tx.lines if line.account == ledger.allocation_account(allocation))
        paid = sum(book.balance(ledger.paid_account(allocation, p)) for p in PROJECTS)
        assert 0 <= paid <= allocated
        # Every fen of the allocation is somewhere: uncommitted, committed or paid.
        parked = book.balance(ledger.allocation_account(allocation)) + sum(
            book.balance(ledger.commitment_account(allocation, p)) for p in PROJECTS)
        assert parked + paid == allocated


@settings(max_examples=100, deadline=None)
@given(st.lists(operations, min_size=1, max_size=40))
def test_a_rejected_movement_names_the_account_and_what_it_holds(ops: list[tuple[str, str, str | None, int]]) -> None:
    book = Ledger()
    for n, op in enumerate(ops):
        tx = transaction(n, op)
        try:
            book.post(tx)
        except Overdraft as error:
            debited = tx.lines[0].account
            assert error.account == debited
            assert error.balance == book.balance(debited) and error.asked > error.balance
            assert f"holds {error.balance} fen" in error.message
