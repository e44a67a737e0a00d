"""Administrative divisions by their 12-digit statistical codes.

The code is hierarchical: 2 digits province, 2 city, 2 county, 3 township,
3 village. A village code therefore names every division above it."""
from __future__ import annotations

import re
from dataclasses import dataclass

CODE = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class DivisionPath:
    province: str
    city: str
    county: str
    township: str
    village: str


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
