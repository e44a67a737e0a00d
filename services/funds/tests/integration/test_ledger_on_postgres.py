"""The ledger against real PostgreSQL (and the embedded SQLite default):
concurrent disbursements never overspend, retries never move money twice,
every movement is journalled in balance with its event in the outbox."""
from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from shuangdao.funds.v1 import events_pb2
from sqlalchemy import func, select, text

from chassis.errors import AlreadyExists, FailedPrecondition
from chassis.settings import CommonSettings
from chassis.testing.fixtures import common_settings
from funds.adapters import orm
from funds.bootstrap import Funds, bootstrap
from funds.config import Settings
from funds.domain import commands as c

VILLAGE = "441826108201"
OTHER_VILLAGE = "441826108202"
UNIT = "2c5d4f1e-0b7a-4e61-9a3c-5a1f0e6b7d21"


def a_funds(postgres_url: str, kafka_bootstrap: str, prefix: str) -> Funds:
    return bootstrap(Settings(common=common_settings("funds", postgres_url, kafka_bootstrap, prefix)))


def key() -> str:
    return uuid.uuid4().hex


def funded_project(funds: Funds, allocated: int, committed: int, budget: int | None = None,
                   village: str = VILLAGE) -> tuple[str, str, str]:
    """(source, allocation, project) with `committed` of `allocated` fen committed."""
    source = funds.handle(c.CreateSource("support_unit", "Provincial tobacco bureau", UNIT)).source_id
    funds.handle(c.RecordReceipt(source, allocated, idempotency_key=key()))
    allocation = funds.handle(c.AllocateFunds(source, village, allocated, idempotency_key=key())).allocation_id
    project = funds.handle(c.CreateProject(village, "industrial", "sericulture", "Sericulture base",
                                           budget or committed, 32, 4)).project_id
    funds.handle(c.CommitFunds(allocation, project, committed, idempotency_key=key()))
    return source, allocation, project


def pay(allocation: str, project: str, amount: int, idempotency_key: str = "") -> c.Disburse:
    return c.Disburse(allocation, project, amount, "contractor", "Liannan Silk Cooperative",
                      idempotency_key=idempotency_key or key())


def fire(funds: Funds, orders: list[c.Disburse]) -> tuple[list[Any], list[Exception]]:
    start = threading.Barrier(len(orders))

    def one(order: c.Disburse) -> Any:
        start.wait()
        try:
            return funds.handle(order)
        except Exception as error:  # collected and asserted below
            return error

    with ThreadPoolExecutor(max_workers=len(orders)) as pool:
        outcomes = list(pool.map(one, orders))
    return ([o for o in outcomes if not isinstance(o, Exception)], [o for o in outcomes if isinstance(o, Exception)])


def scalar(funds: Funds, query: Any) -> Any:
    with funds.engine.connect() as connection:
        return connection.execute(query).scalar_one()


def assert_books_balance(funds: Funds) -> None:
    lines = orm.journal_lines
    assert scalar(funds, select(func.coalesce(func.sum(orm.accounts.c.balance_fen), 0))) == 0
    unbalanced = select(func.count()).select_from(
        select(lines.c.transaction_id).group_by(lines.c.transaction_id)
        .having(func.sum(lines.c.amount_fen) != 0).subquery())
    assert scalar(funds, unbalanced) == 0
    replayed = select(func.count()).select_from(orm.accounts).where(orm.accounts.c.balance_fen != select(
        func.coalesce(func.sum(lines.c.amount_fen), 0)).where(lines.c.account_id == orm.accounts.c.id)
        .scalar_subquery())
    assert scalar(funds, replayed) == 0


def test_fifty_concurrent_disbursements_never_pay_out_more_than_the_allocation(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, project = funded_project(funds, allocated=1_000_000, committed=1_000_000)
    paid, refused = fire(funds, [pay(allocation, project, 30_000) for _ in range(50)])

    assert len(paid) == 33 and len(refused) == 17  # 33 x 30,000 = 990,000 <= 1,000,000 < 34 x 30,000
    assert all(isinstance(e, FailedPrecondition) and "overspend" in e.message for e in refused)
    view = funds.get_allocation(allocation)
    assert (view.disbursed_fen, view.committed_fen, view.uncommitted_fen) == (990_000, 10_000, 0)
    assert sorted(p.commitment_remaining_fen for p in paid) == [10_000 + 30_000 * n for n in range(33)]
    assert_books_balance(funds)


def test_concurrent_retries_of_one_disbursement_pay_once_and_all_get_the_first_result(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, project = funded_project(funds, allocated=500_000, committed=500_000)
    paid, refused = fire(funds, [pay(allocation, project, 120_000, "pay-once") for _ in range(10)])
    assert refused == []
    assert len({p.disbursement_id for p in paid}) == 1 and len(set(paid)) == 1
    assert funds.get_allocation(allocation).disbursed_fen == 120_000
    assert scalar(funds, select(func.count()).select_from(orm.disbursements)) == 1


def test_retrying_a_disbursement_with_its_key_returns_the_first_result_and_moves_no_money(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, project = funded_project(funds, allocated=500_000, committed=500_000)
    first = funds.handle(pay(allocation, project, 100_000, "invoice-17"))
    funds.handle(pay(allocation, project, 50_000))  # balances move on in between
    again = funds.handle(pay(allocation, project, 100_000, "invoice-17"))

    assert again == first and again.commitment_remaining_fen == 400_000
    assert funds.get_allocation(allocation).disbursed_fen == 150_000
    events = scalar(funds, select(func.count()).select_from(orm.outbox).where(orm.outbox.c.type == "funds-disbursed"))
    assert events == 2
    with pytest.raises(AlreadyExists) as error:
        funds.handle(pay(allocation, project, 999, "invoice-17"))
    assert "invoice-17" in error.value.message
    with pytest.raises(AlreadyExists):
        funds.handle(c.CommitFunds(allocation, project, 1, idempotency_key="invoice-17"))
    assert funds.get_allocation(allocation).disbursed_fen == 150_000


def test_a_refused_call_leaves_no_key_behind_so_its_retry_is_judged_afresh(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    source, allocation, project = funded_project(funds, allocated=100, committed=100, budget=300)
    with pytest.raises(FailedPrecondition):
        funds.handle(c.CommitFunds(allocation, project, 200, idempotency_key="top-up"))
    funds.handle(c.RecordReceipt(source, 200, idempotency_key=key()))
    more = funds.handle(c.AllocateFunds(source, VILLAGE, 200, idempotency_key=key())).allocation_id
    with pytest.raises(FailedPrecondition):
        funds.handle(c.CommitFunds(allocation, project, 200, idempotency_key="top-up"))
    assert funds.handle(c.CommitFunds(more, project, 200, idempotency_key="top-up-2")).amount_fen == 200


def test_allocating_more_than_a_source_holds_is_refused_with_what_it_holds(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    source = funds.handle(c.CreateSource("social_donation", "Guangdong Poverty Alleviation Day")).source_id
    funds.handle(c.RecordReceipt(source, 5_000, idempotency_key=key()))
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(c.AllocateFunds(source, VILLAGE, 5_001, idempotency_key=key()))
    assert f"unallocated funds of source {source} holds 5000 fen" in error.value.message
    assert funds.get_source(source).unallocated_fen == 5_000


def test_commitments_stay_in_the_village_and_within_the_project_budget(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    source, allocation, project = funded_project(funds, allocated=1_000, committed=600, budget=700)
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(c.CommitFunds(allocation, project, 101, idempotency_key=key()))
    assert "budget of 700 fen and 600 fen committed" in error.value.message
    elsewhere = funds.handle(c.CreateProject(OTHER_VILLAGE, "infrastructure", "road", "Road", 500)).project_id
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(c.CommitFunds(allocation, elsewhere, 100, idempotency_key=key()))
    assert f"is for village {VILLAGE}" in error.value.message


def test_a_reversal_returns_the_money_once_and_completion_releases_the_rest_and_closes_the_project(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, project = funded_project(funds, allocated=10_000, committed=8_000, budget=9_000)
    first = funds.handle(pay(allocation, project, 3_000))
    funds.handle(pay(allocation, project, 1_000))
    funds.handle(c.ReverseDisbursement(first.disbursement_id, "paid to the wrong cooperative", idempotency_key=key()))
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(c.ReverseDisbursement(first.disbursement_id, "again", idempotency_key=key()))
    assert "already reversed" in error.value.message
    assert funds.get_project(project).status == "in_progress"

    done = funds.handle(c.CompleteProject(project, idempotency_key=key()))
    assert (done.status, done.disbursed_fen, done.released_fen, done.committed_fen) == ("completed", 1_000, 7_000, 1_000)
    assert funds.get_allocation(allocation).uncommitted_fen == 9_000
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(pay(allocation, project, 1))
    assert "completed" in error.value.message
    assert_books_balance(funds)


def test_every_movement_leaves_its_event_in_the_outbox_keyed_by_village(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, project = funded_project(funds, allocated=10_000, committed=8_000)
    disbursed = funds.handle(pay(allocation, project, 3_000))
    funds.handle(c.ReverseDisbursement(disbursed.disbursement_id, "duplicate invoice", idempotency_key=key()))
    funds.handle(c.CompleteProject(project, idempotency_key=key()))
    with funds.engine.connect() as connection:
        rows = connection.execute(select(orm.outbox).order_by(orm.outbox.c.id)).all()
    assert [r.type for r in rows] == ["funds-allocated", "project-created", "funds-committed", "funds-disbursed",
                                      "disbursement-reversed", "project-completed"]
    assert {r.key for r in rows} == {VILLAGE}
    assert {r.topic for r in rows} == {f"{topic_prefix}funds.ledger.v1"}
    completed = events_pb2.ProjectCompleted.FromString(rows[-1].payload)
    assert (completed.spent_fen, completed.released_fen, completed.budget_fen) == (0, 8_000, 8_000)
    paid = events_pb2.FundsDisbursed.FromString(rows[3].payload)
    assert (paid.amount_fen, paid.recipient_kind, paid.village.county_code) == (3_000, "contractor", "441826000000")
    assert b"Cooperative" not in paid.SerializeToString()


def test_the_balance_check_constraint_refuses_an_overdraft_even_behind_the_services_back(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    _, allocation, _ = funded_project(funds, allocated=100, committed=50)
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), funds.engine.begin() as connection:
        connection.execute(text("UPDATE accounts SET balance_fen = -1 WHERE id = :id"),
                           {"id": f"allocation:{allocation}"})


def test_on_the_embedded_sqlite_default_concurrent_disbursements_never_overspend_either(tmp_path: Path) -> None:
    settings = Settings(common=CommonSettings("funds", f"sqlite:///{tmp_path / 'funds.sqlite3'}", "127.0.0.1:1",
                                              0, 0, "", "funds"))
    funds = bootstrap(settings)
    _, allocation, project = funded_project(funds, allocated=100_000, committed=100_000)
    paid, refused = fire(funds, [pay(allocation, project, 7_000) for _ in range(20)])
    assert len(paid) == 14 and len(refused) == 6
    assert all(isinstance(e, FailedPrecondition) for e in refused)
    assert funds.get_allocation(allocation).disbursed_fen == 98_000
    assert_books_balance(funds)


def test_figures_per_source_village_and_division_add_up(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    unit, allocation, project = funded_project(funds, allocated=7_000, committed=5_000)
    donors = funds.handle(c.CreateSource("social_donation", "Poverty Alleviation Day")).source_id
    funds.handle(c.RecordReceipt(donors, 5_000, idempotency_key=key()))
    funds.handle(c.AllocateFunds(donors, VILLAGE, 2_000, idempotency_key=key()))
    funds.handle(c.AllocateFunds(donors, OTHER_VILLAGE, 1_000, idempotency_key=key()))
    funds.handle(pay(allocation, project, 2_500))

    by_source = {s.source_id: s for s in funds.list_sources()}
    assert (by_source[unit].received_fen, by_source[unit].allocated_fen, by_source[unit].unallocated_fen,
            by_source[unit].disbursed_fen) == (7_000, 7_000, 0, 2_500)
    assert (by_source[donors].allocated_fen, by_source[donors].unallocated_fen) == (3_000, 2_000)
    village = funds.village_funds(VILLAGE)
    assert (village.allocated_fen, village.uncommitted_fen, village.committed_fen, village.disbursed_fen) == (
        9_000, 4_000, 2_500, 2_500)
    assert village.utilisation_basis_points == 2778  # 2,500 / 9,000
    assert village.projects[0].utilisation_basis_points == 5000
    assert funds.source_mix(VILLAGE).social_share_basis_points == 2222  # 2,000 / 9,000
    county = funds.source_mix("441826000000")
    assert (county.total_allocated_fen, county.social_fen, county.social_share_basis_points) == (10_000, 3_000, 3000)
