"""The collective-income operations fuzzed as a caller who may record them (the
general fuzz suite calls as the provincial office, which may only read them,
so its record requests stop at the gate). Schemathesis over the documented
JSON routes, and hypothesis-made gRPC requests: never a 5xx, INTERNAL or
UNKNOWN, every answer as documented, and whatever is accepted is stored
exactly as asked."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_schema_conformance, status_code_conformance)
from shuangdao.funds.v1 import funds_pb2, funds_pb2_grpc

from chassis.security.testing import token_for
from e2e_support import channel_as

ROLE = "county_approver"  # may record for every village of its county
PATH = "/v1/villages/{village_code}/collective-income"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
BOUNDED = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
ACCEPTABLE = frozenset({grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.FAILED_PRECONDITION,
                        grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.PERMISSION_DENIED})
VILLAGES = ["441826100201", "441826100202", "441825100201", "441826000000", "000000000000", "", "4418261002O1"]


def test_the_collective_income_routes_survive_schema_driven_fuzzing_as_a_recorder(
        start_service: Callable[..., Any]) -> None:
    running = start_service("funds", parts=("http",))
    schema = schemathesis.openapi.from_url(f"{running.http_base}/openapi.json")
    headers = {"Authorization": f"Bearer {token_for(ROLE)}"}
    operations = [result.ok() for result in schema.get_all_operations() if result.ok().path == PATH]
    assert sorted(o.method.upper() for o in operations) == ["GET", "POST"]
    failures = []
    with requests.Session() as session:
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                @BOUNDED
                @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
                def search(case: Any) -> None:
                    case.call_and_validate(base_url=running.http_base, session=session, checks=CHECKS, timeout=10)

                try:
                    search()
                except Exception as failure:  # noqa: BLE001 - reported with the operation and mode
                    failures.append(f"{mode.value} {operation.label}:\n{failure}")
    assert not failures, "\n\n".join(failures)


requests_made = st.builds(
    funds_pb2.RecordCollectiveIncomeRequest,
    village_code=st.sampled_from(VILLAGES),
    year=st.one_of(st.sampled_from([0, 1999, 2000, 2011, 2026, 2100, 2101, -(2**31), 2**31 - 1]),
                   st.integers(-(2**31), 2**31 - 1)),
    amount_fen=st.one_of(st.sampled_from([0, 1, -1, 10**14, 10**14 + 1, 2**63 - 1, -(2**63)]),
                         st.integers(-(2**63), 2**63 - 1)),
    reported_by=st.one_of(st.text(max_size=30), st.just("x" * 201), st.just("a\x00b")),
    note=st.one_of(st.text(max_size=30), st.just("n" * 501)),
    recorded_at=st.sampled_from(["", "2012-01-20T02:00:00Z", "2012-01-20T02:00:00", "2999-01-01T00:00:00Z",
                                 "yesterday", "2011-12-31T16:00:00Z"]),
    idempotency_key=st.one_of(st.just(""), st.text(alphabet="abcdef0123456789", min_size=1, max_size=12),
                              st.just("é"), st.just("k" * 129)),
)


def test_generated_grpc_reports_are_accepted_exactly_or_refused_clearly(start_service: Callable[..., Any]) -> None:
    running = start_service("funds", parts=("grpc",))
    stub = funds_pb2_grpc.FundsServiceStub(channel_as(running, ROLE))
    wrong: list[str] = []
    answered: set[grpc.StatusCode] = set()

    @BOUNDED
    @given(request=requests_made)
    @example(funds_pb2.RecordCollectiveIncomeRequest(village_code=VILLAGES[0], year=2011, amount_fen=0,
                                                     idempotency_key="first"))
    @example(funds_pb2.RecordCollectiveIncomeRequest(village_code=VILLAGES[0], year=2011, amount_fen=10**14,
                                                     note="corrected", idempotency_key="correction"))
    def search(request: funds_pb2.RecordCollectiveIncomeRequest) -> None:
        try:
            record = stub.RecordCollectiveIncome(request, timeout=10)
        except grpc.RpcError as error:
            answered.add(error.code())
            if error.code() not in ACCEPTABLE:
                wrong.append(f"{request}: {error.code().name} {error.details()}")
            return
        answered.add(grpc.StatusCode.OK)
        if (record.village.village_code, record.year, record.amount_fen) != (
                request.village_code, request.year, request.amount_fen) or not 0 <= record.amount_fen <= 10**14:
            wrong.append(f"{request}: stored as {record}")

    search()
    assert not wrong, "\n".join(wrong[:5])
    assert {grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT} <= answered  # the search reached both sides
