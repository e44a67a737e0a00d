"""Flask entrypoint: the same operations as gRPC, as JSON, plus the OpenAPI
document that describes them."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from flask import Flask, request

from chassis.http import create_base_app, json_body
from chassis.security.context import current_principal

from registry.adapters import json_io
from registry.bootstrap import Registry
from registry.domain import commands
from registry.service_layer import views
from registry.service_layer.security import shown

OPENAPI = Path(__file__).resolve().parents[1] / "openapi.yaml"


def create_app(registry: Registry) -> Flask:
    app = create_base_app("registry", registry.metrics, registry.readiness)
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    rules = registry.settings.rules

    def handle(command: Any) -> Any:
        """Through the bus, with the caller as the command's actor."""
        return registry.bus.handle(replace(command, actor=current_principal()))

    def household_json(household: Any) -> dict[str, Any]:
        return json_io.household_json(shown(household, current_principal()))

    @app.get("/openapi.json")
    def openapi() -> Any:
        return document

    @app.post("/v1/households")
    def register_household() -> Any:
        return {"household_id": handle(json_io.register_command(json_body()))}, 201

    @app.post("/v1/households:batch")
    def register_households() -> Any:
        command = json_io.register_batch_command(json_body(), registry.settings.max_batch)
        return json_io.batch_json(handle(command))

    @app.get("/v1/households")
    def list_households() -> Any:
        return json_io.page_json(views.list_households(registry.new_uow(), **json_io.list_args(request.args),
                                                        actor=current_principal()))

    @app.get("/v1/households/<household_id>")
    def get_household(household_id: str) -> Any:
        return json_io.household_json(registry.get_household(household_id, current_principal()))

    @app.post("/v1/submissions")
    def submit_household() -> Any:
        return {"household_id": handle(json_io.submit_command(json_body()))}, 201

    @app.post("/v1/households/<household_id>/decisions")
    def decide_step(household_id: str) -> Any:
        return household_json(handle(json_io.decide_command(household_id, json_body())))

    @app.post("/v1/households/<household_id>/objections")
    def record_objection(household_id: str) -> Any:
        text, recorded_by = json_io.simple(json_body(), "text", "recorded_by")
        return household_json(handle(commands.RecordObjection(household_id, text, recorded_by)))

    @app.post("/v1/households/<household_id>/resubmission")
    def resubmit(household_id: str) -> Any:
        return household_json(handle(json_io.resubmit_command(household_id, json_body())))

    @app.post("/v1/households/<household_id>/surveys")
    def record_survey(household_id: str) -> Any:
        survey = handle(json_io.survey_command(household_id, json_body()))
        return json_io.survey_json(survey, rules), 201

    @app.post("/v1/households/<household_id>/exit-proposal")
    def propose_exit(household_id: str) -> Any:
        [proposed_by] = json_io.simple(json_body(), "proposed_by")
        return household_json(handle(commands.ProposeExit(household_id, proposed_by)))

    @app.post("/v1/households/<household_id>/exit-decisions")
    def confirm_exit(household_id: str) -> Any:
        return household_json(handle(json_io.confirm_exit_command(household_id, json_body())))

    @app.post("/v1/households/<household_id>/return-to-poverty")
    def return_to_poverty(household_id: str) -> Any:
        reason, decided_by = json_io.simple(json_body(), "reason", "decided_by")
        return household_json(handle(commands.ReturnToPoverty(household_id, decided_by, reason)))

    @app.get("/v1/households/<household_id>/history")
    def history(household_id: str) -> Any:
        return json_io.history_json(views.history(household_id, registry.new_uow(), current_principal()), rules)

    @app.get("/v1/villages/<village_code>/public-notice")
    def public_notice(village_code: str) -> Any:
        return json_io.notice_json(village_code, views.public_notice(village_code, registry.new_uow(),
                                                                     registry.now(), current_principal()))

    @app.post("/v1/divisions")
    def load_divisions() -> Any:
        added, updated = handle(json_io.divisions_command(json_body()))
        return {"added": added, "updated": updated}

    @app.get("/v1/divisions")
    def list_divisions() -> Any:
        listing = views.list_divisions(registry.new_uow(), request.args.get("parent_code", ""), current_principal())
        return json_io.division_listing_json(listing)

    @app.get("/v1/divisions/<division_code>/household-counts")
    def count_households(division_code: str) -> Any:
        return json_io.division_counts_json(views.count_households(registry.new_uow(), division_code,
                                                                   current_principal()))

    return app
