"""A village collective's income, recorded in funds, is scored by the
assessment: the "village collective income" indicator goes from not measurable
to the points the rubric's formula gives, and a correction changes them. Both
services run in-process on their own databases over real Kafka."""
from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import grpc
import pytest
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc
from shuangdao.funds.v1 import events_pb2, funds_pb2, funds_pb2_grpc

from chassis.security.testing import token_for
from e2e_support import channel_as, get_json, post_json, wait_for

VILLAGE = "441826100201"      # in the default township and county of the test tokens
TOWNSHIP = "441826100000"
INDICATOR = "collective_income"


def indicator_of(assessment: Any) -> assessment_pb2.IndicatorScore | None:
    """The village's collective-income indicator as the provincial office sees it (None: no score yet)."""
    stub = assessment_pb2_grpc.AssessmentServiceStub(channel_as(assessment, "provincial_office"))
    try:
        score = stub.GetScore(assessment_pb2.GetScoreRequest(target_kind="village", target_id=VILLAGE), timeout=5)
    except grpc.RpcError as error:
        if error.code() is grpc.StatusCode.NOT_FOUND:
            return None
        raise
    return next(i for i in score.indicators if i.indicator == INDICATOR)


def expected_centi(assessment: Any, amount_fen: int) -> int:
    """Points per the rubric in force: weight x min(1, raw / target), in
    hundredths rounded half up (rubrics/v1.yaml: 5 x min(1, raw / 50,000 yuan))."""
    rubric = assessment.service.rubric.indicator("village", INDICATOR)
    assert rubric.formula == "up_to_target" and rubric.parameter is not None
    exact = rubric.weight * 100 * min(Fraction(1), Fraction(amount_fen) / rubric.parameter)
    return int((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal(1), ROUND_HALF_UP))


def scored_at(assessment: Any, centi: int) -> Callable[[], bool]:
    def check() -> bool:
        found = indicator_of(assessment)
        return found is not None and found.measurable and found.points_centi == centi
    return check


def allocate_something(funds: funds_pb2_grpc.FundsServiceStub) -> None:
    """Money allocated to the village, so it has a score before any collective income."""
    source = funds.CreateSource(funds_pb2.CreateSourceRequest(kind=events_pb2.SOURCE_KIND_COUNTY_FISCAL,
                                                              name="Liannan county budget"), timeout=5)
    funds.RecordReceipt(funds_pb2.RecordReceiptRequest(source_id=source.source_id, amount_fen=1_000_000,
                                                       idempotency_key="receipt-1"), timeout=5)
    funds.AllocateFunds(funds_pb2.AllocateFundsRequest(source_id=source.source_id, village_code=VILLAGE,
                                                       amount_fen=1_000_000, idempotency_key="allocation-1"),
                        timeout=5)


def test_recorded_collective_income_is_scored_by_the_rubric_and_a_correction_rescores_it(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds")
    assessment = start_service("assessment")
    allocate_something(funds_pb2_grpc.FundsServiceStub(channel_as(funds, "county_approver")))
    wait_for(lambda: indicator_of(assessment) is not None, timeout=30)
    before = indicator_of(assessment)
    assert before is not None and not before.measurable and "collective-income-recorded" in before.note

    cadre = funds_pb2_grpc.FundsServiceStub(channel_as(funds, "village_cadre", VILLAGE))
    first = cadre.RecordCollectiveIncome(funds_pb2.RecordCollectiveIncomeRequest(
        village_code=VILLAGE, year=2011, amount_fen=3_000_000, reported_by="village committee",
        note="rents and the tea-garden dividend", idempotency_key="income-2011"), timeout=5)
    assert (first.revision, first.village.county_code) == (1, "441826000000")
    wait_for(scored_at(assessment, expected_centi(assessment, 3_000_000)), timeout=30)
    measured = indicator_of(assessment)
    assert measured is not None and expected_centi(assessment, 3_000_000) == 300
    assert (measured.raw_value, {c.name: c.value for c in measured.counts}) == (
        "3000000", {"year": 2011, "collective_income_fen": 3_000_000})

    # The township corrects the figure over the JSON API; the score follows.
    status, corrected = post_json(f"{funds.http_base}/v1/villages/{VILLAGE}/collective-income",
                                  {"year": 2011, "amount_fen": 4_560_000, "note": "the fish-pond rent was left out",
                                   "idempotency_key": "income-2011-corrected"},
                                  token_for("township_reviewer", TOWNSHIP))
    assert status == 201, corrected
    assert (corrected["revision"], corrected["supersedes_record_id"]) == (2, first.record_id)
    wait_for(scored_at(assessment, expected_centi(assessment, 4_560_000)), timeout=30)
    assert expected_centi(assessment, 4_560_000) == 456

    status, income = get_json(f"{funds.http_base}/v1/villages/{VILLAGE}/collective-income",
                              token_for("auditor"))
    assert status == 200
    assert [(y["year"], y["amount_fen"], y["revision"]) for y in income["years"]] == [(2011, 4_560_000, 2)]
    assert [s["record_id"] for s in income["superseded"]] == [first.record_id]


def test_bad_reports_are_refused_with_every_problem_and_outsiders_are_denied(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("grpc", "http"))
    url = f"{funds.http_base}/v1/villages/{VILLAGE}/collective-income"
    cadre = token_for("village_cadre", VILLAGE)
    status, body = post_json(url, {"year": 2101, "amount_fen": -5, "note": 7, "colour": "red"}, cadre)
    assert status == 400 and body["error"]["code"] == "INVALID_ARGUMENT"
    assert {v["field"] for v in body["error"]["field_violations"]} == {"colour", "note"}
    status, body = post_json(url, {"year": 2101, "amount_fen": -5, "recorded_at": "yesterday"}, cadre)
    assert status == 400
    assert {v["field"] for v in body["error"]["field_violations"]} == {"year", "amount_fen", "recorded_at",
                                                                       "idempotency_key"}
    status, body = post_json(f"{funds.http_base}/v1/villages/441826000000/collective-income",
                             {"year": 2011, "amount_fen": 1, "idempotency_key": "k"}, token_for("county_approver"))
    assert status == 400 and [v["field"] for v in body["error"]["field_violations"]] == ["village_code"]

    neighbour = post_json(url, {"year": 2011, "amount_fen": 1, "idempotency_key": "k"},
                          token_for("village_cadre", "441826100202"))
    unit = post_json(url, {"year": 2011, "amount_fen": 1, "idempotency_key": "k"}, token_for("support_unit", VILLAGE))
    auditor = post_json(url, {"year": 2011, "amount_fen": 1, "idempotency_key": "k"}, token_for("auditor"))
    assert [neighbour[0], unit[0], auditor[0]] == [403, 403, 403]
    assert get_json(url, token_for("auditor"))[0] == 200
    stub = funds_pb2_grpc.FundsServiceStub(channel_as(funds, "village_cadre", VILLAGE))
    with pytest.raises(grpc.RpcError) as error:
        stub.GetCollectiveIncome(funds_pb2.GetCollectiveIncomeRequest(village_code="44182610020"), timeout=5)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
