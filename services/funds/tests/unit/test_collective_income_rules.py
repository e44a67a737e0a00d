"""Rules of a village collective's yearly income (no I/O): validation with every
problem listed, supersession by rising revisions, and agreement with the
assessment's rule for corrections (latest recorded_at, then record_id)."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shuangdao.funds.v1 import events_pb2

from chassis.errors import FailedPrecondition, InvalidArgument
from funds.adapters import translators
from funds.domain import collective_income as ci
from funds.domain import commands, events, idempotency
from funds.domain.divisions import path_of_village

NOW = datetime(2012, 6, 1, 8, 0, tzinfo=UTC)
VILLAGE = "441826108201"


def report(year: int = 2011, amount: int = 8_160_000, note: str = "", recorded_at: str = "",
           village: str = VILLAGE, key: str = "k-1", reported_by: str = "Sanpai village committee"
           ) -> commands.RecordCollectiveIncome:
    return commands.RecordCollectiveIncome(village, year, amount, reported_by, note, recorded_at, key)


def fields_of(error: pytest.ExceptionInfo[InvalidArgument]) -> set[str]:
    return {v.field for v in error.value.violations}


def first_record(amount: int = 4_000_000, at: datetime = NOW) -> ci.Record:
    return ci.supersede(None, ci.check_report(report(amount=amount, recorded_at=at.isoformat()), NOW), "r1")


def test_every_problem_of_a_collective_income_report_is_listed_at_once() -> None:
    bad = commands.RecordCollectiveIncome("441826000000", 1999, -1, "village\x00committee", "x" * 501,
                                          "2099-01-01T00:00:00Z", "")
    with pytest.raises(InvalidArgument) as error:
        ci.check_report(bad, NOW)
    assert fields_of(error) == {"village_code", "year", "amount_fen", "reported_by", "note", "recorded_at",
                                "idempotency_key"}


@pytest.mark.parametrize("code", ["440000100201", "441800100201", "441826000201", "4418261082O1", "44182610820"])
def test_only_a_real_village_of_a_county_may_report_collective_income(code: str) -> None:
    with pytest.raises(InvalidArgument) as error:
        ci.check_report(report(village=code), NOW)
    assert fields_of(error) == {"village_code"}


def test_zero_is_a_real_collective_income_but_negatives_fractions_booleans_and_absurd_sums_are_not() -> None:
    assert ci.check_report(report(amount=0), NOW).amount_fen == 0
    for amount in (-1, 1.5, True, 10**15):
        with pytest.raises(InvalidArgument) as error:
            ci.check_report(report(amount=amount), NOW)  # type: ignore[arg-type]
        assert fields_of(error) == {"amount_fen"}


@pytest.mark.parametrize("year", [0, 1999, 2101, "2011", 2011.0])
def test_the_year_is_a_whole_year_of_the_programme(year: object) -> None:
    with pytest.raises(InvalidArgument) as error:
        ci.check_report(report(year=year), NOW)  # type: ignore[arg-type]
    assert fields_of(error) == {"year"}


def test_a_years_income_cannot_be_reported_before_that_year_has_begun_in_shanghai() -> None:
    with pytest.raises(InvalidArgument) as error:  # 23:59:59 on 31 December 2011 in Shanghai
        ci.check_report(report(year=2012, recorded_at="2011-12-31T15:59:59Z"), NOW)
    assert fields_of(error) == {"year"} and "2011" in error.value.violations[0].description
    assert ci.check_report(report(year=2012, recorded_at="2011-12-31T16:00:00Z"), NOW).year == 2012


def test_a_report_needs_an_idempotency_key_so_a_retry_cannot_become_a_correction_of_itself() -> None:
    with pytest.raises(InvalidArgument) as error:
        ci.check_report(report(key=""), NOW)
    assert fields_of(error) == {"idempotency_key"}
    assert "second revision" in error.value.violations[0].description


def test_the_first_record_is_revision_one_and_a_correction_supersedes_it_with_the_next() -> None:
    first = first_record()
    assert (first.revision, first.supersedes_id, first.amount_fen) == (1, None, 4_000_000)
    later = (NOW + timedelta(days=3)).isoformat()
    second = ci.supersede(first, ci.check_report(report(amount=4_560_000, note="rents were left out",
                                                        recorded_at=later), NOW + timedelta(days=4)), "r2")
    assert (second.revision, second.supersedes_id, second.amount_fen, second.year) == (2, "r1", 4_560_000, 2011)
    assert ci.view_of(second).supersedes_record_id == "r1" and ci.view_of(first).supersedes_record_id == ""


@pytest.mark.parametrize("delta", [timedelta(0), timedelta(seconds=-1)])
def test_a_correction_not_recorded_after_the_record_in_force_is_refused_naming_that_record(delta: timedelta) -> None:
    first = first_record()
    again = ci.check_report(report(amount=1, note="typo", recorded_at=(NOW + delta).isoformat()), NOW)
    with pytest.raises(FailedPrecondition) as error:
        ci.supersede(first, again, "r2")
    assert "revision 1, 4000000 fen, recorded at 2012-06-01T08:00:00Z" in error.value.message
    assert "must be recorded after it" in error.value.message


def test_a_correction_must_say_why() -> None:
    first = first_record(at=NOW - timedelta(days=1))
    with pytest.raises(FailedPrecondition) as error:
        ci.supersede(first, ci.check_report(report(amount=1), NOW), "r2")
    assert "must say why in note" in error.value.message and "revision 1" in error.value.message


def test_the_highest_revision_of_each_year_is_in_force_and_the_latest_year_is_what_is_scored() -> None:
    path = path_of_village(VILLAGE)
    records = [ci.Record("c", path, 2010, 4_560_000, 2, "b", "", "corrected", NOW),
               ci.Record("a", path, 2011, 8_160_000, 1, None, "", "", NOW),
               ci.Record("b", path, 2010, 4_500_000, 1, None, "", "", NOW - timedelta(days=9))]
    income = ci.village_income(VILLAGE, reversed(records))
    assert [(r.year, r.revision, r.amount_fen) for r in income.years] == [(2010, 2, 4_560_000), (2011, 1, 8_160_000)]
    assert [r.record_id for r in income.superseded] == ["b"]
    assert (income.latest_year, income.latest_amount_fen) == (2011, 8_160_000)
    empty = ci.village_income(VILLAGE, [])
    assert (empty.years, empty.latest_year, empty.latest_amount_fen) == ((), 0, 0)


@settings(max_examples=60, deadline=None)
@given(amounts=st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=6),
       gaps=st.lists(st.integers(min_value=1, max_value=10**9), min_size=6, max_size=6))
def test_the_record_in_force_here_is_always_the_one_the_assessment_keeps(amounts: list[int], gaps: list[int]) -> None:
    """The assessment keeps the latest recorded_at (then record_id, a random
    UUID); corrections are refused unless strictly later, so whatever the ids,
    both sides agree on the figure in force."""
    current: ci.Record | None = None
    moment = datetime(2012, 1, 1, tzinfo=UTC)
    kept: list[ci.Record] = []
    for amount, gap in zip(amounts, gaps):
        moment += timedelta(microseconds=gap)
        checked = ci.check_report(report(amount=amount, note="correction", recorded_at=moment.isoformat()), moment)
        current = ci.supersede(current, checked, str(uuid.uuid4()))
        kept.append(current)
    assessment_keeps = max(kept, key=lambda r: (r.recorded_at, r.id))
    income = ci.village_income(VILLAGE, kept)
    assert [r.revision for r in kept] == list(range(1, len(amounts) + 1))
    assert income.years[0].record_id == assessment_keeps.id
    assert income.latest_amount_fen == amounts[-1] and len(income.superseded) == len(amounts) - 1


def test_a_retry_minutes_later_is_the_same_request_and_a_changed_figure_is_not() -> None:
    first = report(amount=8_160_000)
    assert idempotency.fingerprint(first) == idempotency.fingerprint(report(amount=8_160_000))
    assert idempotency.fingerprint(first) != idempotency.fingerprint(report(amount=8_160_001))


def test_the_event_is_keyed_by_village_and_carries_no_free_text() -> None:
    record = first_record()
    event = events.CollectiveIncomeRecorded(record.id, record.village, record.year, record.amount_fen,
                                            record.recorded_at)
    row = translators.outgoing(event, "p.funds.ledger.v1")
    assert (row.key, row.topic, row.envelope.type, row.envelope.schema) == (
        VILLAGE, "p.funds.ledger.v1", "collective-income-recorded", "shuangdao.funds.v1.CollectiveIncomeRecorded")
    payload = events_pb2.CollectiveIncomeRecorded.FromString(row.payload)
    assert (payload.record_id, payload.year, payload.amount_fen, payload.recorded_at) == (
        "r1", 2011, 4_000_000, "2012-06-01T08:00:00Z")
    assert (payload.village.village_code, payload.village.county_code) == (VILLAGE, "441826000000")
    assert b"committee" not in row.payload
