"""Signed tokens: what a service accepts as a caller, and everything it refuses."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.errors import Unauthenticated
from chassis.security.policy import Role
from chassis.security.tokens import (AuthSettings, Principal, TokenIssuer, TokenVerifier, bearer_token,
                                     generate_signing_key, load_public_keys, public_pem)
from chassis.settings import SettingError

COUNTY = "441826000000"


@pytest.fixture(scope="module")
def issuer() -> TokenIssuer:
    return TokenIssuer(generate_signing_key())


@pytest.fixture(scope="module")
def verifier(issuer: TokenIssuer) -> TokenVerifier:
    return TokenVerifier([issuer.private_key.public_key()])


def good_claims(issuer: TokenIssuer, **changes: Any) -> dict[str, Any]:
    claims = issuer.claims("alice", "Liannan county office", [Role.COUNTY_APPROVER], COUNTY)
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def refusal(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(Unauthenticated) as caught:
        verifier.verify(token)
    return caught.value.message


def test_a_token_signed_by_the_trusted_key_yields_its_principal(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    token = issuer.issue("alice", "Liannan county office", [Role.COUNTY_APPROVER, Role.AUDITOR], COUNTY)

    principal = verifier.verify(token)

    assert principal.subject == "alice"
    assert principal.agency == "Liannan county office"
    assert principal.roles == frozenset({Role.COUNTY_APPROVER, Role.AUDITOR})
    assert principal.jurisdiction == COUNTY
    assert principal.token_id and principal.expires_at and principal.expires_at > datetime.now(UTC)


def test_an_expired_token_is_refused(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    token = issuer.issue("alice", "office", [Role.COUNTY_APPROVER], COUNTY, ttl=timedelta(hours=1), now=long_ago)

    assert refusal(verifier, token) == "token has expired"


def test_a_token_verified_once_is_still_refused_when_it_expires_later(issuer: TokenIssuer) -> None:
    # The verifier remembers verified tokens (no signature check on every
    # call); expiry must be judged again on every call all the same.
    strict = TokenVerifier([issuer.private_key.public_key()], leeway_seconds=0)
    token = issuer.issue("alice", "office", [Role.COUNTY_APPROVER], COUNTY, ttl=timedelta(seconds=2),
                         now=datetime.now(UTC) - timedelta(milliseconds=500))
    assert strict.verify(token).subject == "alice"
    assert strict.verify(token).subject == "alice"
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline and _accepted(strict, token):
        pass
    assert refusal(strict, token) == "token has expired"


def _accepted(verifier: TokenVerifier, token: str) -> bool:
    try:
        verifier.verify(token)
    except Unauthenticated:
        return False
    return True


def test_a_token_expired_within_the_leeway_is_still_accepted(issuer: TokenIssuer) -> None:
    lenient = TokenVerifier([issuer.private_key.public_key()], leeway_seconds=60)
    just_expired = datetime.now(UTC) - timedelta(minutes=10, seconds=30)
    token = issuer.issue("alice", "office", [Role.COUNTY_APPROVER], COUNTY, ttl=timedelta(minutes=10),
                         now=just_expired)

    assert lenient.verify(token).subject == "alice"
    assert refusal(TokenVerifier([issuer.private_key.public_key()], leeway_seconds=0), token) == "token has expired"


def test_a_token_issued_in_the_future_is_refused(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    token = issuer.issue("alice", "office", [Role.COUNTY_APPROVER], COUNTY, now=datetime.now(UTC) + timedelta(hours=1))

    assert "not valid yet" in refusal(verifier, token)


@pytest.mark.parametrize("claim, value, expected", [
    ("iss", "someone-else", "token issuer is not 'shuangdao'"),
    ("aud", "another-system", "token audience does not include 'shuangdao'"),
])
def test_a_token_for_another_issuer_or_audience_is_refused(issuer: TokenIssuer, verifier: TokenVerifier,
                                                           claim: str, value: str, expected: str) -> None:
    assert refusal(verifier, issuer.sign(good_claims(issuer, **{claim: value}))) == expected


@pytest.mark.parametrize("claim", ["sub", "iss", "aud", "exp", "iat"])
def test_a_token_missing_a_registered_claim_is_refused(issuer: TokenIssuer, verifier: TokenVerifier,
                                                       claim: str) -> None:
    claims = good_claims(issuer)
    del claims[claim]

    assert refusal(verifier, issuer.sign(claims)) == f"token lacks the required {claim!r} claim"


@pytest.mark.parametrize("claim, expected", [
    ("agency", "claim 'agency' must be a non-empty string"),
    ("roles", "claim 'roles' must be a non-empty list of role names"),
    ("jurisdiction", "claim 'jurisdiction' must be a 12-digit division code"),
])
def test_a_token_missing_a_shuangdao_claim_is_refused(issuer: TokenIssuer, verifier: TokenVerifier,
                                                      claim: str, expected: str) -> None:
    claims = good_claims(issuer)
    del claims[claim]

    assert expected in refusal(verifier, issuer.sign(claims))


def test_a_token_naming_an_unknown_role_is_refused_whole(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    token = issuer.sign(good_claims(issuer, roles=["county_approver", "superuser"]))

    assert "unknown role(s) 'superuser'" in refusal(verifier, token)


@pytest.mark.parametrize("jurisdiction, problem", [
    ("4418260000", "must be a 12-digit division code"),
    ("44182600000A", "must be a 12-digit division code"),
    (441826000000, "must be a 12-digit division code"),
    ("000000000000", "province part must not be zero"),
    ("440000100000", "a lower level is set below a level that is zero"),
])
def test_a_token_with_a_malformed_jurisdiction_is_refused(issuer: TokenIssuer, verifier: TokenVerifier,
                                                          jurisdiction: object, problem: str) -> None:
    token = issuer.sign(good_claims(issuer, jurisdiction=jurisdiction))

    assert f"claim 'jurisdiction' {problem}" in refusal(verifier, token)


def test_every_claim_problem_is_named_at_once(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    message = refusal(verifier, issuer.sign(good_claims(issuer, agency="", roles=[], jurisdiction="x")))

    assert "agency" in message and "roles" in message and "jurisdiction" in message


def test_an_unsigned_alg_none_token_is_refused(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    payload = b64(json.dumps(good_claims(issuer)).encode())

    assert refusal(verifier, f"{header}.{payload}.") == \
        "token algorithm 'none' is not accepted; tokens must be signed with EdDSA"


def test_an_hs256_token_keyed_with_the_public_key_is_refused(issuer: TokenIssuer, verifier: TokenVerifier) -> None:
    # The classic confusion: an attacker knows the public key and uses it as an HMAC secret.
    secret = public_pem(issuer.private_key)
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps(good_claims(issuer, roles=["provincial_office"], jurisdiction="440000000000")).encode())
    signature = b64(hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())

    assert "token algorithm 'HS256' is not accepted" in refusal(verifier, f"{header}.{payload}.{signature}")


def test_a_token_signed_by_another_key_is_refused(verifier: TokenVerifier) -> None:
    stranger = TokenIssuer(generate_signing_key())
    token = stranger.issue("mallory", "nowhere", [Role.PROVINCIAL_OFFICE], "440000000000")
    without_kid = jwt.encode(stranger.claims("mallory", "nowhere", ["provincial_office"], "440000000000"),
                             stranger.private_key, algorithm="EdDSA")

    assert "which this service does not trust" in refusal(verifier, token)
    assert refusal(verifier, without_kid) == "token signature does not verify"


def test_a_token_whose_claims_were_altered_after_signing_is_refused(issuer: TokenIssuer,
                                                                   verifier: TokenVerifier) -> None:
    header, _, signature = issuer.issue("alice", "office", [Role.COUNTY_APPROVER], COUNTY).split(".")
    widened = b64(json.dumps(good_claims(issuer, roles=["provincial_office"], jurisdiction="440000000000")).encode())

    assert refusal(verifier, f"{header}.{widened}.{signature}") == "token signature does not verify"


@pytest.mark.parametrize("header", [{"alg": "EdDSA", "kid": {"nested": 1}}, {"alg": ["EdDSA"]},
                                    {"alg": "EdDSA", "kid": 7}, {"alg": "x" * 500}])
def test_a_hostile_header_is_unauthenticated_not_a_crash(issuer: TokenIssuer, verifier: TokenVerifier,
                                                         header: dict[str, Any]) -> None:
    token = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(good_claims(issuer)).encode())}.c2ln"

    assert len(refusal(verifier, token)) < 200


def test_an_oversized_token_is_refused_before_parsing(verifier: TokenVerifier) -> None:
    assert "longer than" in refusal(verifier, "a" * 10_000)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: base64.urlsafe_b64encode(b).decode()))
def test_arbitrary_garbage_as_a_token_is_only_ever_unauthenticated(garbage: str) -> None:
    verifier = TokenVerifier([ed25519.Ed25519PrivateKey.generate().public_key()])
    for candidate in (garbage, f"{garbage}.{garbage}.{garbage}", f"eyJhbGciOiJFZERTQSJ9.{garbage}.x"):
        with pytest.raises(Unauthenticated):
            verifier.verify(candidate)


def test_during_key_rotation_tokens_of_the_old_and_the_new_key_are_accepted() -> None:
    old, new = TokenIssuer(generate_signing_key()), TokenIssuer(generate_signing_key())
    bundle = public_pem(old.private_key) + public_pem(new.private_key)
    verifier = TokenVerifier(load_public_keys(bundle))

    for issuer in (old, new):
        assert verifier.verify(issuer.issue("bob", "office", [Role.AUDITOR], "440000000000")).subject == "bob"


def test_p256_keys_sign_es256_tokens_that_verify() -> None:
    issuer = TokenIssuer(ec.generate_private_key(ec.SECP256R1()))
    verifier = TokenVerifier([issuer.private_key.public_key()])

    assert issuer.algorithm == "ES256"
    assert verifier.verify(issuer.issue("carol", "office", [Role.OPERATOR], "440000000000")).roles == {Role.OPERATOR}


def test_rsa_keys_are_refused_as_a_setting() -> None:
    with pytest.raises(SettingError, match="use Ed25519 or EC P-256"):
        TokenVerifier([rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()])


def test_the_issuer_refuses_to_mint_a_token_no_service_would_accept(issuer: TokenIssuer) -> None:
    with pytest.raises(Unauthenticated, match="unknown role"):
        issuer.issue("alice", "office", ["mayor"], COUNTY)


@pytest.mark.parametrize("value, expected", [
    (None, "missing credentials: send 'authorization: Bearer <token>'"),
    ("", "missing credentials: send 'authorization: Bearer <token>'"),
    ("Basic dXNlcjpwYXNz", "authorization must read 'Bearer <token>'"),
    ("Bearer", "authorization must read 'Bearer <token>'"),
    ("Bearer   ", "authorization must read 'Bearer <token>'"),
])
def test_an_authorization_value_that_is_not_a_bearer_token_is_refused(value: str | None, expected: str) -> None:
    with pytest.raises(Unauthenticated) as caught:
        bearer_token(value)

    assert caught.value.message == expected


def test_the_bearer_scheme_is_case_insensitive() -> None:
    assert bearer_token("bearer abc.def.ghi") == "abc.def.ghi"


def test_settings_take_the_public_key_from_a_file_or_inline_text(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                                                 issuer: TokenIssuer) -> None:
    pem = public_pem(issuer.private_key)
    (tmp_path / "jwt.pem").write_bytes(pem)
    token = issuer.issue("dave", "office", [Role.AUDITOR], "440000000000")
    monkeypatch.delenv("SHUANGDAO_JWT_PUBLIC_KEY", raising=False)  # the test session's own key
    monkeypatch.setenv("SHUANGDAO_JWT_PUBLIC_KEY_FILE", str(tmp_path / "jwt.pem"))

    assert TokenVerifier.from_env("registry").verify(token).subject == "dave"

    monkeypatch.delenv("SHUANGDAO_JWT_PUBLIC_KEY_FILE")
    monkeypatch.setenv("SHUANGDAO_REGISTRY_JWT_PUBLIC_KEY", pem.decode().replace("\n", "\\n"))
    assert TokenVerifier.from_env("registry").verify(token).subject == "dave"


def test_settings_without_a_public_key_refuse_to_start_and_say_how_to_make_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SHUANGDAO_JWT_PUBLIC_KEY", "SHUANGDAO_JWT_PUBLIC_KEY_FILE", "SHUANGDAO_FUNDS_JWT_PUBLIC_KEY",
                 "SHUANGDAO_FUNDS_JWT_PUBLIC_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)

    with pytest.raises(SettingError, match="python -m chassis.security.keys dev"):
        AuthSettings.from_env("funds")


def test_settings_with_garbage_for_a_key_refuse_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUANGDAO_JWT_PUBLIC_KEY", "not a key")

    with pytest.raises(SettingError, match="BEGIN PUBLIC KEY"):
        TokenVerifier.from_env("funds")


def test_a_principal_knows_its_roles() -> None:
    principal = Principal("eve", "office", frozenset({Role.AUDITOR}), "440000000000")

    assert principal.has(Role.AUDITOR) and not principal.has(Role.OPERATOR)
