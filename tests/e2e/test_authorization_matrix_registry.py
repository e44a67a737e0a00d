"""Every operation of the registry's gRPC and JSON APIs, for every role, inside
and outside the role's jurisdiction: allowed exactly when the policy (the pure
oracle `decide`) says so. Allowed means the call passed the gate (neither
PERMISSION_DENIED/403 nor UNAUTHENTICATED/401; it may still fail a rule of the
workflow, e.g. a decision on a step the household is not at); denied means
PERMISSION_DENIED/403.

DecideStep and ConfirmExit check a different action per step, so each step is
a case of its own. One service start for the module; every village the matrix
touches is in the division table (the shipped file, plus what a provincial
office loads through LoadDivisions) and holds a registered and a submitted
household seeded by the service itself (no caller)."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import grpc
import pytest
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.security.jurisdiction import Level, is_division_code, level_of
from chassis.security.policy import Role, decide
from chassis.security.testing import matrix_places, principal_for, token_for
from e2e_support import ModuleService, get_json, id_number, module_service, post_json

from registry.adapters import translators

ROLES = [role.value for role in Role]
WHERE = ["inside", "outside"]

# matrix_places' nearest village outside a city (441900100201) or a province
# (450000100201) sets a township below a county of 00: not a place the policy
# can judge (it denies any such code) nor one the registry can hold. The matrix
# needs real places outside, so these levels use a well-formed neighbour; the
# malformed codes get a test of their own below.
WELL_FORMED_OUTSIDE = {Level.CITY: "441702100201", Level.PROVINCE: "450102100201"}
MALFORMED_VILLAGES = ("441900100201", "450000100201")


def places(role: str) -> tuple[str, str, str]:
    """(jurisdiction, a village inside it, a real village just outside it)."""
    jurisdiction, inside, outside = matrix_places(role)
    if not is_division_code(outside):
        outside = WELL_FORMED_OUTSIDE[level_of(jurisdiction)]
    return jurisdiction, inside, outside


VILLAGES = sorted({village for role in ROLES for village in places(role)[1:]})
_people = itertools.count(1)  # every request that registers people gets people never seen before


def a_file(village: str) -> dict[str, Any]:
    """A household file as JSON: a head and a child whose ID numbers are new."""
    n = next(_people)
    head_born, child_born = date(1950, 1, 1) + timedelta(days=n), date(2006, 1, 1) + timedelta(days=n)
    return {"village_code": village, "category": "dibao", "causes": ["illness"],
            "income": {"transfers_fen": 90_000},
            "members": [{"name": f"Head {n}", "national_id": id_number(f"441826{head_born:%Y%m%d}001"),
                         "relation": "head", "sex": "female", "birth_date": head_born.isoformat(),
                         "labour_ability": "partial", "health": "chronic_illness", "disability": "none",
                         "schooling": "primary"},
                        {"name": f"Child {n}", "national_id": id_number(f"441826{child_born:%Y%m%d}002"),
                         "relation": "child", "sex": "male", "birth_date": child_born.isoformat(),
                         "labour_ability": "none", "health": "healthy", "disability": "none",
                         "schooling": "primary"}]}


def _enum(wrapper: Any, prefix: str, word: str) -> int:
    return wrapper.Value(f"{prefix}{word.upper()}")


def file_message(f: dict[str, Any]) -> R.HouseholdFile:
    members = [R.Member(name=m["name"], national_id=m["national_id"], relation=_enum(R.Relation, "RELATION_",
                                                                                   m["relation"]),
                        sex=_enum(R.Sex, "SEX_", m["sex"]), birth_date=m["birth_date"],
                        labour_ability=_enum(R.LabourAbility, "LABOUR_ABILITY_", m["labour_ability"]),
                        health=_enum(R.Health, "HEALTH_", m["health"]),
                        disability=_enum(R.Disability, "DISABILITY_", m["disability"]),
                        schooling=_enum(R.Schooling, "SCHOOLING_", m["schooling"])) for m in f["members"]]
    return R.HouseholdFile(village_code=f["village_code"], category=_enum(R.Category, "CATEGORY_", f["category"]),
                           members=members, income=R.Income(**f["income"]),
                           causes=[_enum(R.PovertyCause, "POVERTY_CAUSE_", c) for c in f["causes"]])


def register_message(f: dict[str, Any]) -> R.RegisterHouseholdRequest:
    m = file_message(f)
    return R.RegisterHouseholdRequest(village_code=m.village_code, category=m.category, members=m.members,
                                      income=m.income, causes=m.causes)


@dataclass(frozen=True)
class Seed:
    village: str
    division: tuple[str, str, str, str]  # the village's own row: code, name, level, parent
    registered: str                     # a household registered directly
    pending: str                        # a household submitted, on its way through the workflow


@dataclass(frozen=True)
class Case:
    """One operation on one village: what it checks, and how to call it both ways."""
    name: str
    actions: tuple[str, ...]   # every one must be granted
    division: str
    rpc: str
    request: Any
    verb: str
    rule: str                  # the Flask rule, for the coverage check
    path: str
    body: dict[str, Any] | None = field(default=None)


STEPS = ("village_verification", "village_discussion", "township_review", "county_approval",
         "prefecture_registration")
EXIT_STEPS = ("exit_village_confirmation", "exit_county_confirmation")
YEAR = date.today().year - 1
GUARANTEES = {"food_and_clothing": True, "compulsory_schooling": True, "medical_insurance": True,
              "safe_housing": True}


def cases(s: Seed) -> list[Case]:
    v, h, p = s.village, s.registered, s.pending
    one, batch, submitted, corrected = a_file(v), a_file(v), a_file(v), a_file(v)
    code, name, level, parent = s.division
    found = [
        Case("RegisterHousehold", ("registry.household.register",), v, "RegisterHousehold", register_message(one),
             "POST", "/v1/households", "/v1/households", one),
        Case("RegisterHouseholds", ("registry.household.register",), v, "RegisterHouseholds",
             R.RegisterHouseholdsRequest(households=[register_message(batch)]),
             "POST", "/v1/households:batch", "/v1/households:batch", {"households": [batch]}),
        Case("GetHousehold", ("registry.household.read",), v, "GetHousehold", R.GetHouseholdRequest(household_id=h),
             "GET", "/v1/households/<household_id>", f"/v1/households/{h}"),
        Case("SubmitHousehold", ("registry.household.submit",), v, "SubmitHousehold",
             R.SubmitHouseholdRequest(file=file_message(submitted), submitted_by="matrix"),
             "POST", "/v1/submissions", "/v1/submissions", {"file": submitted, "submitted_by": "matrix"}),
        Case("RecordObjection", ("registry.objection.record",), v, "RecordObjection",
             R.RecordObjectionRequest(household_id=p, text="not poor", recorded_by="matrix"),
             "POST", "/v1/households/<household_id>/objections", f"/v1/households/{p}/objections",
             {"text": "not poor", "recorded_by": "matrix"}),
        Case("ResubmitHousehold", ("registry.household.resubmit",), v, "ResubmitHousehold",
             R.ResubmitHouseholdRequest(household_id=p, file=file_message(corrected), submitted_by="matrix"),
             "POST", "/v1/households/<household_id>/resubmission", f"/v1/households/{p}/resubmission",
             {"file": corrected, "submitted_by": "matrix"}),
        Case("ListHouseholds", ("registry.household.read",), v, "ListHouseholds",
             R.ListHouseholdsRequest(division_code=v), "GET", "/v1/households", f"/v1/households?division_code={v}"),
        Case("GetPublicNotice", ("registry.notice.read",), v, "GetPublicNotice",
             R.GetPublicNoticeRequest(village_code=v), "GET", "/v1/villages/<village_code>/public-notice",
             f"/v1/villages/{v}/public-notice"),
        Case("RecordSurvey", ("registry.survey.record",), v, "RecordSurvey",
             R.RecordSurveyRequest(household_id=h, year=YEAR, income=R.Income(wages_fen=100_000),
                                   guarantees=R.Guarantees(**GUARANTEES), recorded_by="matrix"),
             "POST", "/v1/households/<household_id>/surveys", f"/v1/households/{h}/surveys",
             {"year": YEAR, "income": {"wages_fen": 100_000}, "guarantees": GUARANTEES, "recorded_by": "matrix"}),
        Case("ProposeExit", ("registry.exit.propose",), v, "ProposeExit",
             R.ProposeExitRequest(household_id=h, proposed_by="matrix"),
             "POST", "/v1/households/<household_id>/exit-proposal", f"/v1/households/{h}/exit-proposal",
             {"proposed_by": "matrix"}),
        Case("ReturnToPoverty", ("registry.household.return_to_poverty",), v, "ReturnToPoverty",
             R.ReturnToPovertyRequest(household_id=h, reason="flood", decided_by="matrix"),
             "POST", "/v1/households/<household_id>/return-to-poverty", f"/v1/households/{h}/return-to-poverty",
             {"reason": "flood", "decided_by": "matrix"}),
        Case("GetHistory", ("registry.history.read",), v, "GetHistory", R.GetHistoryRequest(household_id=h),
             "GET", "/v1/households/<household_id>/history", f"/v1/households/{h}/history"),
        Case("LoadDivisions", ("registry.division.load",), v, "LoadDivisions",
             R.LoadDivisionsRequest(divisions=[R.Division(code=code, name=name, level=level, parent_code=parent)]),
             "POST", "/v1/divisions", "/v1/divisions",
             {"divisions": [{"code": code, "name": name, "level": level, "parent_code": parent}]}),
        Case("ListDivisions", ("registry.division.read",), v, "ListDivisions",
             R.ListDivisionsRequest(parent_code=v[:9] + "000"), "GET", "/v1/divisions",
             f"/v1/divisions?parent_code={v[:9]}000"),
        Case("CountHouseholds", ("registry.household.read",), v, "CountHouseholds",
             R.CountHouseholdsRequest(division_code=v), "GET", "/v1/divisions/<division_code>/household-counts",
             f"/v1/divisions/{v}/household-counts"),
    ]
    for step in STEPS:
        found.append(Case(f"DecideStep({step})", (f"registry.step.decide.{step}",), v, "DecideStep",
                          R.DecideStepRequest(household_id=p, step=_enum(R.WorkflowStep, "WORKFLOW_STEP_", step),
                                              decision=R.STEP_DECISION_APPROVE, decided_by="matrix"),
                          "POST", "/v1/households/<household_id>/decisions", f"/v1/households/{p}/decisions",
                          {"step": step, "decision": "approve", "decided_by": "matrix"}))
    for step in EXIT_STEPS:
        # The coarse gate of ConfirmExit, then the step's own action.
        found.append(Case(f"ConfirmExit({step})", ("registry.exit.confirm", f"registry.step.decide.{step}"), v,
                          "ConfirmExit",
                          R.ConfirmExitRequest(household_id=h, step=_enum(R.WorkflowStep, "WORKFLOW_STEP_", step),
                                               decision=R.STEP_DECISION_APPROVE, decided_by="matrix"),
                          "POST", "/v1/households/<household_id>/exit-decisions",
                          f"/v1/households/{h}/exit-decisions",
                          {"step": step, "decision": "approve", "decided_by": "matrix"}))
    return found


def chain(village: str) -> list[tuple[str, str]]:
    """(code, level) of the village and every division above it, top down."""
    return [(village[:2] + "0" * 10, "province"), (village[:4] + "0" * 8, "city"), (village[:6] + "0" * 6, "county"),
            (village[:9] + "000", "township"), (village, "village")]


def load_missing_divisions(running: ModuleService) -> None:
    """Loads, through the API, each division the matrix needs that the shipped
    file lacks, as the provincial office of the province it lies in."""
    with running.service.new_uow() as uow:
        known = set(uow.divisions.get_many([c for v in VILLAGES for c, _ in chain(v)]))
    for village in VILLAGES:
        rows = chain(village)
        missing = [R.Division(code=code, name=f"Matrix {level} {code}", level=level,
                              parent_code=rows[n - 1][0] if n else "")
                   for n, (code, level) in enumerate(rows) if code not in known]
        if missing:
            stub = registry_pb2_grpc.RegistryServiceStub(running.channel("provincial_office", rows[0][0]))
            stub.LoadDivisions(R.LoadDivisionsRequest(divisions=missing), timeout=10)
            known |= {d.code for d in missing}


def seed(running: ModuleService, village: str) -> Seed:
    registry = running.service
    with registry.new_uow() as uow:
        own = uow.divisions.get(village)
    registered = registry.bus.handle(translators.register_command(register_message(a_file(village))))
    pending = registry.bus.handle(translators.submit_command(
        R.SubmitHouseholdRequest(file=file_message(a_file(village)), submitted_by="seed")))
    return Seed(village, (own.code, own.name, own.level.value, own.parent_code), registered, pending)


@pytest.fixture(scope="module")
def registry(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[tuple[ModuleService, dict[str, Seed]]]:
    with module_service("registry", postgres_base_url, kafka_bootstrap) as running:
        load_missing_divisions(running)
        yield running, {village: seed(running, village) for village in VILLAGES}


def test_the_matrix_names_every_rpc_and_every_route_of_the_api(
        registry: tuple[ModuleService, dict[str, Seed]]) -> None:
    running, seeds = registry
    matrix = cases(seeds[VILLAGES[0]])
    rpcs = set(R.DESCRIPTOR.services_by_name["RegistryService"].methods_by_name)
    routes = {(method, rule.rule) for rule in running.process.app.url_map.iter_rules()
              if rule.rule.startswith("/v1/") for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert {c.rpc for c in matrix} == rpcs
    assert {(c.verb, c.rule) for c in matrix} == routes


def expected(role: str, case: Case) -> bool:
    principal = principal_for(role, places(role)[0])
    return all(decide(principal, action, case.division).allowed for action in case.actions)


def village_of(role: str, where: str) -> str:
    _, inside, outside = places(role)
    return inside if where == "inside" else outside


def call_rpc(channel: grpc.Channel, case: Case) -> grpc.StatusCode:
    return answer_of(channel, case)[0]


def answer_of(channel: grpc.Channel, case: Case) -> tuple[grpc.StatusCode, bytes]:
    call = channel.unary_unary(f"/shuangdao.registry.v1.RegistryService/{case.rpc}",
                               request_serializer=type(case.request).SerializeToString,
                               response_deserializer=lambda raw: raw)
    try:
        return grpc.StatusCode.OK, call(case.request, timeout=10)
    except grpc.RpcError as error:
        return error.code(), b""


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
def test_every_rpc_is_allowed_or_denied_as_the_policy_says(registry: tuple[ModuleService, dict[str, Seed]],
                                                         role: str, where: str) -> None:
    running, seeds = registry
    channel = running.channel(role, places(role)[0])
    wrong: list[str] = []
    for case in cases(seeds[village_of(role, where)]):
        allowed, code = expected(role, case), call_rpc(channel, case)
        refused = code is grpc.StatusCode.PERMISSION_DENIED
        if code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN) or \
                refused == allowed:
            wrong.append(f"{case.name}: {code.name}, policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)


def call_route(base: str, token: str, case: Case) -> int:
    if case.verb == "GET":
        return get_json(base + case.path, token)[0]
    return post_json(base + case.path, case.body, token, method=case.verb)[0]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
def test_every_route_is_allowed_or_denied_as_the_policy_says(registry: tuple[ModuleService, dict[str, Seed]],
                                                           role: str, where: str) -> None:
    running, seeds = registry
    token = token_for(role, places(role)[0])
    wrong: list[str] = []
    for case in cases(seeds[village_of(role, where)]):
        allowed, status = expected(role, case), call_route(running.http_base, token, case)
        if status in (401, 500) or (status == 403) == allowed:
            wrong.append(f"{case.name} {case.verb} {case.rule}: {status}, "
                         f"policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)


def test_allowed_calls_mostly_do_their_work_rather_than_fail_after_the_gate(
        registry: tuple[ModuleService, dict[str, Seed]]) -> None:
    """Guards the matrix itself: requests that fail validation everywhere would
    prove nothing about the gate behind them. (Fresh households: the matrix
    tests have moved the seeded ones along.)"""
    running, _ = registry
    fresh = {village: seed(running, village) for village in {places(role)[1] for role in ROLES}}
    succeeded: set[str] = set()
    for role in ROLES:
        channel = running.channel(role, places(role)[0])
        for case in cases(fresh[places(role)[1]]):
            if expected(role, case) and call_rpc(channel, case) is grpc.StatusCode.OK:
                succeeded.add(case.rpc)
    # Decisions and exits may meet a household at another step; everything else must work for someone.
    assert succeeded >= {"RegisterHousehold", "RegisterHouseholds", "GetHousehold", "SubmitHousehold",
                         "RecordObjection", "ListHouseholds", "GetPublicNotice", "RecordSurvey", "GetHistory",
                         "LoadDivisions", "DecideStep", "ListDivisions", "CountHouseholds"}


@pytest.mark.parametrize("role", ROLES)
def test_a_village_code_the_policy_cannot_place_is_never_acted_on(
        registry: tuple[ModuleService, dict[str, Seed]], role: str) -> None:
    """matrix_places' codes for outside a city or a province name no real place
    (a township under county 00): refused or rejected as bad input, never served."""
    running, _ = registry
    channel = running.channel(role, places(role)[0])
    served: list[str] = []
    for village in MALFORMED_VILLAGES:
        seed_like = Seed(village, (village, "Nowhere", "village", village[:9] + "000"), "", "")
        for case in cases(seed_like):
            if case.division == village and case.rpc in {"RegisterHousehold", "RegisterHouseholds",
                                                         "SubmitHousehold", "ListHouseholds", "GetPublicNotice",
                                                         "LoadDivisions", "CountHouseholds"}:
                code, raw = answer_of(channel, case)
                if case.rpc == "RegisterHouseholds" and code is grpc.StatusCode.OK:
                    # A batch answers item by item: the item must be the one rejected.
                    code = grpc.StatusCode.OK if R.RegisterHouseholdsResponse.FromString(raw).registered_count \
                        else grpc.StatusCode.INVALID_ARGUMENT
                if code in (grpc.StatusCode.OK, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN):
                    served.append(f"{case.name} on {village}: {code.name}")
    assert not served, f"{role}: " + "; ".join(served)
