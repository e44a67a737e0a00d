"""Flask entrypoint: the same reads as gRPC, as JSON, as the caller."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from flask import Flask, request

from chassis.errors import FieldViolation, collect
from chassis.http import create_base_app
from chassis.security.context import current_principal

from assessment.adapters import json_io
from assessment.bootstrap import Assessment
from assessment.domain import queries
from assessment.domain.divisions import is_division_code
from assessment.service_layer import views

OPENAPI = Path(__file__).resolve().parents[1] / "openapi.yaml"


def _flag_param(name: str) -> bool:
    value = request.args.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        collect([FieldViolation(name, "must be true or false")])
    return value in ("true", "1")


def _division_param() -> str:
    """Absent means "the caller's own jurisdiction"; present, it must name a division."""
    value = request.args.get("division_code")
    if value == "":
        collect([FieldViolation("division_code", "must be a 12-digit division code; omit it to mean your own")])
    return value or ""


def create_app(assessment: Assessment) -> Flask:
    app = create_base_app("assessment", assessment.metrics, assessment.readiness)
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))

    @app.get("/openapi.json")
    def openapi() -> Any:
        return document

    @app.get("/v1/villages/<village_code>/summary")
    def village_summary(village_code: str) -> Any:
        reader = current_principal()
        if not is_division_code(village_code):
            collect([FieldViolation("village_code", "must be a 12-digit village code")])
        summary = assessment.village_summary(village_code, reader)
        return {"village_code": summary.village_code,
                "registered_households": summary.registered_households,
                "registered_people": summary.registered_people}

    @app.get("/v1/scores/<target_kind>/<target_id>")
    def score(target_kind: str, target_id: str) -> Any:
        reader = current_principal()
        queries.check_target(target_kind, target_id)
        return json_io.score_json(views.score(target_kind, target_id, assessment.new_uow(), reader))

    @app.get("/v1/rankings/<target_kind>")
    def ranking(target_kind: str) -> Any:
        reader = current_principal()
        division = _division_param()
        queries.check_ranking(target_kind, division)
        ranked = views.ranking(target_kind, division, assessment.new_uow(), reader)
        return json_io.ranking_json(target_kind, division, assessment.rubric.tie_rule, ranked)

    @app.get("/v1/flags")
    def flags() -> Any:
        reader = current_principal()
        kind, target_id = request.args.get("target_kind", ""), request.args.get("target_id", "")
        division = _division_param()
        include_cleared = _flag_param("include_cleared")
        queries.check_flags(kind, target_id, division)
        found = views.flags(kind, target_id, division, include_cleared, assessment.new_uow(), reader)
        return {"flags": [json_io.flag_json(f) for f in found]}

    @app.get("/v1/figures")
    def figures() -> Any:
        reader = current_principal()
        division = _division_param()
        collect(queries.check_division(division))
        return json_io.figures_json(views.province_figures(division, assessment.new_uow(), reader))

    return app
