"""The Sanpai load records the village collective's income the case study
gives (81,600 yuan in 2011, 36,000 more than in 2010), and the assessment
measures Sanpai's "village collective income" from it, as `make run` shows."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc
from shuangdao.funds.v1 import funds_pb2, funds_pb2_grpc

from e2e_support import channel_as, wait_for
from funds import sanpai

SANPAI = "441826108201"
YUAN = 100


def collective_income_indicator(assessment: Any) -> assessment_pb2.IndicatorScore | None:
    stub = assessment_pb2_grpc.AssessmentServiceStub(channel_as(assessment, "provincial_office"))
    try:
        score = stub.GetScore(assessment_pb2.GetScoreRequest(target_kind="village", target_id=SANPAI), timeout=5)
    except grpc.RpcError as error:
        if error.code() is grpc.StatusCode.NOT_FOUND:
            return None
        raise
    return next(i for i in score.indicators if i.indicator == "collective_income")


def test_the_sanpai_load_records_the_case_studys_collective_income_and_the_assessment_measures_it(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds")
    assessment = start_service("assessment")
    loaded = sanpai.load(channel_as(funds, "county_approver"))
    assert sanpai.load(channel_as(funds, "county_approver")) == loaded  # a second load records nothing more

    stub = funds_pb2_grpc.FundsServiceStub(channel_as(funds, "auditor"))
    income = stub.GetCollectiveIncome(funds_pb2.GetCollectiveIncomeRequest(village_code=SANPAI), timeout=5)
    assert [(y.year, y.amount_fen, y.revision) for y in income.years] == [(2010, 45_600 * YUAN, 1),
                                                                          (2011, 81_600 * YUAN, 1)]
    assert income.years[1].amount_fen - income.years[0].amount_fen == 36_000 * YUAN
    assert (income.latest_year, income.latest_amount_fen, len(income.superseded)) == (2011, 81_600 * YUAN, 0)
    assert sorted(loaded.collective_income_ids) == [2010, 2011]

    def measured() -> bool:
        found = collective_income_indicator(assessment)
        return found is not None and found.measurable and dict((c.name, c.value) for c in found.counts).get(
            "collective_income_fen") == 81_600 * YUAN

    wait_for(measured, timeout=30)
    indicator = collective_income_indicator(assessment)
    assert indicator is not None
    rubric = assessment.service.rubric.indicator("village", "collective_income")
    assert 81_600 * YUAN >= rubric.parameter  # above the rubric's target: full marks
    assert (indicator.points_centi, dict((c.name, c.value) for c in indicator.counts)["year"]) == (
        rubric.weight * 100, 2011)
