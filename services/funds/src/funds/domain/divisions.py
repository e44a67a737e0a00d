"""Administrative divisions by their 12-digit statistical codes (copied from the
registry on purpose: services share contracts, not code).

The code is hierarchical: 2 digits province, 2 city, 2 county, 3 township,
3 village. A village code therefore names every division above it."""
from __future__ import annotations

import re
from dataclasses import dataclass

# [0-9], not \d (which takes any Unicode digit), and fullmatch (no trailing newline).
CODE = re.compile(r"[0-9]{12}")


@dataclass(frozen=True)
class DivisionPath:
    province: str
    city: str
    county: str
    township: str
    village: str


def is_division_code(code: str) -> bool:
    return bool(CODE.fullmatch(code))


def is_village_code(code: str) -> bool:
    """A village code is 12 digits with every part set: province, city, county,
    township and village. (Checking only the last two parts let money be booked
    in a "village" of no county, which no jurisdiction contains.)"""
    return (bool(CODE.fullmatch(code)) and code[:2] != "00" and code[2:4] != "00" and code[4:6] != "00"
            and code[6:9] != "000" and code[9:] != "000")


def path_of_village(code: str) -> DivisionPath:
    return DivisionPath(
        province=code[:2] + "0" * 10,
        city=code[:4] + "0" * 8,
        county=code[:6] + "0" * 6,
        township=code[:9] + "0" * 3,
        village=code,
    )


def level_of(code: str) -> str:
    """Which column of a DivisionPath a code matches: the deepest non-zero part."""
    if code[9:] != "000":
        return "village"
    if code[6:9] != "000":
        return "township"
    if code[4:6] != "00":
        return "county"
    if code[2:4] != "00":
        return "city"
    return "province"
