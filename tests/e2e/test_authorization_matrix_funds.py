"""Every operation of the funds gRPC and JSON APIs, for every role, inside and
outside the role's jurisdiction: allowed exactly when the policy (the pure
oracle `decide`) says so. Allowed means the call passed the gate (neither
PERMISSION_DENIED/403 nor UNAUTHENTICATED/401; it may still fail a ledger
rule, e.g. a second reversal); denied means PERMISSION_DENIED/403.

Money is territorial, judged by its village; sources carry no division, so
their actions are judged at the caller's own jurisdiction wherever the matrix
stands. One service start for the module; each village holds a funded
allocation, a project with money committed to it, and a payment, seeded by
the service itself (no caller)."""
from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from shuangdao.funds.v1 import events_pb2, funds_pb2

from chassis.security.jurisdiction import Level, is_division_code, level_of
from chassis.security.policy import Role, decide
from chassis.security.testing import matrix_places, principal_for, token_for
from e2e_support import ModuleService, get_json, module_service, post_json

from funds.domain import commands

ROLES = [role.value for role in Role]
WHERE = ["inside", "outside"]
OWN = "own jurisdiction"  # the division of a source action: the caller's own

# matrix_places' nearest village outside a city (441900100201) or a province
# (450000100201) sets a township below a county of 00: not a place the policy
# can judge. The matrix uses a well-formed neighbour there; the malformed codes
# get a test of their own below.
WELL_FORMED_OUTSIDE = {Level.CITY: "441702100201", Level.PROVINCE: "450102100201"}
MALFORMED_VILLAGES = ("441900100201", "450000100201")


def places(role: str) -> tuple[str, str, str]:
    """(jurisdiction, a village inside it, a real village just outside it)."""
    jurisdiction, inside, outside = matrix_places(role)
    if not is_division_code(outside):
        outside = WELL_FORMED_OUTSIDE[level_of(jurisdiction)]
    return jurisdiction, inside, outside


VILLAGES = sorted({village for role in ROLES for village in places(role)[1:]})


@dataclass(frozen=True)
class Seed:
    village: str
    source_id: str
    allocation_id: str
    project_id: str
    disbursement_id: str


def seed(funds: Any, village: str) -> Seed:
    handle = funds.handle
    source = handle(commands.CreateSource("county_fiscal", f"Matrix county funds {village}"))
    handle(commands.RecordReceipt(source.source_id, 100_000_000, idempotency_key=uuid.uuid4().hex))
    allocation = handle(commands.AllocateFunds(source.source_id, village, 50_000_000,
                                               idempotency_key=uuid.uuid4().hex))
    project = handle(commands.CreateProject(village, "industrial", "tea", "Tea garden", 40_000_000))
    handle(commands.CommitFunds(allocation.allocation_id, project.project_id, 20_000_000,
                                idempotency_key=uuid.uuid4().hex))
    payment = handle(commands.Disburse(allocation.allocation_id, project.project_id, 1_000, "contractor",
                                       "Tea cooperative", idempotency_key=uuid.uuid4().hex))
    return Seed(village, source.source_id, allocation.allocation_id, project.project_id, payment.disbursement_id)


@dataclass(frozen=True)
class Case:
    """One operation on one village: what it checks, and how to call it both ways."""
    name: str
    action: str
    division: str              # OWN for source actions
    rpc: str | None            # None: a route only (the CSV ledger)
    request: Any
    verb: str
    rule: str                  # the Flask rule, for the coverage check
    path: str
    body: dict[str, Any] | None = field(default=None)


def cases(s: Seed) -> list[Case]:
    v, src, a, p, d = s.village, s.source_id, s.allocation_id, s.project_id, s.disbursement_id
    key = lambda: uuid.uuid4().hex  # noqa: E731 - every money-moving call is a new one
    k = [key() for _ in range(7)]
    return [
        Case("CreateSource", "funds.source.create", OWN, "CreateSource",
             funds_pb2.CreateSourceRequest(kind=events_pb2.SOURCE_KIND_COUNTY_FISCAL, name="Matrix fund"),
             "POST", "/v1/sources", "/v1/sources", {"kind": "county_fiscal", "name": "Matrix fund"}),
        Case("GetSource", "funds.source.read", OWN, "GetSource", funds_pb2.GetSourceRequest(source_id=src),
             "GET", "/v1/sources/<source_id>", f"/v1/sources/{src}"),
        Case("ListSources", "funds.source.read", OWN, "ListSources", funds_pb2.ListSourcesRequest(),
             "GET", "/v1/sources", "/v1/sources"),
        Case("RecordReceipt", "funds.receipt.record", OWN, "RecordReceipt",
             funds_pb2.RecordReceiptRequest(source_id=src, amount_fen=1_000, idempotency_key=k[0]),
             "POST", "/v1/sources/<source_id>/receipts", f"/v1/sources/{src}/receipts",
             {"amount_fen": 1_000, "idempotency_key": k[0]}),
        Case("AllocateFunds", "funds.allocate", v, "AllocateFunds",
             funds_pb2.AllocateFundsRequest(source_id=src, village_code=v, amount_fen=1_000, idempotency_key=k[1]),
             "POST", "/v1/allocations", "/v1/allocations",
             {"source_id": src, "village_code": v, "amount_fen": 1_000, "idempotency_key": k[1]}),
        Case("GetAllocation", "funds.allocation.read", v, "GetAllocation",
             funds_pb2.GetAllocationRequest(allocation_id=a), "GET", "/v1/allocations/<allocation_id>",
             f"/v1/allocations/{a}"),
        Case("CreateProject", "funds.project.create", v, "CreateProject",
             funds_pb2.CreateProjectRequest(village_code=v, type=events_pb2.PROJECT_TYPE_INFRASTRUCTURE,
                                            subtype="road", name="Village road", budget_fen=10_000),
             "POST", "/v1/projects", "/v1/projects",
             {"village_code": v, "type": "infrastructure", "subtype": "road", "name": "Village road",
              "budget_fen": 10_000}),
        Case("GetProject", "funds.project.read", v, "GetProject", funds_pb2.GetProjectRequest(project_id=p),
             "GET", "/v1/projects/<project_id>", f"/v1/projects/{p}"),
        Case("CommitFunds", "funds.commit", v, "CommitFunds",
             funds_pb2.CommitFundsRequest(allocation_id=a, project_id=p, amount_fen=1_000, idempotency_key=k[2]),
             "POST", "/v1/commitments", "/v1/commitments",
             {"allocation_id": a, "project_id": p, "amount_fen": 1_000, "idempotency_key": k[2]}),
        Case("Disburse", "funds.disburse", v, "Disburse",
             funds_pb2.DisburseRequest(allocation_id=a, project_id=p, amount_fen=100,
                                       recipient_kind=funds_pb2.RECIPIENT_KIND_CONTRACTOR,
                                       recipient_ref="Tea cooperative", idempotency_key=k[3]),
             "POST", "/v1/disbursements", "/v1/disbursements",
             {"allocation_id": a, "project_id": p, "amount_fen": 100, "recipient_kind": "contractor",
              "recipient_ref": "Tea cooperative", "idempotency_key": k[3]}),
        Case("ReverseDisbursement", "funds.disbursement.reverse", v, "ReverseDisbursement",
             funds_pb2.ReverseDisbursementRequest(disbursement_id=d, reason="paid twice", idempotency_key=k[4]),
             "POST", "/v1/disbursements/<disbursement_id>/reversal", f"/v1/disbursements/{d}/reversal",
             {"reason": "paid twice", "idempotency_key": k[4]}),
        Case("CompleteProject", "funds.project.complete", v, "CompleteProject",
             funds_pb2.CompleteProjectRequest(project_id=p, idempotency_key=k[5]),
             "POST", "/v1/projects/<project_id>/completion", f"/v1/projects/{p}/completion",
             {"idempotency_key": k[5]}),
        Case("GetVillageFunds", "funds.village.read", v, "GetVillageFunds",
             funds_pb2.GetVillageFundsRequest(village_code=v), "GET", "/v1/villages/<village_code>/funds",
             f"/v1/villages/{v}/funds"),
        Case("RecordCollectiveIncome", "funds.collective_income.record", v, "RecordCollectiveIncome",
             funds_pb2.RecordCollectiveIncomeRequest(village_code=v, year=2011, amount_fen=8_160_000,
                                                     note="as the village reports it", idempotency_key=k[6]),
             "POST", "/v1/villages/<village_code>/collective-income", f"/v1/villages/{v}/collective-income",
             {"year": 2011, "amount_fen": 8_160_000, "note": "as the village reports it", "idempotency_key": k[6]}),
        Case("GetCollectiveIncome", "funds.village.read", v, "GetCollectiveIncome",
             funds_pb2.GetCollectiveIncomeRequest(village_code=v), "GET",
             "/v1/villages/<village_code>/collective-income", f"/v1/villages/{v}/collective-income"),
        Case("VillageLedgerCsv", "funds.village.read", v, None, None,
             "GET", "/v1/villages/<village_code>/ledger.csv", f"/v1/villages/{v}/ledger.csv"),
        Case("GetSourceMix", "funds.source_mix.read", v, "GetSourceMix",
             funds_pb2.GetSourceMixRequest(division_code=v), "GET", "/v1/figures/source-mix",
             f"/v1/figures/source-mix?division_code={v}"),
        Case("ListIdleAllocations", "funds.idle.read", v, "ListIdleAllocations",
             funds_pb2.ListIdleAllocationsRequest(division_code=v), "GET", "/v1/figures/idle-allocations",
             f"/v1/figures/idle-allocations?division_code={v}"),
    ]


@pytest.fixture(scope="module")
def funds(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[tuple[ModuleService, dict[str, Seed]]]:
    with module_service("funds", postgres_base_url, kafka_bootstrap) as running:
        yield running, {village: seed(running.service, village) for village in VILLAGES}


def test_the_matrix_names_every_rpc_and_every_route_of_the_api(funds: tuple[ModuleService, dict[str, Seed]]) -> None:
    running, seeds = funds
    matrix = cases(seeds[VILLAGES[0]])
    rpcs = set(funds_pb2.DESCRIPTOR.services_by_name["FundsService"].methods_by_name)
    routes = {(method, rule.rule) for rule in running.process.app.url_map.iter_rules()
              if rule.rule.startswith("/v1/") for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert {c.rpc for c in matrix if c.rpc} == rpcs
    assert {(c.verb, c.rule) for c in matrix} == routes


def expected(role: str, case: Case) -> bool:
    jurisdiction = places(role)[0]
    division = jurisdiction if case.division == OWN else case.division
    return decide(principal_for(role, jurisdiction), case.action, division).allowed


def village_of(role: str, where: str) -> str:
    _, inside, outside = places(role)
    return inside if where == "inside" else outside


def answer_of(channel: grpc.Channel, case: Case) -> tuple[grpc.StatusCode, bytes]:
    call = channel.unary_unary(f"/shuangdao.funds.v1.FundsService/{case.rpc}",
                               request_serializer=type(case.request).SerializeToString,
                               response_deserializer=lambda raw: raw)
    try:
        return grpc.StatusCode.OK, call(case.request, timeout=10)
    except grpc.RpcError as error:
        return error.code(), b""


def call_route(base: str, token: str, case: Case) -> int:
    if case.verb == "GET":
        return get_route(base + case.path, token)
    return post_json(base + case.path, case.body, token, method=case.verb)[0]


def get_route(url: str, token: str) -> int:
    """The status of a GET; the CSV ledger is not JSON, errors are."""
    if not url.split("?")[0].endswith(".csv"):
        return get_json(url, token)[0]
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
def test_every_rpc_is_allowed_or_denied_as_the_policy_says(funds: tuple[ModuleService, dict[str, Seed]],
                                                         role: str, where: str) -> None:
    running, seeds = funds
    channel = running.channel(role, places(role)[0])
    wrong: list[str] = []
    for case in cases(seeds[village_of(role, where)]):
        if case.rpc is None:
            continue
        allowed, (code, _) = expected(role, case), answer_of(channel, case)
        refused = code is grpc.StatusCode.PERMISSION_DENIED
        if code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN) or \
                refused == allowed:
            wrong.append(f"{case.name}: {code.name}, policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
def test_every_route_is_allowed_or_denied_as_the_policy_says(funds: tuple[ModuleService, dict[str, Seed]],
                                                           role: str, where: str) -> None:
    running, seeds = funds
    token = token_for(role, places(role)[0])
    wrong: list[str] = []
    for case in cases(seeds[village_of(role, where)]):
        allowed, status = expected(role, case), call_route(running.http_base, token, case)
        if status in (401, 500) or (status == 403) == allowed:
            wrong.append(f"{case.name} {case.verb} {case.rule}: {status}, "
                         f"policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)


def test_allowed_calls_mostly_do_their_work_rather_than_fail_after_the_gate(
        funds: tuple[ModuleService, dict[str, Seed]]) -> None:
    """Guards the matrix itself: requests that fail validation everywhere would
    prove nothing about the gate behind them. (A fresh seed: the matrix tests
    have completed the seeded projects and reversed their payments.)"""
    running, _ = funds
    fresh = {village: seed(running.service, village) for village in {places(role)[1] for role in ROLES}}
    calls = [(role, case) for role in ROLES for case in cases(fresh[places(role)[1]]) if case.rpc]
    succeeded: set[str] = set()
    # Completions last: each closes the project every other call works on.
    for role, case in sorted(calls, key=lambda call: call[1].rpc == "CompleteProject"):
        channel = running.channel(role, places(role)[0])
        if expected(role, case) and answer_of(channel, case)[0] is grpc.StatusCode.OK:
            succeeded.add(case.rpc)  # type: ignore[arg-type]
    assert succeeded == set(funds_pb2.DESCRIPTOR.services_by_name["FundsService"].methods_by_name)


@pytest.mark.parametrize("role", ROLES)
def test_a_village_code_the_policy_cannot_place_is_never_acted_on(
        funds: tuple[ModuleService, dict[str, Seed]], role: str) -> None:
    """matrix_places' codes for outside a city or a province name no real place
    (a township under county 00): refused or rejected as bad input, never
    served, so money can never be put where no jurisdiction can see it."""
    running, seeds = funds
    channel = running.channel(role, places(role)[0])
    served: list[str] = []
    source = seeds[VILLAGES[0]].source_id
    for village in MALFORMED_VILLAGES:
        for case in cases(Seed(village, source, "", "", "")):
            if case.division == village and case.rpc in {"AllocateFunds", "CreateProject", "GetVillageFunds",
                                                         "GetSourceMix", "ListIdleAllocations",
                                                         "RecordCollectiveIncome", "GetCollectiveIncome"}:
                code, _ = answer_of(channel, case)
                if code in (grpc.StatusCode.OK, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN):
                    served.append(f"{case.name} on {village}: {code.name}")
    assert not served, f"{role}: " + "; ".join(served)


def test_collective_income_is_recorded_as_the_village_reports_it_and_read_by_auditors() -> None:
    """The grants the matrix checks the services against, pinned: the village
    cadre, or the township or county office on the village's behalf, records
    its collective income; nobody else does; auditors (and officials) read it."""
    village = matrix_places("village_cadre")[1]
    may_record = {role for role in ROLES
                  if decide(principal_for(role, places(role)[0]), "funds.collective_income.record", village).allowed}
    assert may_record == {"village_cadre", "township_reviewer", "county_approver"}
    assert decide(principal_for("auditor", places("auditor")[0]), "funds.village.read", village).allowed
