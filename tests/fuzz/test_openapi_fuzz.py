"""Schemathesis against each service's live OpenAPI document: requests shaped
by the document (positive) and requests that break it (negative), sent with a
bearer token, must never get a 5xx, and every answer must be a status, content
type and body the document promises. Calls without or with a garbage token
must be 401 with the JSON error body, never anything else.

Bounded: a fixed number of examples per operation and mode, derandomized, so
a run is reproducible and the whole fuzz suite stays within a couple of minutes."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_headers_conformance, response_schema_conformance,
                                               status_code_conformance)

from chassis.security.testing import token_for

SERVICES = ("registry", "cadres", "funds", "assessment")
EXAMPLES_PER_MODE = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection]
# A batch answers 200 with one outcome per item (bad items are rejected one by
# one, the rest go in), so a schema-violating item inside a well-formed batch
# is not a refused request: everything but that check still applies.
PER_ITEM_OUTCOMES = frozenset({"POST /v1/households:batch"})
# Probes, metrics and this document answer without a token by design.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json"})
# The widest jurisdiction that can hold writes: the provincial office may do
# most province-wide operations, and anything it may not is a 403, a fine answer.
FUZZ_ROLE = "provincial_office"


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def operations_of(schema: Any) -> list[Any]:
    found = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the OpenAPI document has an operation schemathesis cannot read: {result}"
        found.append(result.ok())
    return found


def takes_input(operation: Any) -> bool:
    return any(len(part) for part in (operation.path_parameters, operation.query, operation.headers, operation.body))


def modes_for(operation: Any) -> tuple[GenerationMode, ...]:
    # An operation that takes nothing has nothing to break.
    if takes_input(operation):
        return GenerationMode.POSITIVE, GenerationMode.NEGATIVE
    return (GenerationMode.POSITIVE,)


def fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str], call: Callable[[Any], None]) -> str | None:
    """Runs a bounded hypothesis search over one operation; the failure report, if any.
    The token is a fixed header of every case, so negative cases never drop it
    (that is the other test's business) and the checks know it was sent."""

    @settings(max_examples=EXAMPLES_PER_MODE, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    def search(case: Any) -> None:
        call(case)

    try:
        search()
    except Unsatisfiable:
        if mode is GenerationMode.NEGATIVE:
            return None  # every input is a free-form string: nothing can violate the document
        raise
    except Exception as failure:  # noqa: BLE001 - the report names the operation and the case
        return f"{mode.value} {operation.label}:\n{failure}"
    return None


@pytest.mark.parametrize("name", SERVICES)
def test_every_operation_survives_schema_driven_fuzzing_without_a_server_error(
        name: str, start_service: Callable[..., Any], session: requests.Session) -> None:
    running = start_service(name, parts=("http",))
    schema = schemathesis.openapi.from_url(f"{running.http_base}/openapi.json")
    headers = {"Authorization": f"Bearer {token_for(FUZZ_ROLE)}"}

    def call(case: Any) -> None:
        checks = [c for c in CHECKS if c is not negative_data_rejection] \
            if case.operation.label in PER_ITEM_OUTCOMES else CHECKS
        case.call_and_validate(base_url=running.http_base, session=session, checks=checks, timeout=10)

    operations = operations_of(schema)
    assert len(operations) >= 5
    failures = [report for operation in operations for mode in modes_for(operation)
                if (report := fuzz(operation, mode, headers, call))]
    assert not failures, "\n\n".join(failures)
    assert session.get(f"{running.http_base}/healthz", timeout=5).status_code == 200


@pytest.mark.parametrize("name", SERVICES)
def test_every_protected_operation_refuses_a_missing_or_garbage_token_with_401(
        name: str, start_service: Callable[..., Any], session: requests.Session) -> None:
    running = start_service(name, parts=("http",))
    schema = schemathesis.openapi.from_url(f"{running.http_base}/openapi.json")
    bad_credentials: list[dict[str, str]] = [
        {}, {"Authorization": "Bearer"}, {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer " + "A" * 9000},
        {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."},
    ]
    refused = 0
    for operation in operations_of(schema):
        if operation.path in OPEN_PATHS:
            continue

        @settings(max_examples=2, derandomize=True, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def search(case: Any) -> None:
            nonlocal refused
            for credentials in bad_credentials:
                case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
                response = case.call(base_url=running.http_base, session=session, headers=credentials, timeout=10)
                assert response.status_code == 401, (operation.label, credentials, response.status_code,
                                                     response.text[:300])
                assert response.json()["error"]["code"] == "UNAUTHENTICATED"
                assert response.headers["www-authenticate"][0].startswith("Bearer")
                refused += 1

        search()
    assert refused > 0
