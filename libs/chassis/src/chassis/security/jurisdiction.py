"""Jurisdictions as 12-digit statistical division codes.

The code is hierarchical: 2 digits province, 2 city, 2 county, 3 township,
3 village. A code whose lower parts are zeros names the division of the last
non-zero part, and everything below it shares that prefix, so "lies within"
is a prefix test. Pure Python, no I/O."""
from __future__ import annotations

import re
from enum import Enum

_CODE = re.compile(r"^\d{12}$")


class Level(str, Enum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


# (level, the slice of the code that level owns), top down.
_PARTS: tuple[tuple[Level, slice], ...] = (
    (Level.PROVINCE, slice(0, 2)), (Level.CITY, slice(2, 4)), (Level.COUNTY, slice(4, 6)),
    (Level.TOWNSHIP, slice(6, 9)), (Level.VILLAGE, slice(9, 12)),
)
_PREFIX_LENGTH = {Level.PROVINCE: 2, Level.CITY: 4, Level.COUNTY: 6, Level.TOWNSHIP: 9, Level.VILLAGE: 12}


def problem_with(code: object) -> str | None:
    """None when `code` is a well-formed division code, else what is wrong with it.

    Well formed: 12 digits, a non-zero province, and no level set below a level
    left at zero (a township under county 00 names nothing)."""
    if not isinstance(code, str) or not _CODE.match(code):
        return "must be a 12-digit division code"
    parts = [code[part] for _, part in _PARTS]
    if int(parts[0]) == 0:
        return "province part must not be zero"
    seen_zero = False
    for part in parts[1:]:
        if int(part) == 0:
            seen_zero = True
        elif seen_zero:
            return "a lower level is set below a level that is zero"
    return None


def is_division_code(code: object) -> bool:
    return problem_with(code) is None


def level_of(code: str) -> Level:
    """The division level a well-formed code names (the last non-zero part)."""
    found = Level.PROVINCE
    for level, part in _PARTS:
        if int(code[part]) != 0:
            found = level
    return found


def prefix_of(code: str) -> str:
    """What every code lying within this division starts with."""
    return code[:_PREFIX_LENGTH[level_of(code)]]


def within(target_division: str, caller_jurisdiction: str) -> bool:
    """True when the target division is the caller's division or lies below it.

    Malformed codes never lie within anything: deny rather than guess."""
    if not (is_division_code(target_division) and is_division_code(caller_jurisdiction)):
        return False
    return target_division.startswith(prefix_of(caller_jurisdiction))
