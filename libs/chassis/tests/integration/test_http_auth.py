"""The Flask hook on the chassis base app: bearer tokens, 401 JSON bodies,
open probe/metrics/OpenAPI paths, and the principal bound per request."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chassis.http import create_base_app
from chassis.metrics import ServiceMetrics
from chassis.readiness import Readiness
from chassis.security.context import authorize_current, current_principal, optional_principal
from chassis.security.http_auth import install_http_auth
from chassis.security.policy import Role
from chassis.security.testing import token_for, verifier

seen_after_requests: list[object] = []


def build_app() -> Flask:
    app = create_base_app("probe", ServiceMetrics("probe"), Readiness())
    install_http_auth(app, verifier())

    @app.get("/openapi.json")
    def openapi() -> Any:
        return {"openapi": "3.0.3"}

    @app.get("/v1/whoami")
    def whoami() -> Any:
        caller = current_principal()
        return {"subject": caller.subject, "jurisdiction": caller.jurisdiction, "same": g.principal is caller}

    @app.get("/v1/villages/<code>/households")
    def households(code: str) -> Any:
        authorize_current("registry.household.read", code)
        return {"village": code, "households": []}

    @app.teardown_appcontext
    def _after(_exc: BaseException | None) -> None:
        seen_after_requests.append(optional_principal())

    return app


@pytest.fixture
def client() -> FlaskClient:
    return build_app().test_client()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_request_without_a_token_gets_a_401_json_error(client: FlaskClient) -> None:
    response = client.get("/v1/whoami")

    assert response.status_code == 401
    assert response.json == {"error": {"code": "UNAUTHENTICATED",
                                       "message": "missing credentials: send 'authorization: Bearer <token>'"}}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.headers["X-Request-Id"]


def test_an_expired_token_gets_a_401_saying_so(client: FlaskClient) -> None:
    stale = token_for(Role.AUDITOR, now=datetime.now(UTC) - timedelta(hours=2))

    response = client.get("/v1/whoami", headers=bearer(stale))

    assert response.status_code == 401 and response.json["error"]["message"] == "token has expired"


def test_a_valid_token_reaches_the_view_as_that_principal(client: FlaskClient) -> None:
    response = client.get("/v1/whoami", headers=bearer(token_for(Role.TOWNSHIP_REVIEWER, subject="bo")))

    assert response.status_code == 200
    assert response.json == {"subject": "bo", "jurisdiction": "441826100000", "same": True}


def test_inside_the_jurisdiction_allowed_outside_a_403_json_error(client: FlaskClient) -> None:
    token = bearer(token_for(Role.TOWNSHIP_REVIEWER, "441826100000"))

    inside = client.get("/v1/villages/441826100201/households", headers=token)
    outside = client.get("/v1/villages/441826101201/households", headers=token)

    assert inside.status_code == 200 and inside.json["village"] == "441826100201"
    assert outside.status_code == 403
    assert outside.json["error"]["code"] == "PERMISSION_DENIED"
    assert "lies outside the caller's jurisdiction 441826100000" in outside.json["error"]["message"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/openapi.json"])
def test_probes_metrics_and_the_openapi_document_need_no_token(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_an_unknown_path_without_a_token_reveals_nothing_but_401(client: FlaskClient) -> None:
    assert client.get("/v1/secret-admin").status_code == 401


def test_two_authorization_headers_are_refused(client: FlaskClient) -> None:
    token = token_for(Role.AUDITOR)

    response = client.get("/v1/whoami", headers=[("Authorization", f"Bearer {token}"),
                                                 ("Authorization", "Bearer other")])

    assert response.status_code == 401
    assert response.json["error"]["message"] == "authorization must carry exactly one bearer token"


def test_the_principal_does_not_outlive_its_request(client: FlaskClient) -> None:
    seen_after_requests.clear()
    client.get("/v1/whoami", headers=bearer(token_for(Role.AUDITOR)))

    assert seen_after_requests == [None]
    assert optional_principal() is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=400))
def test_any_authorization_header_gets_a_json_401_never_a_500(client: FlaskClient, value: str) -> None:
    response = client.get("/v1/whoami", headers={"Authorization": value})

    assert response.status_code == 401
    assert response.json["error"]["code"] == "UNAUTHENTICATED"
