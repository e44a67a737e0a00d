"""Signed bearer tokens (JWT, PyJWT) carrying who calls: subject, agency,
roles and jurisdiction.

Asymmetric keys (Ed25519 "EdDSA", or P-256 "ES256"): an identity provider (or
the dev tooling in `chassis.security.keys`) holds the private key, services
hold only public keys, so a compromised service cannot mint tokens. The
accepted algorithm comes from the key, never from the token, which shuts out
`alg=none` and the HS256-with-the-public-key confusion. Several public keys may
be configured at once (one PEM bundle) so signing keys can rotate: tokens name
their key by `kid`, the key's SHA-256 thumbprint."""
from __future__ import annotations

import base64
import hashlib
import re
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from chassis.errors import Unauthenticated
from chassis.security.jurisdiction import problem_with
from chassis.security.policy import Role
from chassis.settings import SettingError, env_int, env_str

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey

DEFAULT_ISSUER = "shuangdao"
DEFAULT_AUDIENCE = "shuangdao"
DEFAULT_LEEWAY_SECONDS = 30
# Far above any honest token (a few hundred bytes); refuse to parse megabytes.
MAX_TOKEN_CHARS = 8192
# Verified tokens remembered per verifier (a few KB each at most).
VERIFIED_CACHE_SIZE = 4096
MAX_NAME_CHARS = 200
REQUIRED_CLAIMS = ("sub", "iss", "aud", "exp", "iat")
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)


@dataclass(frozen=True)
class Principal:
    """The caller, as its verified token says."""

    subject: str
    agency: str
    roles: frozenset[Role]
    jurisdiction: str
    token_id: str | None = None
    expires_at: datetime | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles


# ---------------------------------------------------------------------------- keys

def algorithm_for(key: PublicKey | PrivateKey) -> str:
    """The one JWS algorithm a key may be used with."""
    if isinstance(key, (ed25519.Ed25519PublicKey, ed25519.Ed25519PrivateKey)):
        return "EdDSA"
    if isinstance(key, (ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey)) and \
            isinstance(key.curve, ec.SECP256R1):
        return "ES256"
    raise SettingError(f"unsupported JWT key type {type(key).__name__}: use Ed25519 or EC P-256")


def key_id(key: PublicKey | PrivateKey) -> str:
    """Thumbprint of the public key: stable, and names the key without revealing it."""
    public = key.public_key() if isinstance(key, (ed25519.Ed25519PrivateKey, ec.EllipticCurvePrivateKey)) else key
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.urlsafe_b64encode(hashlib.sha256(der).digest()).decode().rstrip("=")[:16]


def load_public_keys(pem_bundle: bytes) -> list[PublicKey]:
    """Every public key of a PEM bundle (one or more `BEGIN PUBLIC KEY` blocks)."""
    blocks = _PEM_BLOCK.findall(pem_bundle)
    if not blocks:
        raise SettingError("JWT public key: no '-----BEGIN PUBLIC KEY-----' block found")
    keys: list[PublicKey] = []
    for block in blocks:
        try:
            key = serialization.load_pem_public_key(block)
        except ValueError as exc:
            raise SettingError(f"JWT public key is not a valid PEM public key: {exc}") from exc
        algorithm_for(key)  # type: ignore[arg-type]
        keys.append(key)  # type: ignore[arg-type]
    return keys


def load_private_key(pem: bytes) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise SettingError(f"JWT private key is not an unencrypted PEM private key: {exc}") from exc
    algorithm_for(key)  # type: ignore[arg-type]
    return key  # type: ignore[return-value]


def generate_signing_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def public_pem(key: PrivateKey | PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, (ed25519.Ed25519PrivateKey, ec.EllipticCurvePrivateKey)) else key
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def private_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


# ---------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class AuthSettings:
    """`SHUANGDAO_JWT_PUBLIC_KEY` (PEM text) or `SHUANGDAO_JWT_PUBLIC_KEY_FILE`,
    `SHUANGDAO_JWT_ISSUER`, `SHUANGDAO_JWT_AUDIENCE`, `SHUANGDAO_JWT_LEEWAY_SECONDS`
    (each may be overridden per service, `SHUANGDAO_<SERVICE>_JWT_...`)."""

    public_keys_pem: bytes
    issuer: str = DEFAULT_ISSUER
    audience: str = DEFAULT_AUDIENCE
    leeway_seconds: int = DEFAULT_LEEWAY_SECONDS

    @classmethod
    def from_env(cls, service: str) -> "AuthSettings":
        inline = env_str(service, "JWT_PUBLIC_KEY", "")
        path = env_str(service, "JWT_PUBLIC_KEY_FILE", "")
        if inline:
            # Environments often flatten PEM newlines to a literal "\n".
            pem = inline.replace("\\n", "\n").encode()
        elif path:
            try:
                pem = Path(path).read_bytes()
            except OSError as exc:
                raise SettingError(f"SHUANGDAO_JWT_PUBLIC_KEY_FILE {path!r} cannot be read: {exc}") from exc
        else:
            raise SettingError("no JWT public key: set SHUANGDAO_JWT_PUBLIC_KEY_FILE (or SHUANGDAO_JWT_PUBLIC_KEY); "
                               "development keys: python -m chassis.security.keys dev --out var/keys")
        leeway = env_int(service, "JWT_LEEWAY_SECONDS", DEFAULT_LEEWAY_SECONDS)
        if not 0 <= leeway <= 300:
            raise SettingError(f"SHUANGDAO_JWT_LEEWAY_SECONDS must lie between 0 and 300, got {leeway}")
        return cls(public_keys_pem=pem, issuer=env_str(service, "JWT_ISSUER", DEFAULT_ISSUER),
                   audience=env_str(service, "JWT_AUDIENCE", DEFAULT_AUDIENCE), leeway_seconds=leeway)


# ---------------------------------------------------------------------------- verifying

class TokenVerifier:
    """Turns a bearer token into a Principal, or raises Unauthenticated saying why."""

    def __init__(self, public_keys: Iterable[PublicKey], issuer: str = DEFAULT_ISSUER,
                 audience: str = DEFAULT_AUDIENCE, leeway_seconds: int = DEFAULT_LEEWAY_SECONDS) -> None:
        self._keys = {key_id(k): (k, algorithm_for(k)) for k in public_keys}
        if not self._keys:
            raise SettingError("a token verifier needs at least one public key")
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway_seconds
        # Token -> (its principal, its exp): see `verify`. Oldest evicted first.
        self._verified: dict[str, tuple[Principal, float]] = {}
        self._verified_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: AuthSettings) -> "TokenVerifier":
        return cls(load_public_keys(settings.public_keys_pem), settings.issuer, settings.audience,
                   settings.leeway_seconds)

    @classmethod
    def from_env(cls, service: str) -> "TokenVerifier":
        return cls.from_settings(AuthSettings.from_env(service))

    def verify(self, token: str, at: datetime | None = None) -> Principal:
        """`at`: judge expiry as of that past moment instead of now (a Kafka
        message replayed later was sent while its token was valid). Only a
        broker-assigned time (LogAppendTime) should be passed: a producer's
        own timestamp could be backdated.

        A token verified before (the same bytes: a client sends one token on
        every call until it expires) is not verified again: its signature,
        issuer, audience and claims cannot have changed, so only its expiry
        is judged anew. Saves the signature check on every read."""
        if at is None:
            cached = self._verified.get(token)
            if cached is not None:
                principal, expires = cached
                if datetime.now(UTC).timestamp() < expires + self.leeway:
                    return principal
                with self._verified_lock:
                    self._verified.pop(token, None)
                raise Unauthenticated("token has expired")
        claims = self.verified_claims(token, at)
        principal = principal_from_claims(claims)
        if at is None and isinstance(claims.get("exp"), (int, float)):
            with self._verified_lock:
                while len(self._verified) >= VERIFIED_CACHE_SIZE:
                    self._verified.pop(next(iter(self._verified)))
                self._verified[token] = (principal, float(claims["exp"]))
        return principal

    def verified_claims(self, token: str, at: datetime | None = None) -> dict[str, Any]:
        if not token:
            raise Unauthenticated("token is empty")
        if len(token) > MAX_TOKEN_CHARS:
            raise Unauthenticated(f"token is longer than {MAX_TOKEN_CHARS} characters")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"token is not a well-formed JWT: {exc}") from None
        candidates = self._candidates(header)
        accepted = sorted({alg for _, alg in candidates})
        if header.get("alg") not in accepted:
            raise Unauthenticated(f"token algorithm {str(header.get('alg'))[:40]!r} is not accepted; "
                                  f"tokens must be signed with {', '.join(accepted)}")
        leeway = self.leeway + (max(0.0, (datetime.now(UTC) - at).total_seconds()) if at else 0.0)
        last: jwt.InvalidTokenError | None = None
        for key, alg in candidates:
            try:
                return jwt.decode(token, key, algorithms=[alg], issuer=self.issuer, audience=self.audience,
                                  leeway=leeway, options={"require": list(REQUIRED_CLAIMS)})
            except jwt.InvalidSignatureError as exc:
                last = exc  # another configured key may have signed it (rotation without kid)
            except jwt.InvalidTokenError as exc:
                raise Unauthenticated(self._explain(exc)) from None
        raise Unauthenticated(self._explain(last or jwt.InvalidSignatureError()))

    def _candidates(self, header: Mapping[str, Any]) -> list[tuple[PublicKey, str]]:
        kid = header.get("kid")
        if kid is None:
            return list(self._keys.values())
        if not isinstance(kid, str) or kid not in self._keys:
            raise Unauthenticated(f"token was signed with key {str(kid)[:40]!r}, which this service does not trust")
        return [self._keys[kid]]

    def _explain(self, error: jwt.InvalidTokenError) -> str:
        if isinstance(error, jwt.ExpiredSignatureError):
            return "token has expired"
        if isinstance(error, jwt.ImmatureSignatureError):
            return "token is not valid yet (nbf/iat in the future)"
        if isinstance(error, jwt.InvalidIssuerError):
            return f"token issuer is not {self.issuer!r}"
        if isinstance(error, jwt.InvalidAudienceError):
            return f"token audience does not include {self.audience!r}"
        if isinstance(error, jwt.MissingRequiredClaimError):
            return f"token lacks the required {error.claim!r} claim"
        if isinstance(error, jwt.InvalidSignatureError):
            return "token signature does not verify"
        if isinstance(error, jwt.DecodeError):
            return f"token is not a well-formed JWT: {error}"
        return f"token is invalid: {error}"


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` value (HTTP header, gRPC
    metadata or Kafka header alike), or Unauthenticated saying what is wrong."""
    if authorization is None or not authorization.strip():
        raise Unauthenticated("missing credentials: send 'authorization: Bearer <token>'")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("authorization must read 'Bearer <token>'")
    token = token.strip()
    # Proxies and WSGI join repeated headers with ", ": never pick one of several.
    if "," in token or any(c.isspace() for c in token):
        raise Unauthenticated("authorization must carry exactly one bearer token")
    return token


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Checks the Shuangdao claims of a signature-verified token, naming every problem."""
    problems: list[str] = []
    subject, agency = claims.get("sub"), claims.get("agency")
    for name, value in (("sub", subject), ("agency", agency)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"claim {name!r} must be a non-empty string")
        elif len(value) > MAX_NAME_CHARS:
            problems.append(f"claim {name!r} is longer than {MAX_NAME_CHARS} characters")
    roles = _roles(claims.get("roles"), problems)
    jurisdiction = claims.get("jurisdiction")
    problem = problem_with(jurisdiction)
    if problem:
        problems.append(f"claim 'jurisdiction' {problem}")
    if problems:
        raise Unauthenticated("token claims are invalid: " + "; ".join(problems))
    expires = claims.get("exp")
    return Principal(subject=str(subject), agency=str(agency), roles=roles, jurisdiction=str(jurisdiction),
                     token_id=str(claims["jti"]) if claims.get("jti") else None,
                     expires_at=datetime.fromtimestamp(expires, UTC) if isinstance(expires, (int, float)) else None)


def _roles(value: object, problems: list[str]) -> frozenset[Role]:
    if not isinstance(value, list) or not value or not all(isinstance(r, str) for r in value):
        problems.append("claim 'roles' must be a non-empty list of role names")
        return frozenset()
    known = {r.value for r in Role}
    unknown = sorted({r for r in value if r not in known})
    if unknown:
        problems.append(f"claim 'roles' names unknown role(s) {', '.join(repr(u[:40]) for u in unknown[:5])}")
        return frozenset()
    return frozenset(Role(r) for r in value)


# ---------------------------------------------------------------------------- issuing

class TokenIssuer:
    """Mints tokens. Production tokens come from the province's identity
    provider; this serves dev tooling, tests and service accounts."""

    def __init__(self, private_key: PrivateKey, issuer: str = DEFAULT_ISSUER,
                 audience: str = DEFAULT_AUDIENCE) -> None:
        self.private_key = private_key
        self.algorithm = algorithm_for(private_key)
        self.kid = key_id(private_key)
        self.issuer = issuer
        self.audience = audience

    def issue(self, subject: str, agency: str, roles: Iterable[Role | str], jurisdiction: str,
              ttl: timedelta = timedelta(hours=1), now: datetime | None = None) -> str:
        claims = self.claims(subject, agency, roles, jurisdiction, ttl, now)
        principal_from_claims(claims)  # refuse to mint what no service would accept
        return self.sign(claims)

    def claims(self, subject: str, agency: str, roles: Iterable[Role | str], jurisdiction: str,
               ttl: timedelta = timedelta(hours=1), now: datetime | None = None) -> dict[str, Any]:
        issued = now or datetime.now(UTC)
        return {"iss": self.issuer, "aud": self.audience, "sub": subject, "agency": agency,
                "roles": sorted(Role(r).value if isinstance(r, Role) else str(r) for r in roles),
                "jurisdiction": jurisdiction, "iat": int(issued.timestamp()),
                "exp": int((issued + ttl).timestamp()), "jti": str(uuid.uuid4())}

    def sign(self, claims: Mapping[str, Any]) -> str:
        """Signs claims as given, unchecked (tests use it to mint bad tokens)."""
        return jwt.encode(dict(claims), self.private_key, algorithm=self.algorithm, headers={"kid": self.kid})
