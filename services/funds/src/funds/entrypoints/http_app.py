"""Flask entrypoint: the same operations as gRPC, as JSON, plus the CSV export
of a village's ledger and the OpenAPI document."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from flask import Flask, Response, request

from chassis.errors import FieldViolation, collect
from chassis.http import create_base_app, json_body
from chassis.security.context import current_principal

from funds.adapters import json_io
from funds.bootstrap import Funds
from funds.domain import commands

OPENAPI = yaml.safe_load(resources.files("funds").joinpath("openapi.yaml").read_text(encoding="utf-8"))


def _command(kind: type[commands.Command], **from_path: str) -> Any:
    return json_io.command_from(kind, json_body(), request.headers.get("Idempotency-Key"), **from_path)


def _int_arg(name: str) -> int:
    raw = request.args.get(name)
    if raw is None:  # absent: the default; present but empty is a mistake worth naming
        return 0
    if not raw.isdigit() or len(raw) > 6:
        collect([FieldViolation(name, "must be a whole number")])
    return int(raw)


def create_app(funds: Funds) -> Flask:
    app = create_base_app("funds", funds.metrics, funds.readiness)

    @app.get("/openapi.json")
    def openapi() -> Any:
        return OPENAPI

    @app.post("/v1/sources")
    def create_source() -> Any:
        return json_io.plain(funds.handle(_command(commands.CreateSource), current_principal())), 201

    @app.get("/v1/sources")
    def list_sources() -> Any:
        return {"sources": [json_io.plain(s) for s in funds.list_sources(current_principal())]}

    @app.get("/v1/sources/<source_id>")
    def get_source(source_id: str) -> Any:
        return json_io.plain(funds.get_source(source_id, current_principal()))

    @app.post("/v1/sources/<source_id>/receipts")
    def record_receipt(source_id: str) -> Any:
        return json_io.plain(funds.handle(_command(commands.RecordReceipt, source_id=source_id), current_principal())), 201

    @app.post("/v1/allocations")
    def allocate() -> Any:
        return json_io.plain(funds.handle(_command(commands.AllocateFunds), current_principal())), 201

    @app.get("/v1/allocations/<allocation_id>")
    def get_allocation(allocation_id: str) -> Any:
        return json_io.plain(funds.get_allocation(allocation_id, current_principal()))

    @app.post("/v1/projects")
    def create_project() -> Any:
        return json_io.plain(funds.handle(_command(commands.CreateProject), current_principal())), 201

    @app.get("/v1/projects/<project_id>")
    def get_project(project_id: str) -> Any:
        return json_io.plain(funds.get_project(project_id, current_principal()))

    @app.post("/v1/projects/<project_id>/completion")
    def complete_project(project_id: str) -> Any:
        return json_io.plain(funds.handle(_command(commands.CompleteProject, project_id=project_id), current_principal()))

    @app.post("/v1/commitments")
    def commit() -> Any:
        return json_io.plain(funds.handle(_command(commands.CommitFunds), current_principal())), 201

    @app.post("/v1/disbursements")
    def disburse() -> Any:
        return json_io.plain(funds.handle(_command(commands.Disburse), current_principal())), 201

    @app.post("/v1/disbursements/<disbursement_id>/reversal")
    def reverse(disbursement_id: str) -> Any:
        return json_io.plain(funds.handle(_command(commands.ReverseDisbursement,
                                                   disbursement_id=disbursement_id), current_principal())), 201

    @app.get("/v1/villages/<village_code>/funds")
    def village_funds(village_code: str) -> Any:
        return json_io.plain(funds.village_funds(village_code, current_principal()))

    @app.post("/v1/villages/<village_code>/collective-income")
    def record_collective_income(village_code: str) -> Any:
        command = _command(commands.RecordCollectiveIncome, village_code=village_code)
        return json_io.plain(funds.handle(command, current_principal())), 201

    @app.get("/v1/villages/<village_code>/collective-income")
    def collective_income(village_code: str) -> Any:
        return json_io.plain(funds.village_collective_income(village_code, current_principal()))

    @app.get("/v1/villages/<village_code>/ledger.csv")
    def village_ledger(village_code: str) -> Response:
        body = funds.village_ledger_csv(village_code, current_principal())
        return Response(body, mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="ledger-{village_code}.csv"'})

    @app.get("/v1/figures/source-mix")
    def source_mix() -> Any:
        return json_io.mix_json(funds.source_mix(request.args.get("division_code", ""), current_principal()))

    @app.get("/v1/figures/idle-allocations")
    def idle_allocations() -> Any:
        as_of, days, found = funds.idle_allocations(request.args.get("as_of", ""), _int_arg("idle_days"),
                                                    request.args.get("division_code", ""), current_principal())
        return json_io.idle_json(as_of, days, found)

    return app
