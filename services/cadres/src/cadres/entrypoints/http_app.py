"""Flask entrypoint: the same operations as gRPC, as JSON. Path parameters
join the body (the path wins); GET parameters come from the query string.
The OpenAPI document of these routes is served at /openapi.json."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Flask, Response, request

from chassis.http import create_base_app, json_body

from cadres.bootstrap import Service
from cadres.entrypoints.operations import Operations

OPENAPI = Path(__file__).resolve().parents[1] / "openapi.yaml"


@cache
def openapi_document() -> str:
    return json.dumps(yaml.safe_load(OPENAPI.read_text(encoding="utf-8")))


def _query() -> dict[str, Any]:
    return {key: value for key, value in request.args.items()}


def create_app(service: Service) -> Flask:
    app = create_base_app("cadres", service.metrics, service.readiness)
    ops = Operations(service)

    @app.get("/openapi.json")
    def openapi() -> Response:
        return Response(openapi_document(), mimetype="application/json")

    @app.post("/v1/support-units")
    def register_support_unit() -> Any:
        return ops.register_support_unit(json_body()), 201

    @app.get("/v1/support-units/<unit_id>")
    def get_support_unit(unit_id: str) -> Any:
        return ops.get_support_unit({"unit_id": unit_id})

    @app.post("/v1/support-units/<unit_id>/top-leader")
    def change_top_leader(unit_id: str) -> Any:
        return ops.change_top_leader({**json_body(), "unit_id": unit_id})

    @app.post("/v1/pairings")
    def pair_unit() -> Any:
        return ops.pair_unit(json_body()), 201

    @app.get("/v1/pairings")
    def list_pairings() -> Any:
        return ops.list_pairings(_query())

    @app.get("/v1/pairings/<pairing_id>")
    def get_pairing(pairing_id: str) -> Any:
        return ops.get_pairing({"pairing_id": pairing_id})

    @app.post("/v1/pairings/<pairing_id>/end")
    def end_pairing(pairing_id: str) -> Any:
        return ops.end_pairing({**json_body(), "pairing_id": pairing_id})

    @app.put("/v1/pairings/<pairing_id>/village-plan")
    def adopt_village_plan(pairing_id: str) -> Any:
        return ops.adopt_village_plan({**json_body(), "pairing_id": pairing_id})

    @app.post("/v1/pairings/<pairing_id>/yearly-plans")
    def adopt_yearly_plan(pairing_id: str) -> Any:
        return ops.adopt_yearly_plan({**json_body(), "pairing_id": pairing_id})

    @app.get("/v1/pairings/<pairing_id>/plans")
    def list_plans(pairing_id: str) -> Any:
        return ops.list_plans({"pairing_id": pairing_id})

    @app.post("/v1/cadres")
    def register_cadre() -> Any:
        return ops.register_cadre(json_body()), 201

    @app.get("/v1/cadres/<cadre_id>")
    def get_cadre(cadre_id: str) -> Any:
        return ops.get_cadre({"cadre_id": cadre_id})

    @app.post("/v1/cadres/<cadre_id>/stationing")
    def station_cadre(cadre_id: str) -> Any:
        return ops.station_cadre({**json_body(), "cadre_id": cadre_id}), 201

    @app.post("/v1/cadres/<cadre_id>/withdrawal")
    def withdraw_cadre(cadre_id: str) -> Any:
        return ops.withdraw_cadre({**json_body(), "cadre_id": cadre_id})

    @app.post("/v1/rotations")
    def rotate_cadre() -> Any:
        return ops.rotate_cadre(json_body()), 201

    @app.get("/v1/stationings")
    def list_stationings() -> Any:
        return ops.list_stationings(_query())

    @app.post("/v1/cadres/<cadre_id>/attendance")
    def record_attendance(cadre_id: str) -> Any:
        return ops.record_attendance({**json_body(), "cadre_id": cadre_id})

    @app.get("/v1/cadres/<cadre_id>/attendance/<month>")
    def get_attendance_month(cadre_id: str, month: str) -> Any:
        return ops.get_attendance_month({"cadre_id": cadre_id, "month": month})

    @app.post("/v1/cadres/<cadre_id>/leaves")
    def request_leave(cadre_id: str) -> Any:
        return ops.request_leave({**json_body(), "cadre_id": cadre_id}), 201

    @app.get("/v1/cadres/<cadre_id>/leaves")
    def list_leaves(cadre_id: str) -> Any:
        return ops.list_leaves({"cadre_id": cadre_id})

    @app.post("/v1/leaves/<leave_id>/decision")
    def decide_leave(leave_id: str) -> Any:
        return ops.decide_leave({**json_body(), "leave_id": leave_id})

    @app.post("/v1/cadres/<cadre_id>/inspections")
    def record_inspection(cadre_id: str) -> Any:
        return ops.record_inspection({**json_body(), "cadre_id": cadre_id}), 201

    @app.get("/v1/cadres/<cadre_id>/inspections")
    def list_inspections(cadre_id: str) -> Any:
        return ops.list_inspections({"cadre_id": cadre_id})

    @app.post("/v1/cadres/<cadre_id>/complaints")
    def record_complaint(cadre_id: str) -> Any:
        return ops.record_complaint({**json_body(), "cadre_id": cadre_id}), 201

    @app.get("/v1/cadres/<cadre_id>/complaints")
    def list_complaints(cadre_id: str) -> Any:
        return ops.list_complaints({"cadre_id": cadre_id})

    @app.post("/v1/complaints/<complaint_id>/resolution")
    def resolve_complaint(complaint_id: str) -> Any:
        return ops.resolve_complaint({**json_body(), "complaint_id": complaint_id})

    return app
