"""Flask entrypoint: the same reads as gRPC, as JSON."""
from __future__ import annotations

from typing import Any

from flask import Flask

from chassis.errors import FieldViolation, collect
from chassis.http import create_base_app

from assessment.bootstrap import Assessment
from assessment.domain.divisions import is_division_code


def create_app(assessment: Assessment) -> Flask:
    app = create_base_app("assessment", assessment.metrics, assessment.readiness)

    @app.get("/v1/villages/<village_code>/summary")
    def village_summary(village_code: str) -> Any:
        if not is_division_code(village_code):
            collect([FieldViolation("village_code", "must be a 12-digit village code")])
        summary = assessment.village_summary(village_code)
        return {"village_code": summary.village_code,
                "registered_households": summary.registered_households,
                "registered_people": summary.registered_people}

    return app
