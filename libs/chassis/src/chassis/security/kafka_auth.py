"""Authenticating messages on consumed topics that outsiders write to (county
systems publishing submissions): the producer puts its bearer token in an
`authorization` header; the consumer verifies it before trusting the message.

Kafka here has no per-client authentication of its own, so without this any
client able to reach the broker could submit for any county."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from chassis.errors import Unauthenticated
from chassis.security.tokens import Principal, TokenVerifier, bearer_token

AUTHORIZATION_HEADER = "authorization"


def authorization_header(token: str) -> tuple[str, bytes]:
    """The header a producer adds: `headers=[..., authorization_header(token)]`."""
    return AUTHORIZATION_HEADER, f"Bearer {token}".encode()


def principal_from_headers(headers: Iterable[tuple[str, bytes | None]] | None, verifier: TokenVerifier,
                           appended_at: datetime | None = None) -> Principal:
    """The verified sender of a message, or Unauthenticated saying why (the
    consumer answers with a rejected result and/or dead-letters it).

    `appended_at`: the broker's append time of the message (topic config
    `message.timestamp.type=LogAppendTime`), so a message replayed after its
    token expired is still judged as of when it arrived."""
    values = [v for k, v in headers or () if k.lower() == AUTHORIZATION_HEADER]
    if len(values) > 1:
        raise Unauthenticated("more than one authorization header")
    if not values or values[0] is None:
        raise Unauthenticated("message carries no 'authorization: Bearer <token>' header")
    try:
        raw = values[0].decode("utf-8")
    except UnicodeDecodeError:
        raise Unauthenticated("authorization header is not UTF-8") from None
    return verifier.verify(bearer_token(raw), at=appended_at)
