"""The shipped Sanpai fixture loads through the public API and its counts by
category match the case study."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.security.testing import token_for


def test_the_sanpai_fixture_loads_and_its_counts_by_category_match_the_case_study(
        start_service: Callable[..., Any]) -> None:
    from registry.fixtures import sanpai

    registry = start_service("registry", parts=("grpc",))
    assert len(sanpai.load(registry.grpc_target, token_for("prefecture_registrar"))) == 141
    stub = registry_pb2_grpc.RegistryServiceStub(registry.channel(role="county_approver"))
    counts = {}
    for category in (R.CATEGORY_ABLE_TO_WORK, R.CATEGORY_DIBAO, R.CATEGORY_WUBAO):
        page = stub.ListHouseholds(R.ListHouseholdsRequest(division_code="441826108201", category=category,
                                                           page_size=500), timeout=5)
        counts[category] = (page.total_size, page.total_people, sum(h.member_count for h in page.households))
    assert counts == {R.CATEGORY_ABLE_TO_WORK: (82, 350, 350), R.CATEGORY_DIBAO: (50, 135, 135),
                      R.CATEGORY_WUBAO: (9, 9, 9)}
    town = stub.ListHouseholds(R.ListHouseholdsRequest(division_code="441826108000"), timeout=5)
    assert (town.total_size, town.total_people) == (141, 494)
