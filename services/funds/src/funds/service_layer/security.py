"""Who may do what where in the funds service, and the audit entry of each
change. Money is territorial: allocations, projects, commitments and
disbursements are judged by their village. Sources (central, provincial,
county, unit money) carry no division yet, so their actions check the role
at the caller's own level only.

Handlers gate before they reveal anything about the target: a target outside
the caller's jurisdiction is PERMISSION_DENIED, NOT_FOUND is only said to
callers who could have seen it. `actor` None is the system (tools on the
host, tests of the service layer): not gated, audited as "system"."""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from chassis.errors import FieldViolation, InvalidArgument
from chassis.security.audit import AuditEntry
from chassis.security.jurisdiction import is_division_code
from chassis.security.policy import authorize
from chassis.security.tokens import Principal

SYSTEM_ACTOR = "system:funds"


def gate(actor: Principal | None, action: str, division: str | None) -> None:
    """authorize() on `division`; with no well-formed division (a malformed
    code in the request, a thing that does not exist, a source) the caller's
    own jurisdiction stands in, so the role is still checked and validation
    or NOT_FOUND answers next."""
    if actor is None:
        return
    authorize(actor, action, division if division and is_division_code(division) else actor.jurisdiction)


def scope(actor: Principal | None, action: str, division_code: str) -> str:
    """The division a figure covers: the one asked for (within the caller's
    jurisdiction), else the caller's whole jurisdiction, never wider. A code
    that names no place (e.g. a township under county 00) is bad input."""
    if division_code and not is_division_code(division_code):
        raise InvalidArgument([FieldViolation("division_code", "is not a 12-digit code of a division")])
    gate(actor, action, division_code or None)
    if division_code or actor is None:
        return division_code
    return actor.jurisdiction


def entry(actor: Principal | None, action: str, target_kind: str, target_id: str, division: str | None,
          before: Any = None, after: Any = None) -> AuditEntry:
    after = asdict(after) if is_dataclass(after) and not isinstance(after, type) else after
    if actor is None:
        return AuditEntry(actor=SYSTEM_ACTOR, agency="funds", action=action, target_kind=target_kind,
                          target_id=target_id, division=division, before=before, after=after)
    return AuditEntry.by(actor, action, target_kind, target_id, division, before, after)
