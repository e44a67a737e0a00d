"""Authenticating messages by header, and the current caller of the work in hand."""
from __future__ import annotations

import pytest

from chassis.errors import PermissionDenied, Unauthenticated
from chassis.security.context import acting_as, authorize_current, current_principal, optional_principal
from chassis.security.kafka_auth import authorization_header, principal_from_headers
from chassis.security.policy import Role
from chassis.security.testing import principal_for, token_for, verifier


def test_a_message_carrying_a_valid_token_names_its_sender() -> None:
    headers = [("id", b"e-1"), authorization_header(token_for(Role.COUNTY_SYSTEM, "441826000000"))]

    sender = principal_from_headers(headers, verifier())

    assert sender.roles == {Role.COUNTY_SYSTEM} and sender.jurisdiction == "441826000000"


@pytest.mark.parametrize("headers, problem", [
    (None, "carries no 'authorization: Bearer <token>' header"),
    ([("id", b"e-1")], "carries no 'authorization: Bearer <token>' header"),
    ([("authorization", None)], "carries no 'authorization: Bearer <token>' header"),
    ([("authorization", b"\xff\xfe")], "not UTF-8"),
    ([("authorization", b"Bearer x"), ("authorization", b"Bearer y")], "more than one"),
    ([("authorization", b"Token abc")], "must read 'Bearer <token>'"),
    ([("authorization", b"Bearer not.a.jwt")], "not a well-formed JWT"),
])
def test_a_message_without_a_usable_token_is_unauthenticated(headers: list[tuple[str, bytes | None]] | None,
                                                              problem: str) -> None:
    with pytest.raises(Unauthenticated, match=problem):
        principal_from_headers(headers, verifier())


def test_outside_an_authenticated_call_there_is_no_current_principal() -> None:
    assert optional_principal() is None
    with pytest.raises(Unauthenticated, match="no authenticated caller"):
        current_principal()


def test_work_done_as_a_principal_sees_it_and_forgets_it_afterwards() -> None:
    system = principal_for(Role.COUNTY_SYSTEM, "441826000000")

    with acting_as(system):
        assert current_principal() is system
        assert authorize_current("registry.submission.ingest", "441826100201") is system
        with pytest.raises(PermissionDenied, match="outside the caller's jurisdiction"):
            authorize_current("registry.submission.ingest", "441827100201")

    assert optional_principal() is None


def test_a_service_reads_its_whole_security_kit_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from chassis.security.testing import security_env
    from chassis.security.wiring import SecurityKit

    for name, value in security_env().items():
        monkeypatch.setenv(name, value)

    registry = SecurityKit.from_env("registry", personal_data=True)
    funds = SecurityKit.from_env("funds")

    assert registry.cipher is not None and funds.cipher is None and registry.tls is None
    caller = registry.verifier.verify(token_for(Role.COUNTY_APPROVER))
    assert registry.policy.decide(caller, "registry.household.read_personal", "441826100201").allowed


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_matrix_places_put_one_village_inside_and_the_nearest_one_outside_each_roles_jurisdiction(
        role: Role) -> None:
    from chassis.security.jurisdiction import within
    from chassis.security.testing import matrix_places

    jurisdiction, inside, outside = matrix_places(role)

    assert within(inside, jurisdiction) and not within(outside, jurisdiction)
    assert verifier().verify(token_for(role)).jurisdiction == jurisdiction


def test_a_replayed_message_is_judged_as_of_when_the_broker_appended_it() -> None:
    from datetime import UTC, datetime, timedelta

    sent = datetime.now(UTC) - timedelta(hours=5)
    token = token_for(Role.COUNTY_SYSTEM, "441826000000", ttl=timedelta(hours=1), now=sent - timedelta(minutes=1))
    headers = [authorization_header(token)]

    assert principal_from_headers(headers, verifier(), appended_at=sent).subject == "test-county_system"
    with pytest.raises(Unauthenticated, match="token has expired"):
        principal_from_headers(headers, verifier())
    with pytest.raises(Unauthenticated, match="token has expired"):
        principal_from_headers(headers, verifier(), appended_at=sent + timedelta(hours=2))
