"""gRPC entrypoint: decode -> command (with the caller as its actor) -> bus ->
encode. Nothing else: authorization happens in the service layer."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import grpc
from shuangdao.registry.v1 import registry_pb2, registry_pb2_grpc

from chassis.grpc_errors import maps_errors
from chassis.security.context import current_principal

from registry.adapters import translators as t
from registry.bootstrap import Registry
from registry.domain import commands
from registry.service_layer import views
from registry.service_layer.security import shown

R = registry_pb2
Ctx = grpc.ServicerContext


class RegistryServicer(registry_pb2_grpc.RegistryServiceServicer):
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def _handle(self, command: Any) -> Any:
        return self.registry.bus.handle(replace(command, actor=current_principal()))

    def _household(self, household: Any) -> R.Household:
        return t.household_message(shown(household, current_principal()))

    @maps_errors
    def RegisterHousehold(self, request: R.RegisterHouseholdRequest, context: Ctx) -> R.RegisterHouseholdResponse:
        return R.RegisterHouseholdResponse(household_id=self._handle(t.register_command(request)))

    @maps_errors
    def RegisterHouseholds(self, request: R.RegisterHouseholdsRequest, context: Ctx) -> R.RegisterHouseholdsResponse:
        return t.batch_response(self._handle(t.register_batch_command(request)))

    @maps_errors
    def GetHousehold(self, request: R.GetHouseholdRequest, context: Ctx) -> R.Household:
        return t.household_message(self.registry.get_household(request.household_id, current_principal()))

    @maps_errors
    def SubmitHousehold(self, request: R.SubmitHouseholdRequest, context: Ctx) -> R.SubmitHouseholdResponse:
        return R.SubmitHouseholdResponse(household_id=self._handle(t.submit_command(request)))

    @maps_errors
    def DecideStep(self, request: R.DecideStepRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.DecideStep(
            household_id=request.household_id, step=t.step_word(request.step),
            decision=t.decision_word(request.decision), decided_by=request.decided_by, reason=request.reason)))

    @maps_errors
    def RecordObjection(self, request: R.RecordObjectionRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.RecordObjection(
            request.household_id, request.text, request.recorded_by)))

    @maps_errors
    def ResubmitHousehold(self, request: R.ResubmitHouseholdRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.ResubmitHousehold(
            request.household_id, t.file_input(request.file), request.submitted_by)))

    @maps_errors
    def ListHouseholds(self, request: R.ListHouseholdsRequest, context: Ctx) -> R.ListHouseholdsResponse:
        page = views.list_households(
            self.registry.new_uow(), division_code=request.division_code,
            category=t.enum_to_word(R.Category, "CATEGORY_", request.category), status=request.status,
            page_size=request.page_size, page_token=request.page_token, actor=current_principal())
        return R.ListHouseholdsResponse(households=[t.summary_message(s) for s in page.households],
                                        next_page_token=page.next_page_token, total_size=page.total_size,
                                        total_people=page.total_people)

    @maps_errors
    def GetPublicNotice(self, request: R.GetPublicNoticeRequest, context: Ctx) -> R.PublicNotice:
        entries = views.public_notice(request.village_code, self.registry.new_uow(), self.registry.now(),
                                     current_principal())
        return R.PublicNotice(village_code=request.village_code, entries=[R.PublicNoticeEntry(
            names=e.names, village_code=e.village_code, category=t.word_to_enum(R.Category, "CATEGORY_", e.category.value),
            notice_ends_on=e.notice_ends_on) for e in entries])

    @maps_errors
    def RecordSurvey(self, request: R.RecordSurveyRequest, context: Ctx) -> R.Survey:
        survey = self._handle(t.survey_command(request))
        return t.survey_message(survey, survey.meets_exit_rule(self.registry.settings.rules))

    @maps_errors
    def ProposeExit(self, request: R.ProposeExitRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.ProposeExit(
            request.household_id, request.proposed_by)))

    @maps_errors
    def ConfirmExit(self, request: R.ConfirmExitRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.ConfirmExit(
            request.household_id, t.step_word(request.step), t.decision_word(request.decision),
            request.decided_by, request.reason)))

    @maps_errors
    def ReturnToPoverty(self, request: R.ReturnToPovertyRequest, context: Ctx) -> R.Household:
        return self._household(self._handle(commands.ReturnToPoverty(
            request.household_id, request.decided_by, request.reason)))

    @maps_errors
    def GetHistory(self, request: R.GetHistoryRequest, context: Ctx) -> R.HouseholdHistory:
        return t.history_message(views.history(request.household_id, self.registry.new_uow(), current_principal()),
                                 self.registry.settings.rules)

    @maps_errors
    def LoadDivisions(self, request: R.LoadDivisionsRequest, context: Ctx) -> R.LoadDivisionsResponse:
        added, updated = self._handle(commands.LoadDivisions(tuple(
            commands.DivisionInput(d.code, d.name, d.level, d.parent_code) for d in request.divisions)))
        return R.LoadDivisionsResponse(added=added, updated=updated)

    @maps_errors
    def ListDivisions(self, request: R.ListDivisionsRequest, context: Ctx) -> R.ListDivisionsResponse:
        listing = views.list_divisions(self.registry.new_uow(), request.parent_code, current_principal())
        return R.ListDivisionsResponse(
            parent=t.division_message(listing.parent) if listing.parent else None,
            ancestors=[t.division_message(d) for d in listing.ancestors],
            divisions=[t.division_message(d) for d in listing.divisions])

    @maps_errors
    def CountHouseholds(self, request: R.CountHouseholdsRequest, context: Ctx) -> R.CountHouseholdsResponse:
        return t.count_households_response(views.count_households(
            self.registry.new_uow(), request.division_code, current_principal()))


SERVICE_NAME = registry_pb2.DESCRIPTOR.services_by_name["RegistryService"].full_name


def adder(registry: Registry):  # type: ignore[no-untyped-def]
    def add(server: grpc.Server) -> None:
        registry_pb2_grpc.add_RegistryServiceServicer_to_server(RegistryServicer(registry), server)
    return add
