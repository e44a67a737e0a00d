"""The funds service over its public APIs, on real PostgreSQL and Kafka:
50 concurrent gRPC disbursements, idempotent retries, the JSON API with its
OpenAPI document, the CSV ledger and the events on funds.ledger.v1."""
from __future__ import annotations

import csv
import io
import json
import threading
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc
from kafka import KafkaConsumer
from shuangdao.funds.v1 import events_pb2, funds_pb2, funds_pb2_grpc

from chassis.grpc_errors import field_violations_of

from chassis.security.testing import token_for
from e2e_support import bearer, wait_for
from e2e_support import post_json as post_json_as

# Liannan county's approver holds every funds action for the test village.
COUNTY = token_for("county_approver")


def post_json(url: str, body: object) -> tuple[int, dict[str, Any]]:
    return post_json_as(url, body, COUNTY)

VILLAGE = "441826108201"
UNIT = "2c5d4f1e-0b7a-4e61-9a3c-5a1f0e6b7d21"


def funded(stub: funds_pb2_grpc.FundsServiceStub, fen: int) -> tuple[str, str]:
    source = stub.CreateSource(funds_pb2.CreateSourceRequest(
        kind=events_pb2.SOURCE_KIND_SUPPORT_UNIT, name="Provincial tobacco bureau", unit_id=UNIT), timeout=5)
    stub.RecordReceipt(funds_pb2.RecordReceiptRequest(source_id=source.source_id, amount_fen=fen,
                                                      idempotency_key=uuid.uuid4().hex), timeout=5)
    allocation = stub.AllocateFunds(funds_pb2.AllocateFundsRequest(
        source_id=source.source_id, village_code=VILLAGE, amount_fen=fen, idempotency_key=uuid.uuid4().hex),
        timeout=5)
    project = stub.CreateProject(funds_pb2.CreateProjectRequest(
        village_code=VILLAGE, type=events_pb2.PROJECT_TYPE_INDUSTRIAL, subtype="honeysuckle",
        name="Honeysuckle, 368 mu", budget_fen=fen, poor_households=54, non_poor_households=139), timeout=5)
    stub.CommitFunds(funds_pb2.CommitFundsRequest(allocation_id=allocation.allocation_id,
                                                  project_id=project.project_id, amount_fen=fen,
                                                  idempotency_key=uuid.uuid4().hex), timeout=5)
    return allocation.allocation_id, project.project_id


def payment(allocation: str, project: str, fen: int, key: str) -> funds_pb2.DisburseRequest:
    return funds_pb2.DisburseRequest(allocation_id=allocation, project_id=project, amount_fen=fen,
                                     recipient_kind=funds_pb2.RECIPIENT_KIND_CONTRACTOR,
                                     recipient_ref="Liannan Honeysuckle Cooperative", idempotency_key=key)


def test_fifty_concurrent_grpc_disbursements_pay_at_most_the_allocation_and_refusals_are_failed_precondition(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("grpc",))
    stub = funds_pb2_grpc.FundsServiceStub(funds.channel(role="county_approver"))
    allocation, project = funded(stub, 1_000_000)
    start = threading.Barrier(50)

    def one(n: int) -> Any:
        start.wait()
        try:
            return stub.Disburse(payment(allocation, project, 45_000, f"pay-{n}"), timeout=30)
        except grpc.RpcError as error:
            return error

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(one, range(50)))
    paid = [o for o in outcomes if isinstance(o, funds_pb2.Disbursement)]
    refused = [o for o in outcomes if isinstance(o, grpc.RpcError)]
    assert sum(p.amount_fen for p in paid) <= 1_000_000
    assert (len(paid), len(refused)) == (22, 28)  # 22 x 45,000 = 990,000
    assert {e.code() for e in refused} == {grpc.StatusCode.FAILED_PRECONDITION}
    assert all("overspend" in e.details() for e in refused)
    left = stub.GetAllocation(funds_pb2.GetAllocationRequest(allocation_id=allocation), timeout=5)
    assert (left.disbursed_fen, left.committed_fen) == (990_000, 10_000)


def test_a_retried_grpc_disbursement_returns_the_first_result_and_moves_no_money(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("grpc",))
    stub = funds_pb2_grpc.FundsServiceStub(funds.channel(role="county_approver"))
    allocation, project = funded(stub, 100_000)
    first = stub.Disburse(payment(allocation, project, 40_000, "invoice-2010-031"), timeout=5)
    again = stub.Disburse(payment(allocation, project, 40_000, "invoice-2010-031"), timeout=5)
    assert again == first
    left = stub.GetAllocation(funds_pb2.GetAllocationRequest(allocation_id=allocation), timeout=5)
    assert left.disbursed_fen == 40_000
    try:
        stub.Disburse(payment(allocation, project, 41_000, "invoice-2010-031"), timeout=5)
        raise AssertionError("a reused key with a different request must fail")
    except grpc.RpcError as error:
        assert error.code() is grpc.StatusCode.ALREADY_EXISTS


def test_bad_grpc_input_gets_every_field_violation(start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("grpc",))
    stub = funds_pb2_grpc.FundsServiceStub(funds.channel(role="county_approver"))
    try:
        stub.Disburse(funds_pb2.DisburseRequest(allocation_id="x", amount_fen=-5), timeout=5)
        raise AssertionError("expected INVALID_ARGUMENT")
    except grpc.RpcError as error:
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert {v.field for v in field_violations_of(error)} == {
            "allocation_id", "project_id", "amount_fen", "recipient_kind", "recipient_ref", "idempotency_key"}


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=bearer(COUNTY)), timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def test_the_json_api_moves_money_idempotently_and_exports_the_village_ledger_as_balanced_csv(
        start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("http",))
    base = funds.http_base
    status, source = post_json(f"{base}/v1/sources", {"kind": "social_donation", "name": "Poverty Alleviation Day"})
    assert status == 201
    assert post_json(f"{base}/v1/sources/{source['source_id']}/receipts",
                     {"amount_fen": 50_000, "idempotency_key": "r-1"})[0] == 201
    status, allocation = post_json(f"{base}/v1/allocations", {
        "source_id": source["source_id"], "village_code": VILLAGE, "amount_fen": 30_000,
        "allocated_at": "2012-06-30T02:00:00Z", "idempotency_key": "a-1"})
    assert (status, allocation["year"]) == (201, 2012)
    status, project = post_json(f"{base}/v1/projects", {
        "village_code": VILLAGE, "type": "education", "subtype": "fellowships", "name": "Education Fund",
        "budget_fen": 30_000})
    assert status == 201
    assert post_json(f"{base}/v1/commitments", {"allocation_id": allocation["allocation_id"],
                                                 "project_id": project["project_id"], "amount_fen": 30_000,
                                                 "idempotency_key": "c-1"})[0] == 201
    body = {"allocation_id": allocation["allocation_id"], "project_id": project["project_id"],
            "amount_fen": 3_000, "recipient_kind": "household", "recipient_ref": str(uuid.uuid4()),
            "disbursed_at": "2012-07-01T02:00:00Z", "idempotency_key": "fellowship-1"}
    first, again = post_json(f"{base}/v1/disbursements", body), post_json(f"{base}/v1/disbursements", body)
    assert first == again and first[0] == 201
    status, error = post_json(f"{base}/v1/disbursements", {**body, "amount_fen": 999_999, "idempotency_key": "x"})
    assert status == 409 and error["error"]["code"] == "FAILED_PRECONDITION"
    status, error = post_json(f"{base}/v1/disbursements", {**body, "amount_fen": "3000", "surprise": 1})
    assert status == 400 and {v["field"] for v in error["error"]["field_violations"]} == {"amount_fen", "surprise"}

    status, kind, text = get(f"{base}/v1/villages/{VILLAGE}/ledger.csv")
    assert status == 200 and kind.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_transaction: dict[str, int] = {}
    for row in rows:
        by_transaction[row["transaction_id"]] = by_transaction.get(row["transaction_id"], 0) + int(row["amount_fen"])
    assert len(by_transaction) == 3 and set(by_transaction.values()) == {0}
    assert sum(int(r["amount_fen"]) for r in rows if r["account_kind"] == "paid") == 3_000
    status, _, village = get(f"{base}/v1/villages/{VILLAGE}/funds")
    assert status == 200 and json.loads(village)["disbursed_fen"] == 3_000
    assert get(f"{base}/v1/villages/44182610820/ledger.csv")[0] == 400
    assert get(f"{base}/v1/projects/{uuid.uuid4()}")[0] == 404
    status, _, mix = get(f"{base}/v1/figures/source-mix?division_code=441826000000")
    assert status == 200 and json.loads(mix)["social_share_basis_points"] == 10_000
    status, _, idle = get(f"{base}/v1/figures/idle-allocations?as_of=2013-01-01")
    assert status == 200 and json.loads(idle)["idle_days"] == 90
    assert [(a["unspent_fen"], a["idle_since"], a["days_idle"]) for a in json.loads(idle)["allocations"]] == [
        (27_000, "2012-07-01", 184)]


def test_the_openapi_document_lists_every_route_of_the_json_api(start_service: Callable[..., Any]) -> None:
    funds = start_service("funds", parts=("http",))
    status, _, text = get(f"{funds.http_base}/openapi.json")
    document = json.loads(text)
    assert status == 200 and document["openapi"].startswith("3.")
    app = funds.process.app
    routes = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/v1/") or rule.rule == "/openapi.json"}
    assert routes == set(document["paths"])
    methods: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        path = rule.rule.replace("<", "{").replace(">", "}")
        methods.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    for path, documented in document["paths"].items():
        assert methods[path] == set(documented), path
        for operation in documented.values():
            assert operation["responses"], path


def test_movements_are_published_on_the_ledger_topic_keyed_by_village(
        start_service: Callable[..., Any], kafka_bootstrap: str) -> None:
    funds = start_service("funds", parts=("grpc", "relay"))
    stub = funds_pb2_grpc.FundsServiceStub(funds.channel(role="county_approver"))
    allocation, project = funded(stub, 10_000)
    stub.Disburse(payment(allocation, project, 2_500, "p-1"), timeout=5)
    topic = funds.service.settings.topic("funds.ledger.v1")
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, api_version=(4, 3),
                             group_id=f"check-{uuid.uuid4().hex[:6]}", auto_offset_reset="earliest")
    found: list[Any] = []
    try:
        wait_for(lambda: found.extend(r for rs in consumer.poll(timeout_ms=200).values() for r in rs)
                 or len(found) >= 4)
    finally:
        consumer.close()
    assert [dict(r.headers)["type"] for r in found] == [
        b"funds-allocated", b"project-created", b"funds-committed", b"funds-disbursed"]
    assert {r.key for r in found} == {VILLAGE.encode()}
    disbursed = events_pb2.FundsDisbursed.FromString(found[-1].value)
    assert (disbursed.allocation_id, disbursed.project_id, disbursed.amount_fen) == (allocation, project, 2_500)
    assert dict(found[-1].headers)["schema"] == b"shuangdao.funds.v1.FundsDisbursed"
