"""gRPC entrypoint: decode -> view -> encode."""
from __future__ import annotations

import grpc
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc

from chassis.errors import FieldViolation, collect
from chassis.grpc_errors import maps_errors

from assessment.adapters import translators
from assessment.bootstrap import Assessment
from assessment.domain.divisions import is_division_code


class AssessmentServicer(assessment_pb2_grpc.AssessmentServiceServicer):
    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment

    @maps_errors
    def GetVillageSummary(self, request: assessment_pb2.GetVillageSummaryRequest,
                          context: grpc.ServicerContext) -> assessment_pb2.VillageSummary:
        if not is_division_code(request.village_code):
            collect([FieldViolation("village_code", "must be a 12-digit village code")])
        return translators.summary_message(self.assessment.village_summary(request.village_code))


SERVICE_NAME = assessment_pb2.DESCRIPTOR.services_by_name["AssessmentService"].full_name


def adder(assessment: Assessment):  # type: ignore[no-untyped-def]
    def add(server: grpc.Server) -> None:
        assessment_pb2_grpc.add_AssessmentServiceServicer_to_server(AssessmentServicer(assessment), server)
    return add
