"""Structured logs let an operator follow one registration across services:
the request id of the call leads to the event id it caused, and the event id
leads to the consumer that applied it. Every line is JSON."""
from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from shuangdao.registry.v1 import registry_pb2_grpc

from chassis.logging import JsonFormatter
from e2e_support import household_request, summary_of, wait_for


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("e2e"))
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def test_a_registration_can_be_followed_from_its_request_id_to_the_consumer_that_applied_it(
        start_service: Callable[..., Any], json_log: io.StringIO) -> None:
    registry = start_service("registry")
    assessment = start_service("assessment")
    request = household_request(seed=77)
    registry_pb2_grpc.RegistryServiceStub(registry.channel(role="provincial_office")).RegisterHousehold(
        request, metadata=(("x-request-id", "req-follow-me-1"),), timeout=10)
    wait_for(lambda: summary_of(assessment).registered_households == 1)
    wait_for(lambda: '"event applied"' in json_log.getvalue())

    lines = [json.loads(line) for line in json_log.getvalue().splitlines() if line.strip()]
    [recorded] = [l for l in lines if l["msg"] == "event recorded" and l.get("request_id") == "req-follow-me-1"]
    assert recorded["event_type"] == "household-registered"
    applied = [l for l in lines if l["msg"] == "event applied" and l.get("event_id") == recorded["event_id"]]
    assert applied and applied[0]["logger"] == "chassis.inbox"
    text = json_log.getvalue()
    assert all(member.national_id not in text for member in request.members)
