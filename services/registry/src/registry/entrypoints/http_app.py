"""Flask entrypoint: the same operations as gRPC, as JSON."""
from __future__ import annotations

from typing import Any

from flask import Flask

from chassis.http import create_base_app, json_body

from registry.adapters import json_io
from registry.bootstrap import Registry


def create_app(registry: Registry) -> Flask:
    app = create_base_app("registry", registry.metrics, registry.readiness)

    @app.post("/v1/households")
    def register_household() -> Any:
        household_id = registry.bus.handle(json_io.register_command(json_body()))
        return {"household_id": household_id}, 201

    @app.get("/v1/households/<household_id>")
    def get_household(household_id: str) -> Any:
        return json_io.household_json(registry.get_household(household_id))

    return app
