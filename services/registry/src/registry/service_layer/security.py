"""Who may do what where, and the audit entry of each change.

Handlers call `gate` before they reveal anything about the target (its
existence included): a target outside the caller's jurisdiction is
PERMISSION_DENIED, and NOT_FOUND is only ever said to callers who could have
seen the thing. `actor` None is the system itself (the CSV import run by an
operator on the host, event consumers): it is not gated, and its entries name
it as "system"."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from chassis.errors import PermissionDenied
from chassis.security.audit import AuditEntry
from chassis.security.jurisdiction import is_division_code
from chassis.security.personal_data import READ_PERSONAL, mask_national_id
from chassis.security.policy import authorize, decide
from chassis.security.tokens import Principal

from registry.domain import model

SYSTEM_ACTOR = "system:registry"


def gate(actor: Principal | None, action: str, division: str | None) -> None:
    """authorize() on `division`; with no well-formed division to judge (a
    request naming a malformed code, a household that does not exist) the
    caller's own jurisdiction stands in, so the role is still checked and the
    request's validation answers next."""
    if actor is None:
        return
    authorize(actor, action, division if division and is_division_code(division) else actor.jurisdiction)


def gate_all(actor: Principal | None, action: str, divisions: dict[str, str]) -> None:
    """One answer for a request touching many places (`divisions`: where -> code):
    every place outside the caller's jurisdiction is named."""
    if actor is None:
        return
    gate(actor, action, None)  # the role first: a role without the action hears nothing about places
    # Decided once per place: a batch of a thousand households names a few dozen villages.
    refused = {code for code in set(divisions.values())
               if is_division_code(code) and not decide(actor, action, code).allowed}
    outside = [f"{where} ({code})" for where, code in divisions.items() if code in refused]
    if outside:
        raise PermissionDenied(f"permission denied: {action} outside the caller's jurisdiction "
                               f"{actor.jurisdiction}: {', '.join(outside[:20])}")


def shown(household: model.Household, actor: Principal | None) -> model.Household:
    """The household as this caller may see it: national IDs masked unless the
    caller may read personal data in its village."""
    if actor is None or decide(actor, READ_PERSONAL, household.divisions.village).allowed:
        return household
    members = [replace(m, national_id=mask_national_id(m.national_id) if m.national_id else "")
               for m in household.file.members]
    return replace(household, file=replace(household.file, members=members), events=[])


def snapshot(household: model.Household | None) -> dict[str, Any] | None:
    """What an audit entry keeps of a household: its state, no personal data."""
    if household is None:
        return None
    return {"status": household.status.value,
            "current_step": household.current_step.value if household.current_step else None,
            "category": household.file.category.value, "village": household.divisions.village,
            "members": household.file.size, "risk": household.risk.category.value if household.risk else None}


def entry(actor: Principal | None, action: str, target_kind: str, target_id: str, division: str | None,
          before: Any = None, after: Any = None) -> AuditEntry:
    if actor is None:
        return AuditEntry(actor=SYSTEM_ACTOR, agency="registry", action=action, target_kind=target_kind,
                          target_id=target_id, division=division, before=before, after=after)
    return AuditEntry.by(actor, action, target_kind, target_id, division, before, after)


def household_entry(actor: Principal | None, action: str, before: dict[str, Any] | None,
                    household: model.Household) -> AuditEntry:
    return entry(actor, action, "household", household.id, household.divisions.village, before,
                 snapshot(household))
