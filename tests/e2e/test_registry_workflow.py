"""The registration workflow, surveys, exit and return to poverty, through the
registry's gRPC and JSON APIs on real PostgreSQL and Kafka."""
from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.grpc_errors import field_violations_of
from chassis.security.testing import token_for
from e2e_support import VILLAGE, get_json, id_number, post_json

OTHER_VILLAGE = "441826100201"
APPROVE, REJECT, SEND_BACK = R.STEP_DECISION_APPROVE, R.STEP_DECISION_REJECT, R.STEP_DECISION_SEND_BACK


def a_file(seed: int, village: str = VILLAGE, wages_fen: int = 290_000) -> R.HouseholdFile:
    born = f"19{50 + seed % 40:02d}0{1 + seed % 9}1{seed % 9}"
    members = [R.Member(name=f"Head {seed}", national_id=id_number(f"441826{born}{seed % 1000:03d}"),
                        relation=R.RELATION_HEAD, sex=R.SEX_MALE,
                        birth_date=f"{born[:4]}-{born[4:6]}-{born[6:]}", labour_ability=R.LABOUR_ABILITY_FULL,
                        health=R.HEALTH_HEALTHY, disability=R.DISABILITY_NONE, schooling=R.SCHOOLING_PRIMARY),
               R.Member(name=f"Child {seed}", national_id=id_number(f"44182620100101{seed % 1000:03d}"),
                        relation=R.RELATION_CHILD, sex=R.SEX_FEMALE, birth_date="2010-01-01",
                        labour_ability=R.LABOUR_ABILITY_NONE, health=R.HEALTH_HEALTHY,
                        disability=R.DISABILITY_NONE, schooling=R.SCHOOLING_JUNIOR_SECONDARY)]
    return R.HouseholdFile(village_code=village, category=R.CATEGORY_ABLE_TO_WORK, members=members,
                           income=R.Income(wages_fen=wages_fen, farming_fen=20_000, costs_fen=10_000),
                           housing_dilapidated=True, causes=[R.POVERTY_CAUSE_LACK_OF_SKILLS])


# Who does each call in a real deployment: the official whose job it is.
ROLE_OF = {"SubmitHousehold": "village_cadre", "ResubmitHousehold": "village_cadre",
           "RecordObjection": "village_cadre", "RecordSurvey": "village_cadre", "ProposeExit": "village_cadre",
           "ReturnToPoverty": "county_approver", "RegisterHousehold": "prefecture_registrar",
           "LoadDivisions": "provincial_office", "ListHouseholds": "provincial_office"}
STEP_ROLE = {R.WORKFLOW_STEP_VILLAGE_VERIFICATION: "village_cadre", R.WORKFLOW_STEP_VILLAGE_DISCUSSION: "village_cadre",
             R.WORKFLOW_STEP_TOWNSHIP_REVIEW: "township_reviewer", R.WORKFLOW_STEP_COUNTY_APPROVAL: "county_approver",
             R.WORKFLOW_STEP_PREFECTURE_REGISTRATION: "prefecture_registrar",
             R.WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION: "village_cadre",
             R.WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION: "county_approver"}
READER = "county_approver"


class Officials:
    """A RegistryService stub whose every call is made by the official whose
    job it is, in the jurisdiction of the household or village concerned."""

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self.stubs: dict[tuple[str, str | None], registry_pb2_grpc.RegistryServiceStub] = {}

    def _village(self, request: Any) -> str:
        if getattr(request, "household_id", "") and request.DESCRIPTOR.name != "SubmitHouseholdRequest":
            try:
                return self.registry.service.get_household(request.household_id).divisions.village
            except Exception:  # an unknown household: any cadre may hear it is unknown
                return VILLAGE
        if request.DESCRIPTOR.name == "SubmitHouseholdRequest":
            return request.file.village_code
        return getattr(request, "village_code", "") or VILLAGE

    def _stub(self, method: str, request: Any) -> registry_pb2_grpc.RegistryServiceStub:
        step = getattr(request, "step", 0)
        role = STEP_ROLE.get(step) if method in ("DecideStep", "ConfirmExit") else ROLE_OF.get(method, READER)
        village = self._village(request) if role in ("village_cadre", "township_reviewer") else ""
        jurisdiction = {"village_cadre": village, "township_reviewer": village[:9] + "000"}.get(role)
        key = (role, jurisdiction)
        if key not in self.stubs:
            self.stubs[key] = registry_pb2_grpc.RegistryServiceStub(self.registry.channel(role, jurisdiction))
        return self.stubs[key]

    def __getattr__(self, method: str) -> Callable[..., Any]:
        return lambda request, **options: getattr(self._stub(method, request), method)(request, **options)


def stub_of(registry: Any) -> Any:
    return Officials(registry)


CADRE = token_for("village_cadre", VILLAGE)
COUNTY = token_for("county_approver")
PROVINCE = token_for("provincial_office")


def decide(stub: Any, household_id: str, step: int, decision: int = APPROVE, reason: str = "") -> R.Household:
    return stub.DecideStep(R.DecideStepRequest(household_id=household_id, step=step, decision=decision,
                                               reason=reason, decided_by=f"official-{step}"), timeout=5)


def skip_notice(registry: Any, days: int = 7) -> None:
    base = registry.service.clock
    registry.service.clock = lambda: base() + timedelta(days=days)


def test_a_household_walks_every_step_with_a_send_back_a_resubmission_and_a_full_history(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc", "http"))
    stub = stub_of(registry)
    household_id = stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(1), submitted_by="cadre-7"),
                                        timeout=5).household_id
    decide(stub, household_id, R.WORKFLOW_STEP_VILLAGE_VERIFICATION)
    sent_back = decide(stub, household_id, R.WORKFLOW_STEP_VILLAGE_DISCUSSION, SEND_BACK, "housing area missing")
    assert sent_back.status == "sent_back"

    with pytest.raises(grpc.RpcError) as error:
        decide(stub, household_id, R.WORKFLOW_STEP_TOWNSHIP_REVIEW)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION and "sent_back" in error.value.details()

    corrected = a_file(1)
    corrected.housing_area_m2 = 48
    again = stub.ResubmitHousehold(R.ResubmitHouseholdRequest(household_id=household_id, file=corrected,
                                                              submitted_by="cadre-7"), timeout=5)
    assert (again.status, again.current_step) == ("pending", R.WORKFLOW_STEP_VILLAGE_VERIFICATION)
    decide(stub, household_id, R.WORKFLOW_STEP_VILLAGE_VERIFICATION)
    noticed = decide(stub, household_id, R.WORKFLOW_STEP_VILLAGE_DISCUSSION)
    assert noticed.notice_ends_on

    notice = stub.GetPublicNotice(R.GetPublicNoticeRequest(village_code=VILLAGE), timeout=5)
    [entry] = notice.entries
    assert sorted(entry.names) == ["Child 1", "Head 1"] and entry.category == R.CATEGORY_ABLE_TO_WORK
    assert corrected.members[0].national_id not in str(notice)
    stub.RecordObjection(R.RecordObjectionRequest(household_id=household_id, text="owns a truck",
                                                  recorded_by="villager-desk"), timeout=5)
    with pytest.raises(grpc.RpcError) as error:
        decide(stub, household_id, R.WORKFLOW_STEP_TOWNSHIP_REVIEW)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION and "public notice until" in error.value.details()

    skip_notice(registry)
    decide(stub, household_id, R.WORKFLOW_STEP_TOWNSHIP_REVIEW, reason="truck belongs to a cousin")
    decide(stub, household_id, R.WORKFLOW_STEP_COUNTY_APPROVAL)
    registered = decide(stub, household_id, R.WORKFLOW_STEP_PREFECTURE_REGISTRATION)
    assert registered.status == "registered" and registered.entry_income_per_capita_fen == 150_000

    history = stub.GetHistory(R.GetHistoryRequest(household_id=household_id), timeout=5)
    decisions = [(e.kind, e.step, e.decision) for e in history.entries]
    assert decisions == [
        ("submitted", R.WORKFLOW_STEP_APPLICATION, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_VILLAGE_VERIFICATION, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_VILLAGE_DISCUSSION, SEND_BACK),
        ("resubmitted", R.WORKFLOW_STEP_APPLICATION, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_VILLAGE_VERIFICATION, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_VILLAGE_DISCUSSION, APPROVE),
        ("objection-recorded", R.WORKFLOW_STEP_VILLAGE_DISCUSSION, 0),
        ("step-decided", R.WORKFLOW_STEP_TOWNSHIP_REVIEW, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_COUNTY_APPROVAL, APPROVE),
        ("step-decided", R.WORKFLOW_STEP_PREFECTURE_REGISTRATION, APPROVE),
        ("registered", 0, 0)]
    assert all(e.actor for e in history.entries if e.kind != "registered")
    assert history.entries[2].reason == "housing area missing"


def test_an_entry_income_above_the_line_is_refused_with_the_figures(start_service: Callable[..., Any]) -> None:
    # (290,003 + 20,000 - 10,000) fen over 2 people is one fen over the 1,500-yuan line.
    registry = start_service("registry", parts=("grpc",))
    with pytest.raises(grpc.RpcError) as error:
        stub_of(registry).SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(2, wages_fen=290_003),
                                                                   submitted_by="cadre"), timeout=5)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "income" in {v.field for v in field_violations_of(error.value)}


def test_a_rejection_is_final_and_frees_the_people_for_a_new_application(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    stub = stub_of(registry)
    first = stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(3), submitted_by="cadre"), timeout=5)
    rejected = decide(stub, first.household_id, R.WORKFLOW_STEP_VILLAGE_VERIFICATION, REJECT, "not resident")
    assert rejected.status == "rejected"
    with pytest.raises(grpc.RpcError) as error:
        decide(stub, first.household_id, R.WORKFLOW_STEP_VILLAGE_VERIFICATION)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION and "rejected" in error.value.details()
    with pytest.raises(grpc.RpcError) as error:
        decide(stub, first.household_id, R.WORKFLOW_STEP_VILLAGE_VERIFICATION, REJECT)
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    second = stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(3), submitted_by="cadre"), timeout=5)
    assert second.household_id != first.household_id


def test_the_same_national_id_in_two_villages_is_rejected_with_a_clear_reason(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc", "http"))
    stub = stub_of(registry)
    first = stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(4), submitted_by="cadre"), timeout=5)
    elsewhere = a_file(5, village=OTHER_VILLAGE)
    elsewhere.members[1].CopyFrom(a_file(4).members[1])
    with pytest.raises(grpc.RpcError) as error:
        stub.SubmitHousehold(R.SubmitHouseholdRequest(file=elsewhere, submitted_by="cadre"), timeout=5)
    assert error.value.code() is grpc.StatusCode.ALREADY_EXISTS
    assert f"members[1].national_id: this person is already a member of active household {first.household_id} " \
           f"in village {VILLAGE}" in error.value.details()
    assert elsewhere.members[1].national_id not in error.value.details()
    page = stub.ListHouseholds(R.ListHouseholdsRequest(division_code="441826000000"), timeout=5)
    assert page.total_size == 1


def test_an_unknown_village_is_refused_until_its_division_is_loaded(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc", "http"))
    stub = stub_of(registry)
    unknown = "441826105299"
    with pytest.raises(grpc.RpcError) as error:
        stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(6, village=unknown), submitted_by="c"), timeout=5)
    assert "village_code" in {v.field for v in field_violations_of(error.value)}
    status, body = post_json(f"{registry.http_base}/v1/divisions", {"divisions": [
        {"code": unknown, "name": "New village", "level": "village", "parent_code": "441826105000"}]}, PROVINCE)
    assert (status, body) == (200, {"added": 1, "updated": 0})
    assert stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(6, village=unknown), submitted_by="c"),
                                timeout=5).household_id


def test_lists_filter_by_any_division_and_everything_below_it_in_pages(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc", "http"))
    stub = stub_of(registry)
    for seed, village in ((10, VILLAGE), (11, VILLAGE), (12, OTHER_VILLAGE)):
        stub.SubmitHousehold(R.SubmitHouseholdRequest(file=a_file(seed, village), submitted_by="c"), timeout=5)
    counts = {code: stub.ListHouseholds(R.ListHouseholdsRequest(division_code=code), timeout=5).total_size
              for code in ("440000000000", "441800000000", "441826000000", "441826108000", VILLAGE,
                           "441826100000")}
    assert counts == {"440000000000": 3, "441800000000": 3, "441826000000": 3, "441826108000": 2, VILLAGE: 2,
                      "441826100000": 1}
    first = stub.ListHouseholds(R.ListHouseholdsRequest(page_size=2), timeout=5)
    rest = stub.ListHouseholds(R.ListHouseholdsRequest(page_size=2, page_token=first.next_page_token), timeout=5)
    assert len(first.households) == 2 and len(rest.households) == 1 and not rest.next_page_token
    status, body = get_json(f"{registry.http_base}/v1/households?division_code=441826108000", COUNTY)
    assert status == 200 and body["total_people"] == 4


def registered(stub: Any, seed: int) -> str:
    request = R.RegisterHouseholdRequest(village_code=VILLAGE, category=R.CATEGORY_DIBAO,
                                         members=a_file(seed).members)
    return stub.RegisterHousehold(request, timeout=5).household_id


def survey(stub: Any, household_id: str, year: int, wages_fen: int, corrects: str = "", **hardship: bool) -> R.Survey:
    return stub.RecordSurvey(R.RecordSurveyRequest(
        household_id=household_id, year=year, income=R.Income(wages_fen=wages_fen),
        guarantees=R.Guarantees(food_and_clothing=True, compulsory_schooling=True, medical_insurance=True,
                                safe_housing=True), recorded_by="investigator", corrects_survey_id=corrects,
        **hardship), timeout=5)


def test_one_survey_per_year_and_a_correction_supersedes_it_with_history(start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    stub = stub_of(registry)
    household_id = registered(stub, 20)
    first = survey(stub, household_id, 2025, 400_000)
    assert (first.net_income_fen, first.per_capita_net_income_fen) == (400_000, 200_000)
    with pytest.raises(grpc.RpcError) as error:
        survey(stub, household_id, 2025, 500_000)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION and first.survey_id in error.value.details()
    corrected = survey(stub, household_id, 2025, 500_001, corrects=first.survey_id)
    assert corrected.supersedes_survey_id == first.survey_id and corrected.per_capita_net_income_fen == 250_000
    history = stub.GetHistory(R.GetHistoryRequest(household_id=household_id), timeout=5)
    assert [s.survey_id for s in history.surveys] == [first.survey_id, corrected.survey_id]


def test_exit_is_confirmed_village_then_county_and_a_fall_back_is_flagged_and_returns(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("grpc",))
    stub = stub_of(registry)
    household_id = registered(stub, 30)
    survey(stub, household_id, 2024, 499_998)
    with pytest.raises(grpc.RpcError) as error:
        stub.ProposeExit(R.ProposeExitRequest(household_id=household_id, proposed_by="cadre"), timeout=5)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION and "2,499.99 yuan" in error.value.details()
    survey(stub, household_id, 2025, 800_000)
    proposed = stub.ProposeExit(R.ProposeExitRequest(household_id=household_id, proposed_by="cadre"), timeout=5)
    assert proposed.current_step == R.WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION
    confirm = lambda step: stub.ConfirmExit(R.ConfirmExitRequest(  # noqa: E731
        household_id=household_id, step=step, decision=APPROVE, decided_by="official"), timeout=5)
    with pytest.raises(grpc.RpcError) as error:
        confirm(R.WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION)
    assert error.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    confirm(R.WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION)
    assert confirm(R.WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION).status == "exited"

    survey(stub, household_id, 2026, 780_000, new_serious_illness=True)
    flagged = stub.GetHousehold(R.GetHouseholdRequest(household_id=household_id), timeout=5)
    assert (flagged.risk.category, flagged.risk.rule) == ("sudden_hardship", "new-illness")
    page = stub.ListHouseholds(R.ListHouseholdsRequest(status="exited"), timeout=5)
    assert page.households[0].risk_category == "sudden_hardship"
    back = stub.ReturnToPoverty(R.ReturnToPovertyRequest(household_id=household_id, reason="illness",
                                                         decided_by="county"), timeout=5)
    assert back.status == "registered" and not back.HasField("risk") and len(back.members) == 2
    kinds = [e.kind for e in stub.GetHistory(R.GetHistoryRequest(household_id=household_id), timeout=5).entries]
    assert kinds[-4:] == ["survey-recorded", "risk-flagged", "returned-to-poverty", "risk-cleared"]


def test_the_json_api_walks_the_same_workflow_and_serves_its_openapi_document(
        start_service: Callable[..., Any]) -> None:
    registry = start_service("registry", parts=("http",))
    base = registry.http_base
    head = {"name": "Tang Mei", "national_id": id_number("44182619800303001"), "relation": "head", "sex": "female",
            "birth_date": "1980-03-03", "labour_ability": "partial", "health": "chronic_illness",
            "disability": "none", "schooling": "primary"}
    status, body = post_json(f"{base}/v1/submissions", {"submitted_by": "cadre", "file": {
        "village_code": VILLAGE, "category": "dibao", "members": [head], "causes": ["illness"],
        "income": {"transfers_fen": 90_000}}}, CADRE)
    assert status == 201, body
    household_id = body["household_id"]
    status, body = post_json(f"{base}/v1/households/{household_id}/decisions",
                             {"step": "county_approval", "decision": "approve", "decided_by": "county"}, COUNTY)
    assert status == 409 and "village_verification" in body["error"]["message"]
    status, body = post_json(f"{base}/v1/households/{household_id}/decisions",
                             {"step": "village_verification", "decision": "send_back", "decided_by": "v"}, CADRE)
    assert status == 400 and body["error"]["field_violations"][0]["field"] == "reason"
    with urllib.request.urlopen(f"{base}/openapi.json") as response:
        document = json.loads(response.read())
    assert document["openapi"].startswith("3.") and "/v1/households/{household_id}/decisions" in document["paths"]
