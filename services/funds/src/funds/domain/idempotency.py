"""Idempotency keys: a retried call returns the first result and moves no
money; the same key reused for a different request is refused."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from chassis.errors import AlreadyExists

from funds.domain.commands import Command


def operation_of(command: Command) -> str:
    return type(command).__name__


def fingerprint(command: Command) -> str:
    """The request as the caller sent it (before defaults such as "now" are
    filled in, so a retry minutes later has the same fingerprint)."""
    # Who asked is not part of what was asked: the same request retried with a
    # fresh token (or by a colleague) is the same request.
    fields = {k: v for k, v in asdict(command).items()  # type: ignore[call-overload]
              if k not in ("idempotency_key", "actor")}
    text = json.dumps({"operation": operation_of(command), "fields": fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class KeyReused(AlreadyExists):
    def __init__(self, key: str, first_operation: str, operation: str) -> None:
        what = "a different request" if first_operation == operation else f"a {first_operation} call"
        super().__init__(f"idempotency key {key!r} was already used for {what}; "
                         f"use a new key for a new {operation}")
