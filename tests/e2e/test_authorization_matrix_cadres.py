"""Every operation of the cadres gRPC and JSON APIs, for every role, inside
and outside the role's jurisdiction: allowed exactly when the policy (the pure
oracle `decide`) says so. Allowed means the call passed the gate (neither
PERMISSION_DENIED/403 nor UNAUTHENTICATED/401; it may still fail a domain rule
on the thing, e.g. a second pairing); denied means PERMISSION_DENIED/403.

One service start for the module; each village the matrix touches is seeded
as the service itself (no caller), so every request names real things."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import grpc
import pytest
from shuangdao.cadres.v1 import cadres_pb2

from cadres.adapters import proto_io
from cadres.domain import commands
from cadres.domain.vocabulary import ComplaintSubject, UnitKind
from cadres.entrypoints.grpc_server import SERVICE, operation_name
from cadres.entrypoints.operations import ACTIONS
from chassis.security.policy import Role, decide
from chassis.security.testing import OUTSIDE, VILLAGE, matrix_places, principal_for, token_for
from e2e_support import ModuleService, get_json, post_json, module_service

PROVINCE = "440000000000"  # the service's default province: owner of unpaired units


@dataclass(frozen=True)
class Seed:
    village: str
    unit_id: str
    pairing_id: str
    cadre_id: str
    spare_cadre_id: str
    leave_id: str
    complaint_id: str


def seed(service: Any, village: str) -> Seed:
    handle = service.bus.handle
    unit = handle(commands.RegisterSupportUnit(f"Unit of {village}", UnitKind.ENTERPRISE, "Head", "Director",
                                               date(2020, 1, 1)))
    pairing = handle(commands.PairUnit(unit.id, village, date(2020, 1, 2)))
    cadre = handle(commands.RegisterCadre(unit.id, "Cadre"))
    spare = handle(commands.RegisterCadre(unit.id, "Spare cadre"))
    handle(commands.StationCadre(cadre.id, pairing.id, date(2020, 1, 2)))
    leave = handle(commands.RequestLeave(cadre.id, date(2020, 3, 2), date(2020, 3, 3), "family"))
    complaint = handle(commands.RecordComplaint(cadre.id, date(2020, 3, 5), ComplaintSubject.CONDUCT, "late"))
    return Seed(village, unit.id, pairing.id, cadre.id, spare.id, leave.id, complaint.id)


# operation -> (request document, target division) for the seed of a village.
def requests(s: Seed) -> dict[str, tuple[dict[str, Any], str]]:
    v = s.village
    return {
        "register_support_unit": ({"name": "New unit", "kind": "enterprise",
                                   "top_leader": {"name": "Head", "title": "Director", "since": "2020-01-01"}},
                                  PROVINCE),
        "get_support_unit": ({"unit_id": s.unit_id}, v),
        "change_top_leader": ({"unit_id": s.unit_id, "top_leader": {"name": "Next head", "title": "Director",
                                                                    "since": "2021-01-01"}}, v),
        "pair_unit": ({"unit_id": s.unit_id, "village_code": v, "start_date": "2021-01-04"}, v),
        "end_pairing": ({"pairing_id": s.pairing_id, "end_date": "2019-01-01", "reason": "matrix"}, v),
        "get_pairing": ({"pairing_id": s.pairing_id}, v),
        "list_pairings": ({"village_code": v}, v),
        "adopt_village_plan": ({"pairing_id": s.pairing_id, "strategy": "roads", "adopted_on": "2020-01-02"}, v),
        "adopt_yearly_plan": ({"pairing_id": s.pairing_id, "year": 2020, "target_exited_households": 5,
                               "target_per_capita_income_fen": 300_000, "target_collective_income_fen": 100_000,
                               "planned_funds_fen": 1_000_000, "measures": "tea"}, v),
        "list_plans": ({"pairing_id": s.pairing_id}, v),
        "register_cadre": ({"unit_id": s.unit_id, "name": "Another cadre"}, v),
        "get_cadre": ({"cadre_id": s.cadre_id}, v),
        "station_cadre": ({"cadre_id": s.spare_cadre_id, "pairing_id": s.pairing_id, "start_date": "2020-02-03"}, v),
        "withdraw_cadre": ({"cadre_id": s.cadre_id, "end_date": "2019-01-01", "reason": "matrix"}, v),
        "rotate_cadre": ({"outgoing_cadre_id": s.cadre_id, "incoming_cadre_id": s.spare_cadre_id,
                          "handover_date": "2019-01-01", "reason": "matrix"}, v),
        "list_stationings": ({"village_code": v}, v),
        "record_attendance": ({"cadre_id": s.cadre_id, "day": "2020-03-04", "mark": "in_village",
                               "recorded_by": "village_committee"}, v),
        "get_attendance_month": ({"cadre_id": s.cadre_id, "month": "2020-03"}, v),
        "request_leave": ({"cadre_id": s.cadre_id, "first_day": "2020-04-06", "last_day": "2020-04-07",
                           "reason": "family"}, v),
        "decide_leave": ({"leave_id": s.leave_id, "decision": "approve", "decided_by": "matrix"}, v),
        "list_leaves": ({"cadre_id": s.cadre_id}, v),
        "record_inspection": ({"cadre_id": s.cadre_id, "inspected_on": "2020-03-04", "method": "telephone",
                               "outcome": "present", "inspector": "matrix"}, v),
        "list_inspections": ({"cadre_id": s.cadre_id}, v),
        "record_complaint": ({"cadre_id": s.cadre_id, "received_on": "2020-03-06", "subject": "conduct"}, v),
        "resolve_complaint": ({"complaint_id": s.complaint_id, "resolved_on": "2020-03-09", "finding": "dismissed",
                               "resolution": "matrix"}, v),
        "list_complaints": ({"cadre_id": s.cadre_id}, v),
    }


# operation -> (HTTP method, path template; path parameters come from the document).
ROUTES: dict[str, tuple[str, str]] = {
    "register_support_unit": ("POST", "/v1/support-units"),
    "get_support_unit": ("GET", "/v1/support-units/{unit_id}"),
    "change_top_leader": ("POST", "/v1/support-units/{unit_id}/top-leader"),
    "pair_unit": ("POST", "/v1/pairings"),
    "end_pairing": ("POST", "/v1/pairings/{pairing_id}/end"),
    "get_pairing": ("GET", "/v1/pairings/{pairing_id}"),
    "list_pairings": ("GET", "/v1/pairings?village_code={village_code}"),
    "adopt_village_plan": ("PUT", "/v1/pairings/{pairing_id}/village-plan"),
    "adopt_yearly_plan": ("POST", "/v1/pairings/{pairing_id}/yearly-plans"),
    "list_plans": ("GET", "/v1/pairings/{pairing_id}/plans"),
    "register_cadre": ("POST", "/v1/cadres"),
    "get_cadre": ("GET", "/v1/cadres/{cadre_id}"),
    "station_cadre": ("POST", "/v1/cadres/{cadre_id}/stationing"),
    "withdraw_cadre": ("POST", "/v1/cadres/{cadre_id}/withdrawal"),
    "rotate_cadre": ("POST", "/v1/rotations"),
    "list_stationings": ("GET", "/v1/stationings?village_code={village_code}"),
    "record_attendance": ("POST", "/v1/cadres/{cadre_id}/attendance"),
    "get_attendance_month": ("GET", "/v1/cadres/{cadre_id}/attendance/{month}"),
    "request_leave": ("POST", "/v1/cadres/{cadre_id}/leaves"),
    "decide_leave": ("POST", "/v1/leaves/{leave_id}/decision"),
    "list_leaves": ("GET", "/v1/cadres/{cadre_id}/leaves"),
    "record_inspection": ("POST", "/v1/cadres/{cadre_id}/inspections"),
    "list_inspections": ("GET", "/v1/cadres/{cadre_id}/inspections"),
    "record_complaint": ("POST", "/v1/cadres/{cadre_id}/complaints"),
    "resolve_complaint": ("POST", "/v1/complaints/{complaint_id}/resolution"),
    "list_complaints": ("GET", "/v1/cadres/{cadre_id}/complaints"),
}
RPCS = {operation_name(m.name): m for m in SERVICE.methods}
ROLES = [role.value for role in Role]


@pytest.fixture(scope="module")
def cadres(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[tuple[ModuleService, dict[str, Seed]]]:
    with module_service("cadres", postgres_base_url, kafka_bootstrap) as running:
        yield running, {village: seed(running.service, village) for village in (VILLAGE, *OUTSIDE.values())}


def test_the_matrix_names_every_rpc_and_every_route_of_the_api() -> None:
    assert set(RPCS) == set(ACTIONS) == set(ROUTES) == set(requests(Seed(*["x"] * 7)))


def _expected(role: str, operation: str, where: str, seeds: dict[str, Seed]) -> tuple[Seed, dict[str, Any], bool]:
    jurisdiction, inside, outside = matrix_places(role)
    s = seeds[inside if where == "inside" else outside]
    document, division = requests(s)[operation]
    allowed = decide(principal_for(role, jurisdiction), ACTIONS[operation], division).allowed
    return s, document, allowed


@pytest.mark.parametrize("where", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_rpc_is_allowed_or_denied_as_the_policy_says(cadres: tuple[Any, dict[str, Seed]], role: str,
                                                         where: str) -> None:
    running, seeds = cadres
    channel = running.channel(role=role)
    wrong: list[str] = []
    for operation, method in RPCS.items():
        _, document, allowed = _expected(role, operation, where, seeds)
        request = proto_io.to_message(document, getattr(cadres_pb2, method.input_type.name))
        call = channel.unary_unary(f"/{SERVICE.full_name}/{method.name}",
                                   request_serializer=type(request).SerializeToString,
                                   response_deserializer=lambda raw: raw)
        try:
            call(request, timeout=10)
            code = grpc.StatusCode.OK
        except grpc.RpcError as error:
            code = error.code()
        refused = code is grpc.StatusCode.PERMISSION_DENIED
        if code is grpc.StatusCode.UNAUTHENTICATED or code is grpc.StatusCode.INTERNAL or refused == allowed:
            wrong.append(f"{method.name}: {code.name}, policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)


@pytest.mark.parametrize("where", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_route_is_allowed_or_denied_as_the_policy_says(cadres: tuple[Any, dict[str, Seed]], role: str,
                                                           where: str) -> None:
    running, seeds = cadres
    token = token_for(role)
    wrong: list[str] = []
    for operation, (verb, template) in ROUTES.items():
        _, document, allowed = _expected(role, operation, where, seeds)
        url = running.http_base + template.format(**document)
        status, _ = get_json(url, token) if verb == "GET" else post_json(url, document, token, method=verb)
        refused = status == 403
        if status in (401, 500) or refused == allowed:
            wrong.append(f"{verb} {template}: {status}, policy says {'allow' if allowed else 'deny'}")
    assert not wrong, f"{role} {where}: " + "; ".join(wrong)
