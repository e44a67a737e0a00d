"""Error kinds a domain may raise. Pure Python: domain models import these
without pulling in gRPC or Flask; `chassis.grpc_errors` and `chassis.http` map
them to a status in one place each."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class ServiceError(Exception):
    """Base of every error the API may show its caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArgument(ServiceError):
    def __init__(self, violations: list[FieldViolation], message: str = "request is invalid") -> None:
        if violations and message == "request is invalid":
            message = "; ".join(f"{v.field}: {v.description}" for v in violations)
        super().__init__(message)
        self.violations = violations


class NotFound(ServiceError):
    pass


class FailedPrecondition(ServiceError):
    pass


class AlreadyExists(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class Unauthenticated(ServiceError):
    pass


class Unavailable(ServiceError):
    pass


def collect(violations: list[FieldViolation]) -> None:
    """Raise once with every problem found, so a caller fixes them all in one go."""
    if violations:
        raise InvalidArgument(violations)
