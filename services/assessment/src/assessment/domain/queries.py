"""What a caller may ask for, checked the same way for gRPC and JSON: every
problem listed at once."""
from __future__ import annotations

from chassis.errors import FieldViolation, collect

from assessment.domain.divisions import is_division_code
from assessment.domain.rubric import TARGET_KINDS

MAX_ID = 64


def _division_level(code: str) -> str:
    if code[9:] != "000":
        return "village"
    if code[6:9] != "000":
        return "township"
    if code[4:6] != "00":
        return "county"
    if code[2:4] != "00":
        return "city"
    return "province"


def check_kind(kind: str, field: str = "target_kind") -> list[FieldViolation]:
    if kind not in TARGET_KINDS:
        return [FieldViolation(field, f"must be one of {', '.join(TARGET_KINDS)}")]
    return []


def check_target(kind: str, target_id: str, kind_field: str = "target_kind",
                 id_field: str = "target_id", required: bool = True) -> None:
    problems = check_kind(kind, kind_field) if (kind or required) else []
    if not target_id:
        if required:
            problems.append(FieldViolation(id_field, "is required"))
    elif kind in ("village", "county", "city"):
        if not is_division_code(target_id) or _division_level(target_id) != kind:
            problems.append(FieldViolation(id_field, f"must be the 12-digit code of a {kind}"))
    elif len(target_id) > MAX_ID or not target_id.isprintable():
        problems.append(FieldViolation(id_field, f"must be an id of at most {MAX_ID} printable characters"))
    collect(problems)


def check_division(code: str, field: str = "division_code") -> list[FieldViolation]:
    if code and not is_division_code(code):
        return [FieldViolation(field, "must be a 12-digit division code")]
    return []


def check_ranking(kind: str, division: str) -> None:
    collect(check_kind(kind) + check_division(division))


def check_flags(kind: str, target_id: str, division: str) -> None:
    problems = check_kind(kind) if kind else []
    if target_id and not kind:
        problems.append(FieldViolation("target_kind", "is required with target_id"))
    if target_id and (len(target_id) > MAX_ID or not target_id.isprintable()):
        problems.append(FieldViolation("target_id", f"must be an id of at most {MAX_ID} printable characters"))
    collect(problems + check_division(division))
