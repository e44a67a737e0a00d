"""One call to a service with the official's token, its gRPC status turned
into the portal's error kinds (the chassis' own errors, so a page maps them
once): PERMISSION_DENIED -> 403, NOT_FOUND -> 404, and so on."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import grpc

from chassis.errors import (AlreadyExists, FailedPrecondition, FieldViolation, InvalidArgument, NotFound,
                            PermissionDenied, ServiceError, Unauthenticated, Unavailable)
from chassis.security.grpc_auth import bearer_metadata

T = TypeVar("T")
DEFAULT_TIMEOUT_SECONDS = 10.0

_KINDS: dict[grpc.StatusCode, Callable[[str], ServiceError]] = {
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.DEADLINE_EXCEEDED: Unavailable,
}


def error_of(error: grpc.RpcError) -> ServiceError:
    code, details = error.code(), error.details() or ""  # type: ignore[attr-defined]
    if code is grpc.StatusCode.INVALID_ARGUMENT:
        return InvalidArgument([FieldViolation("request", details)], details)
    kind = _KINDS.get(code)
    if kind is None:
        return Unavailable(f"the service answered {code.name}: {details}")
    return kind(details)


def call(method: Callable[..., T], request: Any, token: str, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> T:
    try:
        return method(request, metadata=bearer_metadata(token), timeout=timeout)
    except grpc.RpcError as error:
        raise error_of(error) from None
