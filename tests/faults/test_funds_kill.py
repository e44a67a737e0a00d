"""kill -9 of the funds service while disbursements are paid: every payment
is retried under its idempotency key until acknowledged, so the kill may cut a
transaction or an answer but never pays twice; the ledger still balances."""
from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from shuangdao.funds.v1 import events_pb2, funds_pb2, funds_pb2_grpc
from sqlalchemy import func, select

from chassis.testing.processes import ServiceSubprocess

from faults.harness import COUNTY, channel_as, rows, same_again, until_acknowledged, wait_for

VILLAGE = "441826108201"
PAYMENT_FEN = 1_000


def stub_for(funds: ServiceSubprocess) -> funds_pb2_grpc.FundsServiceStub:
    return funds_pb2_grpc.FundsServiceStub(channel_as(funds.grpc_target, "county_approver", COUNTY))


def funded_project(stub: funds_pb2_grpc.FundsServiceStub, fen: int) -> tuple[str, str]:
    source = stub.CreateSource(funds_pb2.CreateSourceRequest(
        kind=events_pb2.SOURCE_KIND_COUNTY_FISCAL, name="Liannan county fiscal funds"), timeout=5)
    stub.RecordReceipt(funds_pb2.RecordReceiptRequest(source_id=source.source_id, amount_fen=fen,
                                                      idempotency_key=uuid.uuid4().hex), timeout=5)
    allocation = stub.AllocateFunds(funds_pb2.AllocateFundsRequest(
        source_id=source.source_id, village_code=VILLAGE, amount_fen=fen, idempotency_key=uuid.uuid4().hex),
        timeout=5)
    project = stub.CreateProject(funds_pb2.CreateProjectRequest(
        village_code=VILLAGE, type=events_pb2.PROJECT_TYPE_HOUSING, subtype="renovation",
        name="Dilapidated housing renovation", budget_fen=fen, poor_households=40, non_poor_households=0),
        timeout=5)
    stub.CommitFunds(funds_pb2.CommitFundsRequest(allocation_id=allocation.allocation_id,
                                                  project_id=project.project_id, amount_fen=fen,
                                                  idempotency_key=uuid.uuid4().hex), timeout=5)
    return allocation.allocation_id, project.project_id


class Payments:
    """Cashiers paying households, each payment retried under its key until acknowledged."""

    def __init__(self, funds: ServiceSubprocess, allocation: str, project: str, cashiers: int = 3) -> None:
        self.funds, self.allocation, self.project = funds, allocation, project
        self.acknowledged: dict[str, funds_pb2.Disbursement] = {}
        self.outage_codes: set[str] = set()
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.cashier, args=(n,), daemon=True) for n in range(cashiers)]

    def request(self, key: str) -> funds_pb2.DisburseRequest:
        return funds_pb2.DisburseRequest(allocation_id=self.allocation, project_id=self.project,
                                         amount_fen=PAYMENT_FEN, recipient_kind=funds_pb2.RECIPIENT_KIND_HOUSEHOLD,
                                         recipient_ref=str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
                                         idempotency_key=key)

    def cashier(self, n: int) -> None:
        stub = stub_for(self.funds)
        count = 0
        try:
            while not self.stop.is_set():
                count += 1
                key = f"housing-grant-{n}-{count}"
                request = self.request(key)
                paid, seen = until_acknowledged(lambda: stub.Disburse(request, timeout=5))
                with self.lock:
                    self.acknowledged[key] = paid
                    self.outage_codes |= seen
        except Exception as error:
            with self.lock:
                self.failures.append(repr(error))

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def __enter__(self) -> "Payments":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


def ledger_problems(database_url: str) -> list[str]:
    """Double entry holds: every transaction sums to zero and every account's
    balance is the sum of its journal lines."""
    from funds.adapters import orm

    lines = orm.journal_lines
    unbalanced = rows(database_url, select(lines.c.transaction_id).group_by(lines.c.transaction_id)
                      .having(func.sum(lines.c.amount_fen) != 0))
    posted = dict(rows(database_url, select(lines.c.account_id, func.sum(lines.c.amount_fen))
                       .group_by(lines.c.account_id)))
    balances = dict(rows(database_url, select(orm.accounts.c.id, orm.accounts.c.balance_fen)))
    drift = {a: (b, posted.get(a, 0)) for a, b in balances.items() if b != posted.get(a, 0)}
    return [f"unbalanced transaction {t}" for (t,) in unbalanced] + [f"account {a}: {d}" for a, d in drift.items()]


def test_disbursements_retried_under_their_keys_across_a_kill_pay_each_grant_once_and_the_ledger_balances(
        database_factory: Callable[[str], str], kafka_bootstrap: str, topic_prefix: str,
        processes: list[ServiceSubprocess]) -> None:
    from funds.adapters import orm

    database = database_factory("funds")
    funds = ServiceSubprocess("funds", database, kafka_bootstrap, topic_prefix)
    processes.append(funds.start())
    allocation, project = funded_project(stub_for(funds), 5_000_000)
    with Payments(funds, allocation, project) as payments:
        wait_for(lambda: payments.count() >= 40, what="40 acknowledged payments")
        funds.kill()
        before_kill = dict(payments.acknowledged)
        time.sleep(0.5)
        processes.append(same_again(funds).start())
        wait_for(lambda: payments.count() >= len(before_kill) + 40, what="payments after the restart")
    assert not payments.failures
    assert payments.outage_codes, "the cashiers never noticed the kill"

    # Every grant paid before the kill, asked for again: the first answer, no money moved.
    stub = stub_for(funds)
    for key, first in before_kill.items():
        assert stub.Disburse(payments.request(key), timeout=5) == first

    paid = payments.acknowledged
    stored = {r.id: r.amount_fen for r in rows(database, select(orm.disbursements))}
    assert set(stored) == {p.disbursement_id for p in paid.values()}  # one payment per acknowledged key
    assert sum(stored.values()) == PAYMENT_FEN * len(paid)
    keys = {r[0] for r in rows(database, select(orm.idempotency_keys.c.key)
                               .where(orm.idempotency_keys.c.operation == "Disburse"))}
    assert keys == set(paid)
    left = stub.GetAllocation(funds_pb2.GetAllocationRequest(allocation_id=allocation), timeout=5)
    assert left.disbursed_fen == PAYMENT_FEN * len(paid)
    assert left.committed_fen == 5_000_000 - PAYMENT_FEN * len(paid)
    assert ledger_problems(database) == []
