"""Every read of the assessment's gRPC and JSON APIs, for every role, inside
and outside the role's jurisdiction: allowed exactly when the policy (the pure
oracle `decide`) says so. Allowed means the call passed the gate (a score not
computed yet is NOT_FOUND, after the gate); denied means PERMISSION_DENIED/403.
Rankings are published province-wide, so outside is no reason to refuse them."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from shuangdao.assessment.v1 import assessment_pb2 as pb
from shuangdao.assessment.v1 import assessment_pb2_grpc

from chassis.security.policy import Role, decide
from chassis.security.testing import matrix_places, principal_for, token_for
from e2e_support import ModuleService, get_json, module_service

ROLES = [role.value for role in Role]

# operation -> (action, gRPC call on a stub for a village, JSON path for a village)
Operation = tuple[str, Callable[[Any, str], Any], Callable[[str], str]]
OPERATIONS: dict[str, Operation] = {
    "GetVillageSummary": ("assessment.village_summary.read",
                          lambda stub, v: stub.GetVillageSummary(pb.GetVillageSummaryRequest(village_code=v),
                                                                 timeout=10),
                          lambda v: f"/v1/villages/{v}/summary"),
    "GetScore": ("assessment.score.read",
                 lambda stub, v: stub.GetScore(pb.GetScoreRequest(target_kind="village", target_id=v), timeout=10),
                 lambda v: f"/v1/scores/village/{v}"),
    "GetRanking": ("assessment.ranking.read",
                   lambda stub, v: stub.GetRanking(pb.GetRankingRequest(target_kind="village", division_code=v),
                                                   timeout=10),
                   lambda v: f"/v1/rankings/village?division_code={v}"),
    "ListFlags": ("assessment.flag.read",
                  lambda stub, v: stub.ListFlags(pb.ListFlagsRequest(division_code=v), timeout=10),
                  lambda v: f"/v1/flags?division_code={v}"),
    "GetProvinceFigures": ("assessment.province_figures.read",
                           lambda stub, v: stub.GetProvinceFigures(pb.GetProvinceFiguresRequest(division_code=v),
                                                                   timeout=10),
                           lambda v: f"/v1/figures?division_code={v}"),
}


@pytest.fixture(scope="module")
def assessment(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[ModuleService]:
    with module_service("assessment", postgres_base_url, kafka_bootstrap) as running:
        yield running


def test_the_matrix_names_every_rpc_and_every_route_of_the_api(assessment: ModuleService) -> None:
    rpcs = set(pb.DESCRIPTOR.services_by_name["AssessmentService"].methods_by_name)
    routes = {rule.rule for rule in assessment.process.app.url_map.iter_rules() if rule.rule.startswith("/v1/")}
    assert rpcs == set(OPERATIONS) and len(routes) == len(OPERATIONS)


def _cases(role: str, where: str) -> Iterator[tuple[str, Operation, str, bool]]:
    jurisdiction, inside, outside = matrix_places(role)
    village = inside if where == "inside" else outside
    for name, operation in OPERATIONS.items():
        target = None if operation[0] == "assessment.ranking.read" else village
        yield name, operation, village, decide(principal_for(role, jurisdiction), operation[0], target).allowed


@pytest.mark.parametrize("where", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_rpc_and_route_is_allowed_or_denied_as_the_policy_says(assessment: ModuleService, role: str,
                                                                     where: str) -> None:
    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role))
    token = token_for(role)
    wrong: list[str] = []
    for name, (_, call, path), village, allowed in _cases(role, where):
        try:
            call(stub, village)
            code = grpc.StatusCode.OK
        except grpc.RpcError as error:
            code = error.code()
        if code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL) or \
                (code is grpc.StatusCode.PERMISSION_DENIED) == allowed:
            wrong.append(f"{name}: {code.name}, policy says {'allow' if allowed else 'deny'}")
        status, _ = get_json(assessment.http_base + path(village), token)
        if status in (401, 500) or (status == 403) == allowed:
            wrong.append(f"GET {path(village)}: {status}, policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)
