"""JSON <-> domain for the Flask API. Type errors are field violations, never 500s."""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from chassis.errors import FieldViolation, collect

from funds.domain import commands, figures

INTEGER_FIELDS = {"amount_fen", "budget_fen", "year", "poor_households", "non_poor_households"}
# JSON numbers beyond int64 are refused rather than silently truncated.
INT64_MAX = 2**63 - 1


def command_from(kind: type[commands.Command], body: dict[str, Any], idempotency_header: str | None = None,
                 **from_path: str) -> Any:
    """Builds `kind` from a JSON object: strings must be strings, amounts
    integers; unknown fields are reported, every problem at once."""
    violations: list[FieldViolation] = []
    known = {f.name for f in fields(kind)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for name in sorted(set(body) - known - set(from_path)):
        violations.append(FieldViolation(name, "is not a field of this request"))
    for f in fields(kind):  # type: ignore[arg-type]
        if f.name in from_path:
            values[f.name] = from_path[f.name]
            continue
        raw = body.get(f.name)
        if f.name in INTEGER_FIELDS:
            if raw is None:
                values[f.name] = 0
            elif type(raw) is not int or abs(raw) > INT64_MAX:
                violations.append(FieldViolation(f.name, "must be an integer"))
                values[f.name] = 0
            else:
                values[f.name] = raw
        elif raw is None:
            values[f.name] = ""
        elif not isinstance(raw, str):
            violations.append(FieldViolation(f.name, "must be a string"))
            values[f.name] = ""
        else:
            values[f.name] = raw
    if idempotency_header is not None and "idempotency_key" in values:
        if values["idempotency_key"] and values["idempotency_key"] != idempotency_header:
            violations.append(FieldViolation("idempotency_key", "differs from the Idempotency-Key header"))
        values["idempotency_key"] = idempotency_header
    collect(violations)
    return kind(**values)


def plain(result: Any) -> dict[str, Any]:
    return asdict(result)


def idle_json(as_of: Any, idle_days: int, found: list[figures.IdleAllocation]) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "idle_days": idle_days,
            "allocations": [{"allocation": asdict(i.allocation), "unspent_fen": i.unspent_fen,
                             "idle_since": i.idle_since.isoformat(), "days_idle": i.days_idle} for i in found]}


def mix_json(mix: figures.SourceMix) -> dict[str, Any]:
    return {"division_code": mix.division_code, "total_allocated_fen": mix.total_allocated_fen,
            "kinds": [{"kind": k.kind.value, "allocated_fen": k.allocated_fen,
                       "share_basis_points": k.share_basis_points} for k in mix.kinds],
            "social_fen": mix.social_fen, "social_share_basis_points": mix.social_share_basis_points}
