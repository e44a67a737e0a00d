"""Maps chassis.errors to gRPC status with google.rpc details (grpcio-status)."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from chassis import errors

GRPC_CODES: dict[type[errors.ServiceError], grpc.StatusCode] = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
    errors.AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    errors.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.Unavailable: grpc.StatusCode.UNAVAILABLE,
}


def grpc_code(error: errors.ServiceError) -> grpc.StatusCode:
    for kind in type(error).__mro__:
        if kind in GRPC_CODES:
            return GRPC_CODES[kind]  # type: ignore[index]
    return grpc.StatusCode.INTERNAL


def to_grpc_status(error: errors.ServiceError) -> grpc.Status:
    code = grpc_code(error)
    status = status_pb2.Status(code=getattr(code_pb2, code.name), message=error.message)
    if isinstance(error, errors.InvalidArgument):
        detail = any_pb2.Any()
        detail.Pack(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
            for v in error.violations
        ]))
        status.details.append(detail)
    return rpc_status.to_status(status)


def field_violations_of(error: grpc.RpcError) -> list[errors.FieldViolation]:
    """Client side: the BadRequest field violations of a failed call."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    found: list[errors.FieldViolation] = []
    for detail in status.details if status else []:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found += [errors.FieldViolation(v.field, v.description) for v in bad.field_violations]
    return found


def maps_errors(method: Callable[[Any, Any, grpc.ServicerContext], Any]) -> Callable[..., Any]:
    """Servicer method decorator: domain errors become their gRPC status."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return method(self, request, context)
        except errors.ServiceError as error:
            context.abort_with_status(to_grpc_status(error))

    return wrapper
