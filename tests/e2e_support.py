"""Helpers shared by the end-to-end tests (on sys.path via pytest.ini)."""
from __future__ import annotations

import importlib
import json
import time
import uuid
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import grpc
from shuangdao.assessment.v1 import assessment_pb2, assessment_pb2_grpc
from shuangdao.registry.v1 import registry_pb2

VILLAGE = "441826108201"


def id_number(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def birth_date_of(seed: int) -> date:
    """A distinct head-of-household birth date per seed, so national IDs never collide."""
    return date(1940, 1, 1) + timedelta(days=seed)


def household_request(village: str = VILLAGE, people: int = 3, seed: int = 1) -> registry_pb2.RegisterHouseholdRequest:
    members = [registry_pb2.Member(name=f"Member {n}", national_id=id_number(f"441825{birth_date_of(seed):%Y%m%d}{n:03d}"),
                                   relation=registry_pb2.RELATION_HEAD if n == 0 else registry_pb2.RELATION_CHILD,
                                   sex=registry_pb2.SEX_FEMALE, birth_date=birth_date_of(seed).isoformat())
               for n in range(people)]
    return registry_pb2.RegisterHouseholdRequest(village_code=village, category=registry_pb2.CATEGORY_DIBAO,
                                                 members=members)


def summary_of(assessment: Any, village: str = VILLAGE,
               role: str = "provincial_office") -> assessment_pb2.VillageSummary:
    """The village summary as a caller who may read it (the provincial office by default)."""
    stub = assessment_pb2_grpc.AssessmentServiceStub(channel_as(assessment, role))
    return stub.GetVillageSummary(assessment_pb2.GetVillageSummaryRequest(village_code=village), timeout=5)


def channel_as(running: Any, role: str = "provincial_office", jurisdiction: str | None = None) -> grpc.Channel:
    """A channel to a running service (in-process or a subprocess) whose calls
    carry a token for `role`; the provincial office may register households
    and read every summary."""
    from chassis.security.grpc_auth import authenticated_channel
    from chassis.security.testing import token_for

    return authenticated_channel(grpc.insecure_channel(running.grpc_target), token_for(role, jurisdiction))


def office_token() -> str:
    from chassis.security.testing import token_for

    return token_for("provincial_office")


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def bearer(token: str | None) -> dict[str, str]:
    """The Authorization header of a token (none without one)."""
    return {"Authorization": f"Bearer {token}"} if token else {}


def post_json(url: str, body: object, token: str | None = None,
              method: str = "POST") -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json", **bearer(token)})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get_json(url: str, token: str | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=bearer(token))
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@dataclass
class ModuleService:
    """A service started once for a whole test module (the authorization
    matrices make hundreds of calls against one running service)."""

    service: Any
    process: Any

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.process.http_bound_port}"

    def channel(self, role: str, jurisdiction: str | None = None) -> grpc.Channel:
        from chassis.security.grpc_auth import authenticated_channel
        from chassis.security.testing import token_for

        channel = grpc.insecure_channel(f"127.0.0.1:{self.process.grpc_bound_port}")
        return authenticated_channel(channel, token_for(role, jurisdiction))


@contextmanager
def module_service(name: str, postgres_base_url: str, kafka_bootstrap: str,
                   parts: tuple[str, ...] = ("grpc", "http")) -> Iterator[ModuleService]:
    """Starts `name` on a fresh database of its own; stops it and drops the database after."""
    from devstack.postgres import drop_database, ensure_database

    from chassis.testing.fixtures import common_settings

    database = f"t_{name}_module_{uuid.uuid4().hex[:8]}"
    url = ensure_database(postgres_base_url, database, recreate=True)
    bootstrap = importlib.import_module(f"{name}.bootstrap")
    main = importlib.import_module(f"{name}.entrypoints.main")
    config = importlib.import_module(f"{name}.config")
    settings = config.Settings(common=common_settings(name, url, kafka_bootstrap, f"t-{uuid.uuid4().hex[:8]}."))
    service = bootstrap.bootstrap(settings)
    process = main.build_process(service, parts)
    process.drain_seconds = 0
    process.start()
    try:
        yield ModuleService(service, process)
    finally:
        process.stop()
        service.engine.dispose()
        drop_database(postgres_base_url, database)
