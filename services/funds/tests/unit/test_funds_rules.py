"""Rules of the funds domain (no I/O): validation, the ledger's posting rule,
idempotency fingerprints and the figures."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chassis.errors import FailedPrecondition, InvalidArgument
from funds.domain import commands, figures, idempotency, ledger, model
from funds.domain.vocabulary import SourceKind

NOW = datetime(2011, 6, 1, 8, 0, tzinfo=UTC)
VILLAGE = "441826108201"
UNIT = "2c5d4f1e-0b7a-4e61-9a3c-5a1f0e6b7d21"
A_UUID = "8a0c1d52-4a8e-4c36-9a55-0c7f4e1b2d11"


def fields_of(error: pytest.ExceptionInfo[InvalidArgument]) -> set[str]:
    return {v.field for v in error.value.violations}


def test_a_support_unit_source_needs_its_unit_and_other_kinds_must_not_name_one() -> None:
    assert model.new_source(commands.CreateSource("support_unit", "Tobacco bureau", UNIT), NOW).unit_id == UNIT
    with pytest.raises(InvalidArgument) as error:
        model.new_source(commands.CreateSource("support_unit", "Tobacco bureau"), NOW)
    assert fields_of(error) == {"unit_id"}
    with pytest.raises(InvalidArgument) as error:
        model.new_source(commands.CreateSource("social_donation", "Poverty Alleviation Day", UNIT), NOW)
    assert fields_of(error) == {"unit_id"}


def test_every_problem_of_an_allocation_is_reported_at_once() -> None:
    bad = commands.AllocateFunds("nope", "441826000000", 0, year=1990, allocated_at="2099-01-01T00:00:00Z")
    with pytest.raises(InvalidArgument) as error:
        model.new_allocation(bad, None, NOW)
    assert fields_of(error) == {"source_id", "village_code", "amount_fen", "year", "allocated_at", "idempotency_key"}


def test_money_moving_commands_require_an_idempotency_key_and_creations_do_not() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.check_disbursement(commands.Disburse(A_UUID, A_UUID, 100, "contractor", "ACME"), NOW)
    assert fields_of(error) == {"idempotency_key"}
    project = model.new_project(commands.CreateProject(VILLAGE, "industrial", "Sericulture", "Silk", 100), NOW)
    assert project.subtype == "sericulture"


def test_amounts_are_positive_integers_of_fen_never_floats() -> None:
    for amount in (0, -5, 1.5, True, 10**15):
        with pytest.raises(InvalidArgument) as error:
            model.check_receipt(commands.RecordReceipt(A_UUID, amount, idempotency_key="k"), NOW)  # type: ignore[arg-type]
        assert fields_of(error) == {"amount_fen"}


def test_a_household_recipient_is_a_registry_household_id_and_times_need_an_offset() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.check_disbursement(commands.Disburse(A_UUID, A_UUID, 100, "household", "Wang", "2010-01-01T00:00:00",
                                                   idempotency_key="k"), NOW)
    assert fields_of(error) == {"recipient_ref", "disbursed_at"}


def test_an_allocation_takes_its_year_from_the_shanghai_calendar_when_not_given() -> None:
    # 2010-12-31T17:00Z is already 2011-01-01 in Asia/Shanghai.
    source = model.new_source(commands.CreateSource("county_fiscal", "Liannan county"), NOW)
    allocation = model.new_allocation(commands.AllocateFunds(source.id, VILLAGE, 100,
                                                             allocated_at="2010-12-31T17:00:00Z",
                                                             idempotency_key="k"), source, NOW)
    assert allocation.year == 2011 and allocation.source_kind is SourceKind.COUNTY_FISCAL


def test_posting_refuses_an_unbalanced_transaction_and_an_overdraft() -> None:
    with pytest.raises(ledger.Unbalanced):
        ledger.post({}, ledger.Transaction("t", "receipt", "s", (ledger.Line("source:s", 5),)))
    with pytest.raises(FailedPrecondition) as error:
        ledger.post({"allocation:a": 300}, ledger.transfer("t", "commitment", "c", "allocation:a", "commitment:a:p", 500))
    assert "uncommitted funds of allocation a holds 300 fen" in error.value.message
    assert "overspend it by 200 fen" in error.value.message


def test_the_fingerprint_ignores_the_key_but_not_any_field_of_the_request() -> None:
    first = commands.Disburse(A_UUID, A_UUID, 100, "contractor", "ACME", idempotency_key="k1")
    assert idempotency.fingerprint(first) == idempotency.fingerprint(
        commands.Disburse(A_UUID, A_UUID, 100, "contractor", "ACME", idempotency_key="k2"))
    assert idempotency.fingerprint(first) != idempotency.fingerprint(
        commands.Disburse(A_UUID, A_UUID, 101, "contractor", "ACME", idempotency_key="k1"))


def test_basis_points_round_half_up_and_an_empty_whole_is_zero() -> None:
    assert figures.basis_points(217, 1000) == 2170
    assert figures.basis_points(1, 3) == 3333
    assert figures.basis_points(2, 3) == 6667
    assert figures.basis_points(5, 0) == 0


def test_the_source_mix_counts_only_donations_as_social() -> None:
    mix = figures.source_mix("", {SourceKind.SOCIAL_DONATION: 217, SourceKind.SUPPORT_UNIT: 300,
                                  SourceKind.PROVINCIAL_FISCAL: 483})
    assert (mix.total_allocated_fen, mix.social_fen, mix.social_share_basis_points) == (1000, 217, 2170)
    assert [k.kind for k in mix.kinds] == list(SourceKind)
    assert sum(k.allocated_fen for k in mix.kinds) == 1000


def view(allocation_id: str, allocated_at: str, uncommitted: int, committed: int,
         last_disbursed_at: str = "") -> figures.AllocationView:
    return figures.AllocationView(allocation_id, "t", "s", "support_unit", VILLAGE, 1000, 2010, allocated_at, "",
                                  uncommitted, committed, 1000 - uncommitted - committed, last_disbursed_at)


def test_an_allocation_is_idle_only_with_money_left_and_no_payment_for_more_than_the_threshold() -> None:
    as_of = date(2010, 12, 31)
    allocations = [
        view("idle", "2010-03-15T02:00:00Z", 500, 0),                              # 291 days, never paid
        view("recent", "2010-03-15T02:00:00Z", 0, 200, "2010-12-01T02:00:00Z"),    # paid 30 days ago
        view("spent", "2010-03-15T02:00:00Z", 0, 0),                               # nothing left
        view("edge", "2010-10-02T02:00:00Z", 10, 0),                               # exactly 90 days: not more
        view("future", "2011-01-05T02:00:00Z", 10, 0),                             # did not exist yet
    ]
    found = figures.idle_allocations(allocations, as_of, 90)
    assert [(i.allocation.allocation_id, i.days_idle, i.unspent_fen) for i in found] == [("idle", 291, 500)]
    assert [i.allocation.allocation_id for i in figures.idle_allocations(allocations, as_of, 89)] == ["idle", "edge"]


def test_idle_days_are_counted_on_the_shanghai_calendar() -> None:
    # Paid 2010-09-30T17:00Z = 2010-10-01 in Shanghai: 91 days before 2010-12-31.
    found = figures.idle_allocations([view("a", "2010-01-01T00:00:00Z", 5, 0, "2010-09-30T17:00:00Z")],
                                     date(2010, 12, 31), 90)
    assert found[0].idle_since == date(2010, 10, 1) and found[0].days_idle == 91


@pytest.mark.parametrize("code", ["4418261082\n1", "٤٤١٨٢٦١٠٨٢٠١", "441826000000", "44182610820"])
def test_only_a_plain_12_digit_village_code_is_a_village(code: str) -> None:
    with pytest.raises(InvalidArgument) as error:
        model.new_project(commands.CreateProject(code, "housing", "renovation", "Houses", 100), NOW)
    assert fields_of(error) == {"village_code"}


def test_text_with_control_characters_is_refused_before_it_reaches_the_database() -> None:
    with pytest.raises(InvalidArgument) as error:
        model.new_source(commands.CreateSource("social_donation", "Poverty\x00Day"), NOW)
    assert fields_of(error) == {"name"}
