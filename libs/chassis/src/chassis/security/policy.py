"""Who may do what where: one policy table (action -> roles) plus a
jurisdiction check. Pure Python; services call `authorize` in their handlers
(or entrypoints) with the action they declare and the division of the thing
acted on.

Deny by default: an action missing from the table is denied to everyone, a
role missing from an action's row is denied it, and a territorial action with
no target division or a target outside the caller's jurisdiction is denied.

Structural rules hold whatever a service adds to the table (checked when a
`Policy` is built, so a bad extension fails at start, not in production):
- an auditor holds every read action (last segment starts with `read`) and
  nothing else: reads are granted to auditors automatically;
- an operator holds only `ops.*` actions;
- a county system holds only `registry.submission.ingest`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING

from chassis.errors import PermissionDenied
from chassis.security.jurisdiction import Level, is_division_code, level_of, problem_with, within

if TYPE_CHECKING:
    from chassis.security.tokens import Principal


class Role(str, Enum):
    VILLAGE_CADRE = "village_cadre"
    TOWNSHIP_REVIEWER = "township_reviewer"
    COUNTY_APPROVER = "county_approver"
    PREFECTURE_REGISTRAR = "prefecture_registrar"
    PROVINCIAL_OFFICE = "provincial_office"
    SUPPORT_UNIT = "support_unit"
    AUDITOR = "auditor"
    COUNTY_SYSTEM = "county_system"
    OPERATOR = "operator"


V, T, C, P, PROV, SU, AUD, CS, OP = (
    Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER, Role.PREFECTURE_REGISTRAR,
    Role.PROVINCIAL_OFFICE, Role.SUPPORT_UNIT, Role.AUDITOR, Role.COUNTY_SYSTEM, Role.OPERATOR)

# The level of division a role acts for. A token whose jurisdiction is broader
# (a village cadre holding a county code) is a mis-issued token: its role grants
# nothing, so one mistake at the issuer cannot widen a cadre to a whole county.
ROLE_LEVELS: Mapping[Role, frozenset[Level]] = MappingProxyType({
    V: frozenset({Level.VILLAGE}),
    T: frozenset({Level.TOWNSHIP}),
    C: frozenset({Level.COUNTY}),
    P: frozenset({Level.CITY}),
    PROV: frozenset({Level.PROVINCE}),
    SU: frozenset({Level.VILLAGE}),      # "one for one": a unit is paired with one village
    AUD: frozenset(Level),               # a provincial or a local audit office
    CS: frozenset({Level.COUNTY}),       # ingest for its own county only
    OP: frozenset(Level),
})

_HUMAN_READERS = frozenset({V, T, C, P, PROV, SU})   # + auditor, added to every read
_OFFICIAL_READERS = frozenset({V, T, C, P, PROV})    # support units see no personal data
_ALL_LEVEL_OFFICES = frozenset({T, C, P, PROV})

# The table: action -> roles that may perform it (auditors get every read on top).
# Actions are `<service>.<thing>.<verb>`; a read's last segment starts with "read".
DEFAULT_TABLE: Mapping[str, frozenset[Role]] = MappingProxyType({
    # --- registry: households, workflow, surveys, exit -------------------------------
    "registry.household.read": _HUMAN_READERS,
    "registry.household.read_personal": _OFFICIAL_READERS,
    "registry.household.register": frozenset({P, PROV}),   # migrating a pre-approved register
    "registry.household.submit": frozenset({V}),
    "registry.household.resubmit": frozenset({V}),
    "registry.household.return_to_poverty": frozenset({C}),
    "registry.history.read": _HUMAN_READERS,
    "registry.notice.read": _HUMAN_READERS,
    "registry.objection.record": frozenset({V, T}),
    "registry.step.decide.village_verification": frozenset({V}),
    "registry.step.decide.village_discussion": frozenset({V}),
    "registry.step.decide.township_review": frozenset({T}),
    "registry.step.decide.county_approval": frozenset({C}),
    "registry.step.decide.prefecture_registration": frozenset({P}),
    "registry.step.decide.exit_village_confirmation": frozenset({V}),
    "registry.step.decide.exit_county_confirmation": frozenset({C}),
    "registry.survey.record": frozenset({V}),
    "registry.survey.read": _HUMAN_READERS,
    "registry.exit.propose": frozenset({V}),
    # Coarse gate of ConfirmExit; which of the two confirms at the current stage
    # is the matching registry.step.decide.exit_* action's business.
    "registry.exit.confirm": frozenset({V, C}),
    "registry.division.read": _HUMAN_READERS,
    "registry.division.load": frozenset({PROV}),
    "registry.submission.ingest": frozenset({CS}),
    "registry.audit.read": frozenset({PROV}),
    # --- cadres: support units, pairings, plans, cadres, attendance, inspections ---------
    "cadres.support_unit.register": frozenset({PROV}),
    "cadres.support_unit.change_leader": frozenset({PROV}),
    "cadres.support_unit.read": _HUMAN_READERS,
    "cadres.pairing.create": frozenset({PROV}),
    "cadres.pairing.end": frozenset({PROV}),
    "cadres.pairing.read": _HUMAN_READERS,
    "cadres.plan.adopt": frozenset({SU}),
    "cadres.plan.read": _HUMAN_READERS,
    "cadres.cadre.register": frozenset({SU, PROV}),
    "cadres.cadre.read": _HUMAN_READERS,
    "cadres.cadre.station": frozenset({SU}),
    "cadres.cadre.withdraw": frozenset({SU, PROV}),
    "cadres.cadre.rotate": frozenset({SU}),
    "cadres.stationing.read": _HUMAN_READERS,
    "cadres.attendance.record": frozenset({V}),
    "cadres.attendance.read": _HUMAN_READERS,
    "cadres.leave.request": frozenset({V}),
    "cadres.leave.decide": frozenset({SU, C}),
    "cadres.leave.read": _HUMAN_READERS,
    "cadres.inspection.record": frozenset({PROV}),
    "cadres.inspection.read": _ALL_LEVEL_OFFICES | {SU},
    "cadres.complaint.record": frozenset({V, T, C}),
    "cadres.complaint.resolve": frozenset({C, PROV}),
    "cadres.complaint.read": _ALL_LEVEL_OFFICES | {SU},
    "cadres.audit.read": frozenset({PROV}),
    # --- funds: sources, allocations, projects, disbursements ---------------------------
    "funds.source.create": frozenset({C, P, PROV, SU}),
    "funds.source.read": _HUMAN_READERS,
    "funds.receipt.record": frozenset({C, P, PROV, SU}),
    "funds.allocate": frozenset({C, P, PROV, SU}),
    "funds.allocation.read": _HUMAN_READERS,
    "funds.project.create": frozenset({V, C, SU}),
    "funds.project.complete": frozenset({V, C, SU}),
    "funds.project.read": _HUMAN_READERS,
    "funds.commit": frozenset({C, SU}),
    "funds.disburse": frozenset({C, SU}),
    "funds.disbursement.reverse": frozenset({C, PROV}),
    "funds.village.read": _HUMAN_READERS,
    # A village's collective income "as the village reports it": its cadre, or
    # the township or county office on its behalf.
    "funds.collective_income.record": frozenset({V, T, C}),
    "funds.source_mix.read": _ALL_LEVEL_OFFICES,
    "funds.idle.read": _ALL_LEVEL_OFFICES | {SU},
    "funds.audit.read": frozenset({PROV}),
    # --- assessment: read models, scores, rankings, flags -------------------------------
    "assessment.village_summary.read": _HUMAN_READERS,
    "assessment.score.read": _HUMAN_READERS,
    "assessment.ranking.read": _HUMAN_READERS,
    "assessment.flag.read": _HUMAN_READERS,
    "assessment.province_figures.read": frozenset({PROV}),
    "assessment.rubric.publish": frozenset({PROV}),
    "assessment.audit.read": frozenset({PROV}),
    # --- operations ---------------------------------------------------------------------
    "ops.health": frozenset({OP}),
    "ops.metrics": frozenset({OP}),
})

# Actions not confined to the caller's place: no target division, no jurisdiction
# check. Rankings are published province-wide (that is their point) and the
# division table is reference data every client needs to name places.
DEFAULT_UNSCOPED: frozenset[str] = frozenset({"ops.health", "ops.metrics", "assessment.ranking.read",
                                              "registry.division.read"})

# Roles whose grants are fenced in, whatever a service adds to the table.
_ONLY = {OP: lambda action: action.startswith("ops."),
         CS: lambda action: action == "registry.submission.ingest"}
_ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


def is_read_action(action: str) -> bool:
    return action.rsplit(".", 1)[-1].startswith("read")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str


class PolicyError(ValueError):
    """The table breaks one of the structural rules; refuse to start."""


class Policy:
    """The effective table: explicit grants, auditors on every read, checked."""

    def __init__(self, table: Mapping[str, Iterable[Role]], unscoped: Iterable[str] = ()) -> None:
        grants: dict[str, frozenset[Role]] = {}
        for action, roles in table.items():
            explicit = frozenset(Role(r) for r in roles)
            grants[action] = explicit | {AUD} if is_read_action(action) else explicit
        self._grants = MappingProxyType(grants)
        self.unscoped = frozenset(unscoped)
        self._check()

    def _check(self) -> None:
        problems = [f"unscoped action {a!r} is not in the table" for a in sorted(self.unscoped - set(self._grants))]
        for action, roles in sorted(self._grants.items()):
            if not _ACTION.match(action):
                problems.append(f"action {action!r} must read <service>.<thing>.<verb> in lower case")
            if AUD in roles and not is_read_action(action):
                problems.append(f"auditors are read-only, yet hold {action!r}")
            problems += [f"{role.value} may hold only its own actions, not {action!r}"
                         for role, allowed in _ONLY.items() if role in roles and not allowed(action)]
        if problems:
            raise PolicyError("; ".join(problems))

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(self._grants)

    def roles_for(self, action: str) -> frozenset[Role]:
        return self._grants.get(action, frozenset())

    def extended(self, table: Mapping[str, Iterable[Role]], unscoped: Iterable[str] = ()) -> "Policy":
        """A new policy with more actions (a service's own); existing rows may be replaced."""
        merged = {a: self._explicit(a) for a in self._grants} | {a: frozenset(r) for a, r in table.items()}
        return Policy(merged, self.unscoped | frozenset(unscoped))

    def _explicit(self, action: str) -> frozenset[Role]:
        return self._grants[action] - ({AUD} if is_read_action(action) else frozenset())

    def decide(self, principal: "Principal", action: str, target_division: str | None) -> Decision:
        """Whether `principal` may perform `action` on something in `target_division`."""
        if action not in self._grants:
            return Decision(False, f"{action} is not a known action (denied by default)")
        holding = principal.roles & self._grants[action]
        if not holding:
            return Decision(False, f"{action} is not granted to role(s) {_names(principal.roles)}")
        level = level_of(principal.jurisdiction) if is_division_code(principal.jurisdiction) else None
        fitting = frozenset(r for r in holding if level in ROLE_LEVELS[r])
        if not fitting:
            return Decision(False, f"{action} needs role(s) {_names(holding)} to act for a "
                                   f"{_levels(holding)}, but jurisdiction {principal.jurisdiction} is a "
                                   f"{level.value if level else 'malformed code'}")
        if action in self.unscoped:
            return Decision(True, f"{action} granted to {_names(fitting)}")
        if target_division is None:
            return Decision(False, f"{action} acts on a division, and none was given (denied by default)")
        problem = problem_with(target_division)
        if problem:
            return Decision(False, f"{action}: target division {target_division!r} {problem}")
        if not within(target_division, principal.jurisdiction):
            return Decision(False, f"{action}: target division {target_division} lies outside the "
                                   f"caller's jurisdiction {principal.jurisdiction}")
        return Decision(True, f"{action} granted to {_names(fitting)} within {principal.jurisdiction}")

    def authorize(self, principal: "Principal", action: str, target_division: str | None) -> None:
        decision = self.decide(principal, action, target_division)
        if not decision.allowed:
            raise PermissionDenied(f"permission denied: {decision.reason}")


def _names(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles))


def _levels(roles: Iterable[Role]) -> str:
    levels = {level for r in roles for level in ROLE_LEVELS[r]}
    return " or ".join(sorted(level.value for level in levels))


DEFAULT_POLICY = Policy(DEFAULT_TABLE, DEFAULT_UNSCOPED)


def decide(principal: "Principal", action: str, target_division: str | None,
           policy: Policy = DEFAULT_POLICY) -> Decision:
    return policy.decide(principal, action, target_division)


def authorize(principal: "Principal", action: str, target_division: str | None,
              policy: Policy = DEFAULT_POLICY) -> None:
    """Raises chassis.errors.PermissionDenied naming the action and why."""
    policy.authorize(principal, action, target_division)
