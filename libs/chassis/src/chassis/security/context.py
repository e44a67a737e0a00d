"""The authenticated caller of the work in hand, for gRPC, HTTP and Kafka alike."""
from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from chassis.errors import Unauthenticated
from chassis.security.policy import DEFAULT_POLICY, Policy

if TYPE_CHECKING:
    from chassis.security.tokens import Principal

principal_var: contextvars.ContextVar["Principal | None"] = contextvars.ContextVar("principal", default=None)


def current_principal() -> "Principal":
    """The caller of the current request; Unauthenticated outside an authenticated call."""
    principal = principal_var.get()
    if principal is None:
        raise Unauthenticated("no authenticated caller for this work")
    return principal


def optional_principal() -> "Principal | None":
    return principal_var.get()


@contextmanager
def acting_as(principal: "Principal") -> Iterator["Principal"]:
    """Binds a principal to the work in hand (a Kafka message's verified sender, tests)."""
    token = principal_var.set(principal)
    try:
        yield principal
    finally:
        principal_var.reset(token)


def authorize_current(action: str, target_division: str | None, policy: Policy = DEFAULT_POLICY) -> "Principal":
    """authorize() for the current caller; returns it for the handler's audit entry."""
    principal = current_principal()
    policy.authorize(principal, action, target_division)
    return principal
