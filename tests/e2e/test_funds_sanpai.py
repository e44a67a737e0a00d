"""The Sanpai case loads through the funds API and its figures add up to the fen."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shuangdao.funds.v1 import events_pb2, funds_pb2, funds_pb2_grpc

from funds import sanpai

YUAN = 100


def test_the_sanpai_case_loads_and_its_figures_add_up(start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("grpc",))
    loaded = sanpai.load(funds.channel(role="county_approver"))
    again = sanpai.load(funds.channel(role="county_approver"))  # deterministic keys: a second load changes nothing
    assert again == loaded
    stub = funds_pb2_grpc.FundsServiceStub(funds.channel(role="county_approver"))
    village = stub.GetVillageFunds(funds_pb2.GetVillageFundsRequest(village_code="441826108201"), timeout=5)

    assert village.village.county_code == "441826000000"
    assert village.allocated_fen == 5_876_000 * YUAN
    assert sorted((a.year, a.amount_fen) for a in village.allocations) == [(2010, 2_876_000 * YUAN),
                                                                           (2011, 3_000_000 * YUAN)]
    fellowships = (8 * 3_000 + 13 * 2_000 + 6 * 1_000) + (8 * 3_000 + 11 * 2_000 + 6 * 1_000)
    assert fellowships == 56_000 + 52_000
    assert village.disbursed_fen == (450_000 + fellowships) * YUAN
    assert village.uncommitted_fen == 0
    assert village.committed_fen == village.allocated_fen - village.disbursed_fen
    assert sum(p.budget_fen for p in village.projects) == 5_876_000 * YUAN

    industrial = {p.subtype: (p.poor_households, p.non_poor_households) for p in village.projects
                  if p.type == events_pb2.PROJECT_TYPE_INDUSTRIAL}
    assert industrial == {"sericulture": (32, 4), "honeysuckle": (54, 139), "peanuts": (66, 102),
                          "pigs": (76, 21), "tea-oil trees": (23, 152)}
    education = next(p for p in village.projects if p.subtype == "fellowships")
    assert (education.budget_fen, education.disbursed_fen) == (200_000 * YUAN, 108_000 * YUAN)
    assert education.status == funds_pb2.PROJECT_STATUS_IN_PROGRESS
    office = next(p for p in village.projects if p.subtype == "office building")
    assert (office.status, office.disbursed_fen, office.utilisation_basis_points) == (
        funds_pb2.PROJECT_STATUS_COMPLETED, 450_000 * YUAN, 10_000)

    [bureau] = stub.ListSources(funds_pb2.ListSourcesRequest(), timeout=5).sources
    assert (bureau.received_fen, bureau.allocated_fen, bureau.unallocated_fen, bureau.disbursed_fen) == (
        5_876_000 * YUAN, 5_876_000 * YUAN, 0, village.disbursed_fen)
    mix = stub.GetSourceMix(funds_pb2.GetSourceMixRequest(division_code="441826108201"), timeout=5)
    support = next(k for k in mix.kinds if k.kind == events_pb2.SOURCE_KIND_SUPPORT_UNIT)
    assert (support.share_basis_points, mix.social_share_basis_points) == (10_000, 0)

    # At the end of 2011 the projects that recorded no payment have been idle
    # since their allocation; the education fund paid out in September 2011.
    idle = stub.ListIdleAllocations(funds_pb2.ListIdleAllocationsRequest(as_of="2011-12-31"), timeout=5)
    assert [(i.allocation.year, i.idle_since) for i in idle.allocations] == [(2010, "2010-12-20"),
                                                                             (2011, "2011-09-01")]
