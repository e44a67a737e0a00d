"""A village collective's yearly income on real PostgreSQL (and on the embedded
SQLite default): stored with its collective-income-recorded event in the
outbox (keyed by village), retries record nothing twice, corrections supersede
with rising revisions, even when sent at the same moment, and every record is
audited."""
from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from shuangdao.funds.v1 import events_pb2
from sqlalchemy import func, select

from chassis.errors import AlreadyExists, FailedPrecondition
from chassis.security.testing import principal_for
from chassis.settings import CommonSettings
from chassis.testing.fixtures import common_settings
from funds.adapters import orm
from funds.bootstrap import Funds, bootstrap
from funds.config import Settings
from funds.domain import commands as c

VILLAGE = "441826108201"
OTHER_VILLAGE = "441826108202"


def a_funds(postgres_url: str, kafka_bootstrap: str, prefix: str) -> Funds:
    return bootstrap(Settings(common=common_settings("funds", postgres_url, kafka_bootstrap, prefix)))


def income(year: int, amount: int, key: str = "", note: str = "", recorded_at: str = "",
           village: str = VILLAGE) -> c.RecordCollectiveIncome:
    return c.RecordCollectiveIncome(village, year, amount, "Sanpai village committee", note, recorded_at,
                                    key or uuid.uuid4().hex)


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def outbox_rows(funds: Funds) -> list[Any]:
    with funds.engine.connect() as connection:
        return connection.execute(select(orm.outbox).where(orm.outbox.c.type == "collective-income-recorded")
                                  .order_by(orm.outbox.c.id)).all()


def stored(funds: Funds) -> int:
    with funds.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(orm.collective_incomes)).scalar_one()


def test_a_recorded_income_is_stored_and_its_event_waits_in_the_outbox_keyed_by_village(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    record = funds.handle(income(2011, 8_160_000, recorded_at="2012-01-20T02:00:00Z", note="case study 4.2"),
                          principal_for("village_cadre", VILLAGE))
    funds.handle(income(2011, 100, village=OTHER_VILLAGE))

    assert (record.year, record.amount_fen, record.revision, record.recorded_at) == (
        2011, 8_160_000, 1, "2012-01-20T02:00:00Z")
    village = funds.village_collective_income(VILLAGE)
    assert [(r.record_id, r.amount_fen, r.reported_by, r.note) for r in village.years] == [
        (record.record_id, 8_160_000, "Sanpai village committee", "case study 4.2")]
    assert (village.latest_year, village.latest_amount_fen, village.superseded) == (2011, 8_160_000, ())
    [row, other] = outbox_rows(funds)
    assert (row.key, row.topic, row.schema) == (VILLAGE, f"{topic_prefix}funds.ledger.v1",
                                                "shuangdao.funds.v1.CollectiveIncomeRecorded")
    event = events_pb2.CollectiveIncomeRecorded.FromString(row.payload)
    assert (event.record_id, event.year, event.amount_fen, event.recorded_at) == (
        record.record_id, 2011, 8_160_000, "2012-01-20T02:00:00Z")
    assert (event.village.village_code, event.village.township_code, event.village.county_code) == (
        VILLAGE, "441826108000", "441826000000")
    assert b"committee" not in row.payload and other.key == OTHER_VILLAGE


def test_a_retried_report_returns_the_first_record_and_records_and_publishes_nothing_more(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    first = funds.handle(income(2011, 8_160_000, key="sanpai-2011"))
    again = funds.handle(income(2011, 8_160_000, key="sanpai-2011"))
    assert again == first and (stored(funds), len(outbox_rows(funds))) == (1, 1)

    funds.handle(income(2011, 8_200_000, note="a late rent"))  # a correction in between
    assert funds.handle(income(2011, 8_160_000, key="sanpai-2011")) == first
    assert (stored(funds), len(outbox_rows(funds))) == (2, 2)
    with pytest.raises(AlreadyExists) as error:
        funds.handle(income(2011, 9_999_999, key="sanpai-2011"))
    assert "sanpai-2011" in error.value.message
    assert funds.village_collective_income(VILLAGE).latest_amount_fen == 8_200_000


def test_corrections_supersede_with_rising_revisions_and_later_events_and_are_audited(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    county = principal_for("county_approver")
    first = funds.handle(income(2010, 4_500_000, recorded_at="2011-01-20T02:00:00Z"), county)
    funds.handle(income(2011, 8_160_000, recorded_at="2012-01-20T02:00:00Z"), county)
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(income(2010, 4_560_000, recorded_at="2011-01-21T02:00:00Z"), county)
    assert "revision 1, 4500000 fen" in error.value.message and "say why" in error.value.message
    with pytest.raises(FailedPrecondition) as error:
        funds.handle(income(2010, 4_560_000, note="rents", recorded_at="2011-01-19T02:00:00Z"), county)
    assert "recorded after it" in error.value.message
    second = funds.handle(income(2010, 4_560_000, note="the fish-pond rent was left out",
                                 recorded_at="2011-02-01T02:00:00Z"), county)
    third = funds.handle(income(2010, 4_600_000, note="audited accounts"), county)

    assert [(r.revision, r.supersedes_record_id) for r in (first, second, third)] == [
        (1, ""), (2, first.record_id), (3, second.record_id)]
    village = funds.village_collective_income(VILLAGE)
    assert [(r.year, r.revision, r.amount_fen) for r in village.years] == [(2010, 3, 4_600_000),
                                                                           (2011, 1, 8_160_000)]
    assert [r.record_id for r in village.superseded] == [first.record_id, second.record_id]
    published = [events_pb2.CollectiveIncomeRecorded.FromString(r.payload) for r in outbox_rows(funds)]
    of_2010 = [e for e in published if e.year == 2010]
    assert [e.amount_fen for e in of_2010] == [4_500_000, 4_560_000, 4_600_000]
    times = [moment(e.recorded_at) for e in of_2010]
    assert times == sorted(times) and len(set(times)) == 3  # the assessment's order is the revisions' order

    with funds.engine.connect() as connection:
        audited = connection.execute(select(orm.audit_log).where(
            orm.audit_log.c.action == "funds.collective_income.record").order_by(orm.audit_log.c.seq)).all()
    assert [r.target_id for r in audited] == [first.record_id, audited[1].target_id, second.record_id,
                                              third.record_id]
    assert {r.actor for r in audited} == {"test-county_approver"} and audited[2].division == VILLAGE
    assert json.loads(audited[2].before)["amount_fen"] == 4_500_000
    assert json.loads(audited[2].after)["amount_fen"] == 4_560_000


def test_corrections_sent_at_the_same_moment_each_get_their_own_revision_in_commit_order(
        postgres_url: str, kafka_bootstrap: str, topic_prefix: str) -> None:
    funds = a_funds(postgres_url, kafka_bootstrap, topic_prefix)
    start = threading.Barrier(8)

    def one(n: int) -> Any:
        start.wait()
        return funds.handle(income(2012, 10_000_000 + n, note=f"report {n}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        records = list(pool.map(one, range(8)))
    by_revision = sorted(records, key=lambda r: r.revision)
    assert [r.revision for r in by_revision] == list(range(1, 9))
    times = [moment(r.recorded_at) for r in by_revision]
    assert times == sorted(times) and len(set(times)) == 8
    village = funds.village_collective_income(VILLAGE)
    assert village.years[0].record_id == by_revision[-1].record_id
    assert village.latest_amount_fen == by_revision[-1].amount_fen and len(village.superseded) == 7


def test_on_the_embedded_sqlite_default_of_make_run_a_correction_supersedes_too(tmp_path: Path) -> None:
    settings = Settings(common=CommonSettings("funds", f"sqlite:///{tmp_path / 'funds.sqlite3'}", "127.0.0.1:1",
                                              0, 0, "", "funds"))
    funds = bootstrap(settings)
    first = funds.handle(income(2011, 8_160_000, key="sanpai-2011", recorded_at="2012-01-20T02:00:00Z"))
    assert funds.handle(income(2011, 8_160_000, key="sanpai-2011", recorded_at="2012-01-20T02:00:00Z")) == first
    second = funds.handle(income(2011, 8_200_000, note="a late rent"))
    village = funds.village_collective_income(VILLAGE)
    assert (second.revision, village.latest_amount_fen, [r.record_id for r in village.superseded]) == (
        2, 8_200_000, [first.record_id])
    assert [r.key for r in outbox_rows(funds)] == [VILLAGE, VILLAGE]
    funds.engine.dispose()
