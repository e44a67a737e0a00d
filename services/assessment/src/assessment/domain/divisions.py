"""Division codes as the assessment sees them: 12-digit statistical codes."""
from __future__ import annotations

import re

CODE = re.compile(r"^\d{12}$")


def is_division_code(code: str) -> bool:
    return bool(CODE.match(code))
