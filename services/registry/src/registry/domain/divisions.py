"""Administrative divisions by their 12-digit statistical codes.

The code is hierarchical: 2 digits province, 2 city, 2 county, 3 township,
3 village. A village code therefore names every division above it. Natural
villages have no statistical code of their own; they get a 12-digit code from
the division file and are placed by their parent."""
from __future__ import annotations

import re
from dataclasses import dataclass

from chassis.errors import FieldViolation

from registry.domain.vocabulary import DivisionLevel

CODE = re.compile(r"^\d{12}$")
LEVELS = tuple(DivisionLevel)
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class DivisionPath:
    province: str
    city: str
    county: str
    township: str
    village: str


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: DivisionLevel
    parent_code: str


def is_village_code(code: str) -> bool:
    """A village code is 12 digits with its township and village parts set."""
    return bool(CODE.match(code)) and code[6:9] != "000" and code[9:] != "000"


def path_of_village(code: str) -> DivisionPath:
    return DivisionPath(
        province=code[:2] + "0" * 10,
        city=code[:4] + "0" * 8,
        county=code[:6] + "0" * 6,
        township=code[:9] + "0" * 3,
        village=code,
    )


def level_by_shape(code: str) -> DivisionLevel:
    """The statistical level a code's zeros imply (a natural village looks like a village)."""
    if code[2:] == "0" * 10:
        return DivisionLevel.PROVINCE
    if code[4:] == "0" * 8:
        return DivisionLevel.CITY
    if code[6:] == "0" * 6:
        return DivisionLevel.COUNTY
    if code[9:] == "000":
        return DivisionLevel.TOWNSHIP
    return DivisionLevel.VILLAGE


def prefix_of(code: str, level: DivisionLevel) -> str:
    """What every code below this division starts with."""
    return code[:{DivisionLevel.PROVINCE: 2, DivisionLevel.CITY: 4, DivisionLevel.COUNTY: 6,
                  DivisionLevel.TOWNSHIP: 9}.get(level, 12)]


def problems_with(division: Division, parent: Division | None, at: str) -> list[FieldViolation]:
    """What is wrong with one division given its parent (None when the parent is unknown)."""
    found: list[FieldViolation] = []
    if not CODE.match(division.code):
        return [FieldViolation(f"{at}.code", "must be 12 digits")]
    if not division.name.strip() or len(division.name) > MAX_NAME_LENGTH or not division.name.isprintable():
        found.append(FieldViolation(f"{at}.name", f"is required, at most {MAX_NAME_LENGTH} printable characters"))
    if division.level is not DivisionLevel.NATURAL_VILLAGE and level_by_shape(division.code) is not division.level:
        found.append(FieldViolation(f"{at}.level", f"code {division.code} is a {level_by_shape(division.code).value} "
                                                   f"code, not a {division.level.value}"))
    if division.level is DivisionLevel.PROVINCE:
        if division.parent_code:
            found.append(FieldViolation(f"{at}.parent_code", "a province has no parent"))
        return found
    if parent is None:
        found.append(FieldViolation(f"{at}.parent_code", f"unknown parent division {division.parent_code!r}"))
        return found
    expected = LEVELS[LEVELS.index(division.level) - 1]
    if parent.level is not expected:
        found.append(FieldViolation(f"{at}.parent_code", f"a {division.level.value} belongs to a {expected.value}, "
                                                         f"{parent.code} is a {parent.level.value}"))
    elif division.level is not DivisionLevel.NATURAL_VILLAGE and \
            not division.code.startswith(prefix_of(parent.code, parent.level)):
        found.append(FieldViolation(f"{at}.code", f"does not lie under its parent {parent.code}"))
    return found
