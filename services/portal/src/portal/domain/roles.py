"""What a signed-in official may be offered on a page. Only a courtesy: the
services decide every read and write with the official's own token, so a
button hidden here is never the guard."""
from __future__ import annotations

from collections.abc import Iterable

from chassis.security.policy import Role, decide
from chassis.security.tokens import Principal

# The workflow steps each role decides (DecideStep), in workflow order.
STEPS_DECIDED_BY: dict[Role, tuple[str, ...]] = {
    Role.VILLAGE_CADRE: ("village_verification", "village_discussion"),
    Role.TOWNSHIP_REVIEWER: ("township_review",),
    Role.COUNTY_APPROVER: ("county_approval",),
    Role.PREFECTURE_REGISTRAR: ("prefecture_registration",),
}
DECISIONS = ("approve", "reject", "send_back")
# The exit confirmations each role decides (ConfirmExit): the village first,
# then the county, the same chain as entry. An exit is approved or rejected,
# never sent back.
EXIT_STEPS_CONFIRMED_BY: dict[Role, tuple[str, ...]] = {
    Role.VILLAGE_CADRE: ("exit_village_confirmation",),
    Role.COUNTY_APPROVER: ("exit_county_confirmation",),
}
EXIT_DECISIONS = ("approve", "reject")
ROLE_NAMES = {r: r.value.replace("_", " ") for r in Role}


def steps_for(roles: Iterable[Role]) -> tuple[str, ...]:
    return tuple(step for role in roles for step in STEPS_DECIDED_BY.get(role, ()))


def exit_steps_for(roles: Iterable[Role]) -> tuple[str, ...]:
    return tuple(step for role in roles for step in EXIT_STEPS_CONFIRMED_BY.get(role, ()))


def may_decide(principal: Principal) -> bool:
    """Whether the work queue is worth showing (auditors and offices that
    decide no step never see approve buttons)."""
    return bool(steps_for(principal.roles) or exit_steps_for(principal.roles))


def sees_full_id_numbers(principal: Principal, village_code: str) -> bool:
    return decide(principal, "registry.household.read_personal", village_code).allowed


def may_read(principal: Principal, action: str, division: str | None) -> bool:
    return decide(principal, action, division).allowed


def role_names(principal: Principal) -> str:
    return ", ".join(sorted(ROLE_NAMES[r] for r in principal.roles))
