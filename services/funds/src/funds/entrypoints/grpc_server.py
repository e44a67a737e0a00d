"""gRPC entrypoint: decode -> command -> bus -> encode. Nothing else."""
from __future__ import annotations

from collections.abc import Callable

import grpc
from shuangdao.funds.v1 import funds_pb2, funds_pb2_grpc

from chassis.grpc_errors import maps_errors
from chassis.security.context import current_principal

from funds.adapters import translators as t
from funds.bootstrap import Funds

Context = grpc.ServicerContext


class FundsServicer(funds_pb2_grpc.FundsServiceServicer):
    def __init__(self, funds: Funds) -> None:
        self.funds = funds

    @maps_errors
    def CreateSource(self, request: funds_pb2.CreateSourceRequest, context: Context) -> funds_pb2.Source:
        return t.source_message(self.funds.handle(t.create_source(request), current_principal()))

    @maps_errors
    def GetSource(self, request: funds_pb2.GetSourceRequest, context: Context) -> funds_pb2.Source:
        return t.source_message(self.funds.get_source(request.source_id, current_principal()))

    @maps_errors
    def ListSources(self, request: funds_pb2.ListSourcesRequest, context: Context) -> funds_pb2.ListSourcesResponse:
        return funds_pb2.ListSourcesResponse(sources=[t.source_message(s) for s in self.funds.list_sources(current_principal())])

    @maps_errors
    def RecordReceipt(self, request: funds_pb2.RecordReceiptRequest, context: Context) -> funds_pb2.Receipt:
        return t.receipt_message(self.funds.handle(t.record_receipt(request), current_principal()))

    @maps_errors
    def AllocateFunds(self, request: funds_pb2.AllocateFundsRequest, context: Context) -> funds_pb2.Allocation:
        return t.allocation_message(self.funds.handle(t.allocate_funds(request), current_principal()))

    @maps_errors
    def GetAllocation(self, request: funds_pb2.GetAllocationRequest, context: Context) -> funds_pb2.Allocation:
        return t.allocation_message(self.funds.get_allocation(request.allocation_id, current_principal()))

    @maps_errors
    def CreateProject(self, request: funds_pb2.CreateProjectRequest, context: Context) -> funds_pb2.Project:
        return t.project_message(self.funds.handle(t.create_project(request), current_principal()))

    @maps_errors
    def GetProject(self, request: funds_pb2.GetProjectRequest, context: Context) -> funds_pb2.Project:
        return t.project_message(self.funds.get_project(request.project_id, current_principal()))

    @maps_errors
    def CommitFunds(self, request: funds_pb2.CommitFundsRequest, context: Context) -> funds_pb2.Commitment:
        return t.commitment_message(self.funds.handle(t.commit_funds(request), current_principal()))

    @maps_errors
    def Disburse(self, request: funds_pb2.DisburseRequest, context: Context) -> funds_pb2.Disbursement:
        return t.disbursement_message(self.funds.handle(t.disburse(request), current_principal()))

    @maps_errors
    def ReverseDisbursement(self, request: funds_pb2.ReverseDisbursementRequest,
                            context: Context) -> funds_pb2.Reversal:
        return t.reversal_message(self.funds.handle(t.reverse_disbursement(request), current_principal()))

    @maps_errors
    def CompleteProject(self, request: funds_pb2.CompleteProjectRequest, context: Context) -> funds_pb2.Project:
        return t.project_message(self.funds.handle(t.complete_project(request), current_principal()))

    @maps_errors
    def GetVillageFunds(self, request: funds_pb2.GetVillageFundsRequest, context: Context) -> funds_pb2.VillageFunds:
        return t.village_funds_message(self.funds.village_funds(request.village_code, current_principal()))

    @maps_errors
    def GetSourceMix(self, request: funds_pb2.GetSourceMixRequest, context: Context) -> funds_pb2.SourceMix:
        return t.source_mix_message(self.funds.source_mix(request.division_code, current_principal()))

    @maps_errors
    def ListIdleAllocations(self, request: funds_pb2.ListIdleAllocationsRequest,
                            context: Context) -> funds_pb2.ListIdleAllocationsResponse:
        as_of, days, found = self.funds.idle_allocations(request.as_of, request.idle_days, request.division_code,
                                                     current_principal())
        return funds_pb2.ListIdleAllocationsResponse(as_of=as_of.isoformat(), idle_days=days,
                                                     allocations=[t.idle_message(i) for i in found])


    @maps_errors
    def RecordCollectiveIncome(self, request: funds_pb2.RecordCollectiveIncomeRequest,
                               context: Context) -> funds_pb2.CollectiveIncomeRecord:
        return t.collective_income_record_message(
            self.funds.handle(t.record_collective_income(request), current_principal()))

    @maps_errors
    def GetCollectiveIncome(self, request: funds_pb2.GetCollectiveIncomeRequest,
                            context: Context) -> funds_pb2.CollectiveIncome:
        return t.collective_income_message(
            self.funds.village_collective_income(request.village_code, current_principal()))


SERVICE_NAME = funds_pb2.DESCRIPTOR.services_by_name["FundsService"].full_name


def adder(funds: Funds) -> Callable[[grpc.Server], None]:
    def add(server: grpc.Server) -> None:
        funds_pb2_grpc.add_FundsServiceServicer_to_server(FundsServicer(funds), server)
    return add
