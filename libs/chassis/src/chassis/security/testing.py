"""Helpers for tests that need authenticated callers: one signing key pair per
test session, tokens for any role and jurisdiction, and the environment a
service under test reads its security settings from.

    from chassis.security.testing import token_for, security_env
    monkeypatch.setenv(...) for each item of security_env(), then
    stub.GetHousehold(req, metadata=bearer_metadata(token_for("county_approver", "441826000000")))
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime, timedelta

from chassis.security.jurisdiction import Level, level_of
from chassis.security.personal_data import PersonalDataCipher, decode_key, new_key
from chassis.security.policy import ROLE_LEVELS, Role
from chassis.security.tokens import (DEFAULT_AUDIENCE, DEFAULT_ISSUER, Principal, TokenIssuer, TokenVerifier,
                                     generate_signing_key, public_pem)

# A real-looking hierarchy (Qingyuan city, Liannan county) for defaults.
PROVINCE, CITY, COUNTY = "440000000000", "441800000000", "441826000000"
TOWNSHIP, VILLAGE = "441826100000", "441826100201"
DEFAULT_JURISDICTION = {Level.PROVINCE: PROVINCE, Level.CITY: CITY, Level.COUNTY: COUNTY,
                        Level.TOWNSHIP: TOWNSHIP, Level.VILLAGE: VILLAGE}


@functools.cache
def session_issuer() -> TokenIssuer:
    """The one signing key of this test session (generated on first use)."""
    return TokenIssuer(generate_signing_key(), DEFAULT_ISSUER, DEFAULT_AUDIENCE)


@functools.cache
def _pii_keys() -> tuple[str, str]:
    return new_key(), new_key()


def public_key_pem() -> str:
    return public_pem(session_issuer().private_key).decode()


def verifier() -> TokenVerifier:
    return TokenVerifier([session_issuer().private_key.public_key()], DEFAULT_ISSUER, DEFAULT_AUDIENCE)


def cipher() -> PersonalDataCipher:
    encryption, hashing = _pii_keys()
    return PersonalDataCipher(decode_key(encryption, "encryption"), decode_key(hashing, "hash"))


def default_jurisdiction(role: Role | str) -> str:
    """A jurisdiction of the level the role acts for (the widest it may hold:
    auditors and operators default to the whole province)."""
    levels = ROLE_LEVELS[Role(role)]
    for level in Level:
        if level in levels:
            return DEFAULT_JURISDICTION[level]
    raise AssertionError(f"role {role} has no level")


# A village of the same township, a township of the same county, and so on:
# the nearest division just outside each level's default jurisdiction.
OUTSIDE = {Level.VILLAGE: "441826100202", Level.TOWNSHIP: "441826101201", Level.COUNTY: "441825100201",
           Level.CITY: "441900100201", Level.PROVINCE: "450000100201"}


def matrix_places(role: Role | str) -> tuple[str, str, str]:
    """(jurisdiction, a village inside it, the nearest village outside it) for
    the role x action x in/out-of-jurisdiction matrix against live services."""
    jurisdiction = default_jurisdiction(role)
    return jurisdiction, VILLAGE, OUTSIDE[level_of(jurisdiction)]


def token_for(role: Role | str, jurisdiction: str | None = None, subject: str | None = None,
              agency: str = "test agency", extra_roles: Iterable[Role | str] = (),
              ttl: timedelta = timedelta(hours=1), now: datetime | None = None) -> str:
    role = Role(role)
    return session_issuer().issue(subject or f"test-{role.value}", agency, [role, *extra_roles],
                                  jurisdiction or default_jurisdiction(role), ttl=ttl, now=now)


def principal_for(role: Role | str, jurisdiction: str | None = None, subject: str | None = None,
                  agency: str = "test agency") -> Principal:
    """A Principal without a token, for pure tests of policy and handlers."""
    role = Role(role)
    return Principal(subject=subject or f"test-{role.value}", agency=agency, roles=frozenset({role}),
                     jurisdiction=jurisdiction or default_jurisdiction(role))


def security_env() -> dict[str, str]:
    """Settings a service under test needs: monkeypatch.setenv each item."""
    encryption, hashing = _pii_keys()
    return {"SHUANGDAO_JWT_PUBLIC_KEY": public_key_pem(), "SHUANGDAO_JWT_ISSUER": DEFAULT_ISSUER,
            "SHUANGDAO_JWT_AUDIENCE": DEFAULT_AUDIENCE, "SHUANGDAO_PII_ENCRYPTION_KEY": encryption,
            "SHUANGDAO_PII_HASH_KEY": hashing}
