"""The Flask side every service shares: /healthz, /readyz, /metrics, request
metrics and ids, size limits, and JSON errors mapped from the same domain
errors as gRPC."""
from __future__ import annotations

import time
import uuid
from typing import Any

from flask import Flask, Response, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.exceptions import HTTPException

from chassis.errors import FieldViolation, InvalidArgument, ServiceError
from chassis.grpc_errors import grpc_code
from chassis.logging import request_id_var
from chassis.metrics import ServiceMetrics
from chassis.readiness import Readiness

MAX_REQUEST_BYTES = 1 * 1024 * 1024


HTTP_STATUS = {
    "INVALID_ARGUMENT": 400, "UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "NOT_FOUND": 404,
    "FAILED_PRECONDITION": 409, "ALREADY_EXISTS": 409, "UNAVAILABLE": 503,
}


def http_status(error: ServiceError) -> int:
    return HTTP_STATUS.get(grpc_code(error).name, 500)


def error_body(error: ServiceError) -> dict[str, Any]:
    body: dict[str, Any] = {"code": grpc_code(error).name, "message": error.message}
    if isinstance(error, InvalidArgument):
        body["field_violations"] = [{"field": v.field, "description": v.description} for v in error.violations]
    return {"error": body}


def create_base_app(name: str, metrics: ServiceMetrics, readiness: Readiness) -> Flask:
    app = Flask(name)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.json.sort_keys = False  # type: ignore[attr-defined]

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id") or str(uuid.uuid4())
        g.request_id_token = request_id_var.set(g.request_id)

    @app.after_request
    def _finish(response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        metrics.http_requests.labels(request.method, endpoint, str(response.status_code)).inc()
        metrics.http_seconds.labels(request.method, endpoint).observe(time.perf_counter() - g.started)
        response.headers["X-Request-Id"] = g.request_id
        return response

    @app.teardown_request
    def _reset(_exc: BaseException | None) -> None:
        token = g.pop("request_id_token", None)
        if token is not None:
            request_id_var.reset(token)

    @app.errorhandler(ServiceError)
    def _service_error(error: ServiceError) -> tuple[Response, int]:
        return jsonify(error_body(error)), http_status(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response, int]:
        code = error.code or 500
        return jsonify({"error": {"code": error.name.upper().replace(" ", "_"),
                                  "message": error.description}}), code

    @app.get("/healthz")
    def healthz() -> Any:
        return {"status": "ok", "service": name}

    @app.get("/readyz")
    def readyz() -> Any:
        checks = readiness.report()
        ready = all(checks.values())
        return jsonify({"ready": ready, "checks": checks}), 200 if ready else 503

    @app.get("/metrics")
    def metrics_endpoint() -> Response:
        return Response(generate_latest(metrics.registry), mimetype=CONTENT_TYPE_LATEST)

    return app


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says what is wrong."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidArgument([FieldViolation("body", "must be a JSON object")], "request body is not a JSON object")
    return body
