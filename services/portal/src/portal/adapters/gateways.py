"""One gateway per service. Each forwards the official's own token with every
call (the portal never calls with an identity of its own) and translates the
protobuf answers into the domain's view models."""
from __future__ import annotations

from datetime import date
from typing import Any

import grpc
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from shuangdao.assessment.v1 import assessment_pb2 as A
from shuangdao.assessment.v1 import assessment_pb2_grpc
from shuangdao.cadres.v1 import cadres_pb2 as C
from shuangdao.cadres.v1 import cadres_pb2_grpc
from shuangdao.cadres.v1 import events_pb2 as CE
from shuangdao.funds.v1 import events_pb2 as FE
from shuangdao.funds.v1 import funds_pb2 as F
from shuangdao.funds.v1 import funds_pb2_grpc
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from portal.adapters.grpc_calls import call
from portal.domain import model as m

MAX_LIST_PAGES = 10  # a work queue or village list longer than 10 x 500 is paged by the services' own APIs


def word(wrapper: EnumTypeWrapper, prefix: str, value: int) -> str:
    """CATEGORY_DIBAO -> 'dibao'; unspecified -> ''."""
    name = wrapper.Name(value) if value in wrapper.values() else ""
    word_ = name[len(prefix):].lower() if name.startswith(prefix) else ""
    return "" if word_ == "unspecified" else word_


class RegistryGateway:
    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = registry_pb2_grpc.RegistryServiceStub(channel)

    def divisions(self, token: str, parent_code: str = "") -> m.DivisionListing:
        answer = call(self.stub.ListDivisions, R.ListDivisionsRequest(parent_code=parent_code), token)
        return m.DivisionListing(_division(answer.parent) if answer.HasField("parent") else None,
                                 [_division(d) for d in answer.ancestors], [_division(d) for d in answer.divisions])

    def households(self, token: str, division_code: str, status: str = "", page_size: int = 100,
                   page_token: str = "") -> m.HouseholdPage:
        answer = call(self.stub.ListHouseholds, R.ListHouseholdsRequest(
            division_code=division_code, status=status, page_size=page_size, page_token=page_token), token)
        return m.HouseholdPage([_summary(s) for s in answer.households], answer.total_size, answer.total_people,
                               answer.next_page_token)

    def household_counts(self, token: str, division_code: str) -> m.DivisionCounts:
        """Households and people of a division and of each division below it, by status, in one call."""
        answer = call(self.stub.CountHouseholds, R.CountHouseholdsRequest(division_code=division_code), token)
        return m.DivisionCounts(_counts(answer.division), [_counts(c) for c in answer.children])

    def all_households(self, token: str, division_code: str, status: str = "") -> list[m.HouseholdRow]:
        rows: list[m.HouseholdRow] = []
        page_token = ""
        for _ in range(MAX_LIST_PAGES):
            page = self.households(token, division_code, status, 500, page_token)
            rows += page.rows
            page_token = page.next_page_token
            if not page_token:
                break
        return rows

    def household(self, token: str, household_id: str) -> m.HouseholdFile:
        return _household(call(self.stub.GetHousehold, R.GetHouseholdRequest(household_id=household_id), token))

    def history(self, token: str, household_id: str) -> m.HouseholdHistory:
        answer = call(self.stub.GetHistory, R.GetHistoryRequest(household_id=household_id), token)
        superseded = {s.supersedes_survey_id for s in answer.surveys if s.supersedes_survey_id}
        return m.HouseholdHistory(
            [m.HistoryEntry(e.at, e.kind, word(R.WorkflowStep, "WORKFLOW_STEP_", e.step),
                            word(R.StepDecision, "STEP_DECISION_", e.decision), e.reason, e.actor)
             for e in answer.entries],
            [m.Survey(s.survey_id, s.year, s.household_size, s.net_income_fen, s.per_capita_net_income_fen,
                      s.meets_exit_rule, s.recorded_at, s.survey_id in superseded) for s in answer.surveys])

    def decide(self, token: str, household_id: str, step: str, decision: str, reason: str,
               decided_by: str) -> m.HouseholdFile:
        request = R.DecideStepRequest(household_id=household_id,
                                      step=R.WorkflowStep.Value(f"WORKFLOW_STEP_{step.upper()}"),
                                      decision=R.StepDecision.Value(f"STEP_DECISION_{decision.upper()}"),
                                      reason=reason, decided_by=decided_by)
        return _household(call(self.stub.DecideStep, request, token))

    def confirm_exit(self, token: str, household_id: str, step: str, decision: str, reason: str,
                     decided_by: str) -> m.HouseholdFile:
        request = R.ConfirmExitRequest(household_id=household_id,
                                       step=R.WorkflowStep.Value(f"WORKFLOW_STEP_{step.upper()}"),
                                       decision=R.StepDecision.Value(f"STEP_DECISION_{decision.upper()}"),
                                       reason=reason, decided_by=decided_by)
        return _household(call(self.stub.ConfirmExit, request, token))


def _division(d: Any) -> m.Division:
    return m.Division(d.code, d.name, d.level, d.parent_code)


def _counts(c: Any) -> m.HouseholdCounts:
    return m.HouseholdCounts(_division(c.division), {g: (getattr(c, g).households, getattr(c, g).people)
                                                     for g in m.COUNT_GROUPS})


def _summary(s: Any) -> m.HouseholdRow:
    return m.HouseholdRow(s.household_id, s.divisions.village_code, word(R.Category, "CATEGORY_", s.category),
                          s.status, word(R.WorkflowStep, "WORKFLOW_STEP_", s.current_step), s.member_count,
                          s.able_to_work_count, s.entry_income_per_capita_fen, s.risk_category)


def _household(h: Any) -> m.HouseholdFile:
    members = [m.Member(x.name, x.national_id, word(R.Relation, "RELATION_", x.relation), word(R.Sex, "SEX_", x.sex),
                        x.birth_date, word(R.LabourAbility, "LABOUR_ABILITY_", x.labour_ability),
                        word(R.Health, "HEALTH_", x.health), word(R.Disability, "DISABILITY_", x.disability),
                        word(R.Schooling, "SCHOOLING_", x.schooling)) for x in h.members]
    return m.HouseholdFile(
        h.household_id, h.divisions.village_code, h.divisions.county_code, word(R.Category, "CATEGORY_", h.category),
        h.status, word(R.WorkflowStep, "WORKFLOW_STEP_", h.current_step), members,
        [word(R.PovertyCause, "POVERTY_CAUSE_", c) for c in h.causes], h.entry_income_per_capita_fen,
        h.housing_dilapidated, h.notice_ends_on, h.risk.category, h.risk.evidence, h.submitted_at, h.registered_at,
        h.exited_at)


class AssessmentGateway:
    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = assessment_pb2_grpc.AssessmentServiceStub(channel)

    def figures(self, token: str, division_code: str = "") -> m.Figures:
        f = call(self.stub.GetProvinceFigures, A.GetProvinceFiguresRequest(division_code=division_code), token)
        return m.Figures(f.division_code, f.registered_households, f.registered_people, f.exited_households,
                         f.exited_people, f.at_risk_households, f.at_risk_people,
                         [m.YearIncome(y.year, y.surveyed_households, y.surveyed_people, y.per_capita_income_fen,
                                       y.counties, y.disparity_ratio, y.coefficient_of_variation)
                          for y in f.income_by_year])

    def ranking(self, token: str, kind: str, division_code: str = "") -> m.Ranking:
        r = call(self.stub.GetRanking, A.GetRankingRequest(target_kind=kind, division_code=division_code), token)
        return m.Ranking(r.target_kind, r.division_code, r.tie_rule,
                         [m.RankingEntry(e.rank, e.target_id, e.score, e.score_centi, e.grade, e.unqualified)
                          for e in r.entries])

    def score(self, token: str, kind: str, target_id: str) -> m.Score:
        s = call(self.stub.GetScore, A.GetScoreRequest(target_kind=kind, target_id=target_id), token)
        return m.Score(s.target_kind, s.target_id, s.divisions.village_code, s.divisions.county_code, s.score,
                       s.score_centi, s.grade, s.grade_by_score, s.unqualified, list(s.unqualified_by),
                       s.rubric_version, s.as_of,
                       [m.Indicator(i.indicator, i.weight, i.points_centi, i.measurable, i.raw_value, i.formula,
                                    i.note) for i in s.indicators])

    def flags(self, token: str, division_code: str = "", kind: str = "", target_id: str = "") -> list[m.Flag]:
        answer = call(self.stub.ListFlags, A.ListFlagsRequest(target_kind=kind, target_id=target_id,
                                                              division_code=division_code), token)
        return [m.Flag(f.flag_id, f.target_kind, f.target_id, f.rule, f.evidence, f.raised_at, f.active)
                for f in answer.flags]


class CadresGateway:
    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = cadres_pb2_grpc.CadresServiceStub(channel)

    def cadre(self, token: str, cadre_id: str) -> m.Cadre:
        c = call(self.stub.GetCadre, C.GetCadreRequest(cadre_id=cadre_id), token)
        return m.Cadre(c.cadre_id, c.unit_id, c.name, c.position,
                       [m.Stationing(s.village.village_code, s.start_date, s.end_date, s.active)
                        for s in c.stationings])

    def support_unit(self, token: str, unit_id: str) -> m.SupportUnit:
        u = call(self.stub.GetSupportUnit, C.GetSupportUnitRequest(unit_id=unit_id), token)
        return m.SupportUnit(u.unit_id, u.name, word(CE.UnitKind, "UNIT_KIND_", u.kind))

    def attendance(self, token: str, cadre_id: str, month: str) -> m.AttendanceMonth:
        a = call(self.stub.GetAttendanceMonth, C.GetAttendanceMonthRequest(cadre_id=cadre_id, month=month), token)
        s = a.summary
        return m.AttendanceMonth(a.month, {date.fromisoformat(d.day): word(C.DayStatus, "DAY_STATUS_", d.status)
                                           for d in a.days if d.day},
                                 s.working_days, s.days_in_village, s.days_on_approved_leave, s.weekend_days,
                                 s.days_absent_without_leave)

    def leaves(self, token: str, cadre_id: str) -> list[m.Leave]:
        answer = call(self.stub.ListLeaves, C.ListLeavesRequest(cadre_id=cadre_id), token)
        return [m.Leave(x.leave_id, x.first_day, x.last_day, x.reason, word(C.LeaveStatus, "LEAVE_STATUS_", x.status),
                        x.decided_by) for x in answer.leaves]

    def inspections(self, token: str, cadre_id: str) -> list[m.Inspection]:
        answer = call(self.stub.ListInspections, C.ListInspectionsRequest(cadre_id=cadre_id), token)
        return [m.Inspection(x.inspection_id, x.inspected_on, word(CE.InspectionMethod, "INSPECTION_METHOD_", x.method),
                             word(C.InspectionOutcome, "INSPECTION_OUTCOME_", x.outcome),
                             word(C.InspectionFinding, "INSPECTION_FINDING_", x.finding), x.inspector, x.note)
                for x in answer.inspections]

    def stationings(self, token: str, village_code: str) -> list[tuple[str, m.Stationing]]:
        answer = call(self.stub.ListStationings, C.ListStationingsRequest(village_code=village_code), token)
        return [(s.cadre_id, m.Stationing(s.village.village_code, s.start_date, s.end_date, s.active))
                for s in answer.stationings]


class FundsGateway:
    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = funds_pb2_grpc.FundsServiceStub(channel)

    def source_mix(self, token: str, division_code: str) -> m.SourceMix:
        s = call(self.stub.GetSourceMix, F.GetSourceMixRequest(division_code=division_code), token)
        return m.SourceMix(s.division_code, s.total_allocated_fen,
                           [m.KindShare(word(FE.SourceKind, "SOURCE_KIND_", k.kind), k.allocated_fen,
                                        k.share_basis_points) for k in s.kinds],
                           s.social_fen, s.social_share_basis_points)

    def village(self, token: str, village_code: str) -> m.VillageFunds:
        v = call(self.stub.GetVillageFunds, F.GetVillageFundsRequest(village_code=village_code), token)
        return m.VillageFunds(village_code, v.allocated_fen, v.uncommitted_fen, v.committed_fen, v.disbursed_fen,
                              v.utilisation_basis_points)

    def idle(self, token: str, division_code: str) -> list[m.IdleAllocation]:
        answer = call(self.stub.ListIdleAllocations, F.ListIdleAllocationsRequest(division_code=division_code), token)
        return [m.IdleAllocation(i.allocation.allocation_id, i.allocation.village.village_code,
                                 word(FE.SourceKind, "SOURCE_KIND_", i.allocation.source_kind), i.allocation.purpose,
                                 i.allocation.amount_fen, i.unspent_fen, i.idle_since, i.days_idle)
                for i in answer.allocations]
