"""Loads the Sanpai case (data/sanpai.yaml) through the public gRPC API, with
deterministic idempotency keys: loading twice changes nothing. Besides the
money, it records the village collective's income of 2010 and 2011, so the
assessment's "village collective income" indicator is measured.

    python -m funds.sanpai --target 127.0.0.1:50053
"""
from __future__ import annotations

import argparse
import os
import uuid
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import grpc
import yaml
from shuangdao.funds.v1 import events_pb2, funds_pb2, funds_pb2_grpc

from chassis.security.grpc_auth import authenticated_channel

FEN_PER_YUAN = 100
PLACEHOLDER_NAMESPACE = uuid.UUID("8a0c1d52-4a8e-4c36-9a55-0c7f4e1b2d11")


def fixture() -> dict[str, Any]:
    return yaml.safe_load(resources.files("funds").joinpath("data/sanpai.yaml").read_text(encoding="utf-8"))


@dataclass
class Loaded:
    village_code: str
    source_id: str
    allocation_ids: dict[int, str] = field(default_factory=dict)
    project_ids: dict[str, str] = field(default_factory=dict)
    collective_income_ids: dict[int, str] = field(default_factory=dict)


def load(channel: grpc.Channel, timeout: float = 10.0) -> Loaded:
    data = fixture()
    stub = funds_pb2_grpc.FundsServiceStub(channel)
    village = data["village_code"]
    s = data["source"]
    source = stub.CreateSource(funds_pb2.CreateSourceRequest(
        kind=events_pb2.SourceKind.Value("SOURCE_KIND_" + s["kind"].upper()), name=s["name"], unit_id=s["unit_id"],
        idempotency_key="sanpai-source"), timeout=timeout)
    loaded = Loaded(village, source.source_id)
    for r in data["receipts"]:
        year, amount = r["year"], r["yuan"] * FEN_PER_YUAN
        stub.RecordReceipt(funds_pb2.RecordReceiptRequest(
            source_id=source.source_id, amount_fen=amount, received_at=r["at"],
            note=f"Tobacco bureau funds for Sanpai, {year}", idempotency_key=f"sanpai-receipt-{year}"),
            timeout=timeout)
        allocation = stub.AllocateFunds(funds_pb2.AllocateFundsRequest(
            source_id=source.source_id, village_code=village, amount_fen=amount, year=year, allocated_at=r["at"],
            purpose=f"Shuangdao support for Sanpai, {year}", idempotency_key=f"sanpai-allocation-{year}"),
            timeout=timeout)
        loaded.allocation_ids[year] = allocation.allocation_id
    starts = {r["year"]: r["at"] for r in data["receipts"]}
    for p in data["projects"]:
        project = stub.CreateProject(funds_pb2.CreateProjectRequest(
            village_code=village, type=events_pb2.ProjectType.Value("PROJECT_TYPE_" + p["type"].upper()),
            subtype=p["subtype"], name=p["name"], budget_fen=p["budget_yuan"] * FEN_PER_YUAN,
            poor_households=p["poor"], non_poor_households=p["non_poor"], created_at=starts[p["year"]],
            idempotency_key=f"sanpai-project-{p['key']}"), timeout=timeout)
        loaded.project_ids[p["key"]] = project.project_id
    for year, amounts in data["commitments"].items():
        for key, yuan in amounts.items():
            stub.CommitFunds(funds_pb2.CommitFundsRequest(
                allocation_id=loaded.allocation_ids[year], project_id=loaded.project_ids[key],
                amount_fen=yuan * FEN_PER_YUAN, committed_at=starts[year],
                idempotency_key=f"sanpai-commit-{year}-{key}"), timeout=timeout)
    for n, pay in enumerate(data["contractor_payments"]):
        stub.Disburse(funds_pb2.DisburseRequest(
            allocation_id=loaded.allocation_ids[pay["year"]], project_id=loaded.project_ids[pay["project"]],
            amount_fen=pay["yuan"] * FEN_PER_YUAN, recipient_kind=funds_pb2.RECIPIENT_KIND_CONTRACTOR,
            recipient_ref=pay["contractor"], disbursed_at=pay["at"], idempotency_key=f"sanpai-payment-{n}"),
            timeout=timeout)
    for f in data["fellowships"]:
        _fellowships(stub, loaded, f, timeout)
    for done in data["completed"]:
        stub.CompleteProject(funds_pb2.CompleteProjectRequest(
            project_id=loaded.project_ids[done["project"]], completed_at=done["at"],
            idempotency_key=f"sanpai-complete-{done['project']}"), timeout=timeout)
    for income in data["collective_income"]:
        record = stub.RecordCollectiveIncome(funds_pb2.RecordCollectiveIncomeRequest(
            village_code=village, year=income["year"], amount_fen=income["yuan"] * FEN_PER_YUAN,
            reported_by="Sanpai village committee", note=income["note"], recorded_at=income["at"],
            idempotency_key=f"sanpai-collective-income-{income['year']}"), timeout=timeout)
        loaded.collective_income_ids[income["year"]] = record.record_id
    return loaded


def _fellowships(stub: funds_pb2_grpc.FundsServiceStub, loaded: Loaded, batch: dict[str, Any],
                 timeout: float) -> None:
    year, n = batch["year"], 0
    for level in batch["levels"]:
        for _ in range(level["students"]):
            household = uuid.uuid5(PLACEHOLDER_NAMESPACE, f"sanpai-fellowship-{year}-{n}")
            stub.Disburse(funds_pb2.DisburseRequest(
                allocation_id=loaded.allocation_ids[year], project_id=loaded.project_ids["education_fund"],
                amount_fen=level["yuan"] * FEN_PER_YUAN, recipient_kind=funds_pb2.RECIPIENT_KIND_HOUSEHOLD,
                recipient_ref=str(household), disbursed_at=batch["at"], note=f"fellowship {year}",
                idempotency_key=f"sanpai-fellowship-{year}-{n}"), timeout=timeout)
            n += 1


def main() -> None:
    parser = argparse.ArgumentParser(description="Load the Sanpai case into a running funds service")
    parser.add_argument("--target", default="127.0.0.1:50053", help="the funds gRPC address")
    parser.add_argument("--token", default=os.environ.get("SHUANGDAO_TOKEN", ""),
                        help="bearer token of a county approver of Liannan (default: $SHUANGDAO_TOKEN)")
    args = parser.parse_args()
    with grpc.insecure_channel(args.target) as plain:
        channel = authenticated_channel(plain, args.token) if args.token else plain
        loaded = load(channel)
    print(f"Sanpai loaded: village {loaded.village_code}, source {loaded.source_id}, "
          f"{len(loaded.project_ids)} projects, collective income of {sorted(loaded.collective_income_ids)}")


if __name__ == "__main__":
    main()
