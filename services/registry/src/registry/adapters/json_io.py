"""JSON <-> domain for the Flask API. Type errors are field violations, never 500s."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chassis.errors import FieldViolation, InvalidArgument, collect

from registry.domain import commands, model
from registry.domain.model import Household

MEMBER_FIELDS = ("name", "national_id", "relation", "sex", "birth_date")


def _string(body: dict[str, Any], key: str, at: str, violations: list[FieldViolation]) -> str:
    value = body.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        violations.append(FieldViolation(at, "must be a string"))
        return ""
    return value


def register_command(body: dict[str, Any]) -> commands.RegisterHousehold:
    violations: list[FieldViolation] = []
    raw_members = body.get("members", [])
    if not isinstance(raw_members, list):
        violations.append(FieldViolation("members", "must be a list"))
        raw_members = []
    members = []
    for n, raw in enumerate(raw_members):
        if not isinstance(raw, dict):
            violations.append(FieldViolation(f"members[{n}]", "must be an object"))
            continue
        values = {k: _string(raw, k, f"members[{n}].{k}", violations) for k in MEMBER_FIELDS}
        members.append(commands.MemberInput(**values))
    command = commands.RegisterHousehold(
        village_code=_string(body, "village_code", "village_code", violations),
        category=_string(body, "category", "category", violations),
        members=tuple(members),
        household_id=_string(body, "household_id", "household_id", violations),
    )
    if violations:
        # Report the domain's complaints too, so a caller fixes everything at once.
        violations += [v for v in domain_problems(command) if v.field not in {w.field for w in violations}]
    collect(violations)
    return command


def domain_problems(command: commands.RegisterHousehold) -> list[FieldViolation]:
    try:
        model.register(command.household_id, command.village_code, command.category,
                       [(m.name, m.national_id, m.relation, m.sex, m.birth_date) for m in command.members],
                       datetime.now(UTC))
    except InvalidArgument as error:
        return error.violations
    return []


def household_json(household: Household) -> dict[str, Any]:
    d = household.divisions
    return {
        "household_id": household.id,
        "divisions": {"province_code": d.province, "city_code": d.city, "county_code": d.county,
                      "township_code": d.township, "village_code": d.village},
        "category": household.category.value,
        "status": household.status.value,
        "registered_at": household.registered_at.isoformat(),
        "members": [{"name": m.name, "national_id": m.national_id, "relation": m.relation.value,
                     "sex": m.sex.value, "birth_date": m.birth_date.isoformat() if m.birth_date else None}
                    for m in household.members],
    }
