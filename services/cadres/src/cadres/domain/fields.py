"""Checks on the raw values of a command. Each appends its complaint to a list
so a caller hears about every problem at once (see chassis.errors.collect)."""
from __future__ import annotations

import uuid
from datetime import date
from enum import Enum
from typing import TypeVar

from chassis.errors import FieldViolation

from cadres.domain.calendar import parse_month
from cadres.domain.divisions import is_village_code

E = TypeVar("E", bound=Enum)
Violations = list[FieldViolation]

MAX_NAME = 100
MAX_TEXT = 4000
# No programme record predates the national poverty-alleviation programmes.
EARLIEST = date(1980, 1, 1)


def text(value: str, at: str, violations: Violations, required: bool = True, limit: int = MAX_NAME) -> str:
    value = value.strip()
    if required and not value:
        violations.append(FieldViolation(at, "is required"))
    elif len(value) > limit:
        violations.append(FieldViolation(at, f"must be at most {limit} characters"))
    return value


def day(value: str, at: str, violations: Violations, today: date | None = None,
        required: bool = True) -> date | None:
    """An ISO date; with `today`, not after it (nobody attests the future)."""
    if not value:
        if required:
            violations.append(FieldViolation(at, "is required (YYYY-MM-DD)"))
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        violations.append(FieldViolation(at, "must be a date YYYY-MM-DD"))
        return None
    if len(value) != 10:
        violations.append(FieldViolation(at, "must be a date YYYY-MM-DD"))
        return None
    if parsed < EARLIEST:
        violations.append(FieldViolation(at, f"must not be before {EARLIEST.isoformat()}"))
        return None
    if today is not None and parsed > today:
        violations.append(FieldViolation(at, f"must not be after today ({today.isoformat()}, Asia/Shanghai)"))
        return None
    return parsed


def month(value: str, at: str, violations: Violations) -> tuple[int, int] | None:
    parsed = parse_month(value)
    if parsed is None:
        violations.append(FieldViolation(at, "must be a month YYYY-MM"))
    return parsed


def word(kind: type[E], value: str, at: str, violations: Violations) -> E | None:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(k.value) for k in kind)  # type: ignore[attr-defined]
        violations.append(FieldViolation(at, f"must be one of {allowed}"))
        return None


def identifier(value: str, at: str, violations: Violations, required: bool = True) -> str:
    """A UUID naming an existing record (required) or chosen by the client (optional)."""
    if not value:
        if required:
            violations.append(FieldViolation(at, "is required"))
        return ""
    try:
        if str(uuid.UUID(value)) == value.lower():
            return value.lower()
    except ValueError:
        pass
    violations.append(FieldViolation(at, "must be a UUID"))
    return ""


def village(value: str, at: str, violations: Violations) -> str:
    value = value.strip()
    if not value:
        violations.append(FieldViolation(at, "is required"))
    elif not is_village_code(value):
        violations.append(FieldViolation(at, "must be a 12-digit administrative village code"))
    return value


def non_negative(value: int, at: str, violations: Violations, limit: int = 10**15) -> int:
    if value < 0:
        violations.append(FieldViolation(at, "must not be negative"))
    elif value > limit:
        violations.append(FieldViolation(at, f"must be at most {limit}"))
    return value
