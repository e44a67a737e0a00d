"""HTTP authentication for the Flask JSON APIs: `Authorization: Bearer <jwt>`
becomes the current Principal; anything else is a 401 with the usual JSON
error body. Probes, metrics and the OpenAPI document stay open.

Wiring, after `chassis.http.create_base_app` (its request-id and metrics hooks
must run first):
    install_http_auth(app, TokenVerifier.from_env(service))"""
from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, g, jsonify, request

from chassis.errors import Unauthenticated
from chassis.security.context import principal_var
from chassis.security.tokens import TokenVerifier, bearer_token

OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json"})


def unauthenticated_response(message: str) -> Response:
    response = jsonify({"error": {"code": "UNAUTHENTICATED", "message": message}})
    response.status_code = 401
    # RFC 6750: say which scheme would have worked.
    response.headers["WWW-Authenticate"] = 'Bearer realm="shuangdao"'
    return response


def install_http_auth(app: Flask, verifier: TokenVerifier, open_paths: Iterable[str] = OPEN_PATHS) -> None:
    open_set = frozenset(open_paths)

    @app.before_request
    def _authenticate() -> Response | None:
        if request.path in open_set:
            return None
        values = request.headers.getlist("Authorization")
        try:
            if len(values) > 1:
                raise Unauthenticated("more than one Authorization header")
            principal = verifier.verify(bearer_token(values[0] if values else None))
        except Unauthenticated as error:
            return unauthenticated_response(error.message)
        g.principal = principal
        g.principal_token = principal_var.set(principal)
        return None

    @app.teardown_request
    def _forget(_exc: BaseException | None) -> None:
        token = g.pop("principal_token", None)
        if token is not None:
            principal_var.reset(token)
