"""Helpers shared by the end-to-end tests (on sys.path via pytest.ini)."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc
from shuangdao.registry.v1 import registry_pb2

VILLAGE = "441826108201"


def id_number(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def birth_date_of(seed: int) -> date:
    """A distinct head-of-household birth date per seed, so national IDs never collide."""
    return date(1940, 1, 1) + timedelta(days=seed)


def household_request(village: str = VILLAGE, people: int = 3, seed: int = 1) -> registry_pb2.RegisterHouseholdRequest:
    members = [registry_pb2.Member(name=f"Member {n}", national_id=id_number(f"441825{birth_date_of(seed):%Y%m%d}{n:03d}"),
                                   relation=registry_pb2.RELATION_HEAD if n == 0 else registry_pb2.RELATION_CHILD,
                                   sex=registry_pb2.SEX_FEMALE, birth_date=birth_date_of(seed).isoformat())
               for n in range(people)]
    return registry_pb2.RegisterHouseholdRequest(village_code=village, category=registry_pb2.CATEGORY_DIBAO,
                                                 members=members)


def summary_of(assessment: Any, village: str = VILLAGE) -> assessment_pb2.VillageSummary:
    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel())
    return stub.GetVillageSummary(assessment_pb2.GetVillageSummaryRequest(village_code=village), timeout=5)


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def post_json(url: str, body: object) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
