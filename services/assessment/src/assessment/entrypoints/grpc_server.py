"""gRPC entrypoint: decode -> view (as the caller) -> encode."""
from __future__ import annotations

import grpc
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc

from chassis.errors import FieldViolation, collect
from chassis.grpc_errors import maps_errors
from chassis.security.context import current_principal

from assessment.adapters import translators
from assessment.bootstrap import Assessment
from assessment.domain import queries
from assessment.domain.divisions import is_division_code
from assessment.service_layer import views


class AssessmentServicer(assessment_pb2_grpc.AssessmentServiceServicer):
    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment

    @maps_errors
    def GetVillageSummary(self, request: assessment_pb2.GetVillageSummaryRequest,
                          context: grpc.ServicerContext) -> assessment_pb2.VillageSummary:
        reader = current_principal()
        if not is_division_code(request.village_code):
            collect([FieldViolation("village_code", "must be a 12-digit village code")])
        return translators.summary_message(self.assessment.village_summary(request.village_code, reader))

    @maps_errors
    def GetScore(self, request: assessment_pb2.GetScoreRequest,
                 context: grpc.ServicerContext) -> assessment_pb2.Score:
        reader = current_principal()
        queries.check_target(request.target_kind, request.target_id)
        return translators.score_message(views.score(request.target_kind, request.target_id,
                                                     self.assessment.new_uow(), reader))

    @maps_errors
    def GetRanking(self, request: assessment_pb2.GetRankingRequest,
                   context: grpc.ServicerContext) -> assessment_pb2.Ranking:
        reader = current_principal()
        queries.check_ranking(request.target_kind, request.division_code)
        ranked = views.ranking(request.target_kind, request.division_code, self.assessment.new_uow(), reader)
        return assessment_pb2.Ranking(
            target_kind=request.target_kind, division_code=request.division_code,
            tie_rule=self.assessment.rubric.tie_rule,
            entries=[assessment_pb2.RankingEntry(rank=r.rank, target_id=r.score.target_id, score=r.score.score_text,
                                                 score_centi=r.score.score_centi, grade=r.score.grade,
                                                 unqualified=r.score.unqualified) for r in ranked])

    @maps_errors
    def ListFlags(self, request: assessment_pb2.ListFlagsRequest,
                  context: grpc.ServicerContext) -> assessment_pb2.FlagList:
        reader = current_principal()
        queries.check_flags(request.target_kind, request.target_id, request.division_code)
        found = views.flags(request.target_kind, request.target_id, request.division_code,
                            request.include_cleared, self.assessment.new_uow(), reader)
        return assessment_pb2.FlagList(flags=[translators.flag_message(f) for f in found])

    @maps_errors
    def GetProvinceFigures(self, request: assessment_pb2.GetProvinceFiguresRequest,
                           context: grpc.ServicerContext) -> assessment_pb2.ProvinceFigures:
        reader = current_principal()
        collect(queries.check_division(request.division_code))
        figures = views.province_figures(request.division_code, self.assessment.new_uow(), reader)
        t = figures.totals
        return assessment_pb2.ProvinceFigures(
            division_code=figures.division_code, registered_households=t.registered_households,
            registered_people=t.registered_people, exited_households=t.exited_households,
            exited_people=t.exited_people, at_risk_households=t.at_risk_households,
            at_risk_people=t.at_risk_people, income_by_year=[translators.year_message(y) for y in figures.years])


SERVICE_NAME = assessment_pb2.DESCRIPTOR.services_by_name["AssessmentService"].full_name


def adder(assessment: Assessment):  # type: ignore[no-untyped-def]
    def add(server: grpc.Server) -> None:
        assessment_pb2_grpc.add_AssessmentServiceServicer_to_server(AssessmentServicer(assessment), server)
    return add
