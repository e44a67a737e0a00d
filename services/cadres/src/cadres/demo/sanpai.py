"""Loads the Sanpai case through the public gRPC API: the Guangdong Provincial
Tobacco Monopoly Bureau, its top leader, its pairing with Sanpai village from
4 March 2010, its cadre Wang Qingming stationed from that day until early 2013,
the village plan and the 2010 and 2011 yearly plans.

Assumptions (the case study is silent on them):
- kind: enterprise. DOMAIN.md names "the provincial tobacco bureau" as its
  example of an enterprise unit; the bureau is also the provincial company of
  China Tobacco, vertically managed from Beijing, so "central unit in
  Guangdong" would be defensible too. Both fall in the same assessment group.
- the top leader's name is not in the case study: a placeholder is used.
- "early 2013": the cadre's last day is taken as 2013-01-31.
- the register of those years was kept on paper, so the stationing's
  register_from is the day after the withdrawal: none of its days is assessed
  as absent for want of an electronic mark.
- the yearly targets are the results the case study reports for those years
  (62 of 82 able-to-work households out of poverty in 2010, the rest in 2011;
  collective income 45,600 yuan in 2010 and 81,600 in 2011), and the planned
  funds are what the bureau put in (2.876 million yuan in 2010, 3 million in 2011).

Ids are fixed (UUID v5), so loading twice changes nothing.

Two callers load it, as in life: the provincial office registers the unit,
pairs it and registers its cadre; the unit itself (a support_unit token for
Sanpai village) adopts the plans and stations the cadre.

    python -m cadres.demo.sanpai --target 127.0.0.1:50054 \\
        --office-token "$(python -m chassis.security.keys token --role provincial_office \\
                          --jurisdiction 440000000000)" \\
        --unit-token "$(python -m chassis.security.keys token --role support_unit --jurisdiction 441826108201)"
"""
from __future__ import annotations

import argparse
import uuid
from dataclasses import dataclass

import grpc
from shuangdao.cadres.v1 import cadres_pb2 as pb
from shuangdao.cadres.v1 import cadres_pb2_grpc
from shuangdao.cadres.v1 import events_pb2

from chassis.security.grpc_auth import authenticated_channel

NAMESPACE = uuid.UUID("6f1c3c1e-5a4b-4c39-9d0e-2a7f3b0c5a11")
SANPAI_VILLAGE = "441826108201"
START = "2010-03-04"
LAST_DAY = "2013-01-31"
REGISTER_FROM = "2013-02-01"


def fixed_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"sanpai/{name}"))


@dataclass(frozen=True)
class SanpaiIds:
    unit_id: str = fixed_id("unit")
    pairing_id: str = fixed_id("pairing")
    cadre_id: str = fixed_id("cadre")


YEARLY_PLANS = (
    pb.AdoptYearlyPlanRequest(year=2010, target_exited_households=62, target_per_capita_income_fen=250_000,
                              target_collective_income_fen=4_560_000, planned_funds_fen=287_600_000,
                              measures="sericulture, honeysuckle and peanut bases; roads and canals; "
                                       "village office rebuilt; education fund"),
    pb.AdoptYearlyPlanRequest(year=2011, target_exited_households=20, target_per_capita_income_fen=1_100_000,
                              target_collective_income_fen=8_160_000, planned_funds_fen=300_000_000,
                              measures="pig breeding; tea-oil tree renovation; housing renovation; fellowships"),
)


def load(office: grpc.Channel, unit: grpc.Channel, timeout: float = 10.0) -> SanpaiIds:
    """`office`: a channel acting as the provincial office; `unit`: as the
    support unit paired with Sanpai village."""
    stub = cadres_pb2_grpc.CadresServiceStub(office)
    by_unit = cadres_pb2_grpc.CadresServiceStub(unit)
    ids = SanpaiIds()
    stub.RegisterSupportUnit(pb.RegisterSupportUnitRequest(
        unit_id=ids.unit_id, name="Guangdong Provincial Tobacco Monopoly Bureau",
        kind=events_pb2.UNIT_KIND_ENTERPRISE,
        top_leader=pb.TopLeader(name="Director (name not given in the case study)", title="Director",
                                since=START)), timeout=timeout)
    stub.PairUnit(pb.PairUnitRequest(pairing_id=ids.pairing_id, unit_id=ids.unit_id, village_code=SANPAI_VILLAGE,
                                     start_date=START), timeout=timeout)
    by_unit.AdoptVillagePlan(pb.AdoptVillagePlanRequest(
        pairing_id=ids.pairing_id, adopted_on=START,
        strategy="Blood-making poverty alleviation: production bases (sericulture, honeysuckle, peanuts, pigs, "
                 "tea-oil trees) on consolidated land, infrastructure, housing renovation, education, and a file "
                 "for every poor household."), timeout=timeout)
    for plan in YEARLY_PLANS:
        request = pb.AdoptYearlyPlanRequest()
        request.CopyFrom(plan)
        request.pairing_id = ids.pairing_id
        by_unit.AdoptYearlyPlan(request, timeout=timeout)
    cadre = stub.RegisterCadre(pb.RegisterCadreRequest(
        cadre_id=ids.cadre_id, unit_id=ids.unit_id, name="Wang Qingming", position="village-stationed cadre"),
        timeout=timeout)
    if not cadre.stationings:
        by_unit.StationCadre(pb.StationCadreRequest(
            cadre_id=ids.cadre_id, pairing_id=ids.pairing_id, start_date=START, register_from=REGISTER_FROM,
            end_date=LAST_DAY, end_reason="rotation at the end of the stationing term"), timeout=timeout)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description="Load the Sanpai case into a running cadres service")
    parser.add_argument("--target", default="127.0.0.1:50054", help="host:port of the cadres gRPC server")
    parser.add_argument("--office-token", required=True, help="bearer token of the provincial office")
    parser.add_argument("--unit-token", required=True,
                        help=f"bearer token of the support unit (role support_unit, jurisdiction {SANPAI_VILLAGE})")
    args = parser.parse_args()
    with grpc.insecure_channel(args.target) as channel:
        ids = load(authenticated_channel(channel, args.office_token), authenticated_channel(channel, args.unit_token))
    print(f"Sanpai loaded: unit {ids.unit_id}, pairing {ids.pairing_id}, cadre {ids.cadre_id}")


if __name__ == "__main__":
    main()
