"""The role x action x jurisdiction matrix, deny by default, and the
structural rules any extension of the table must keep."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.errors import PermissionDenied
from chassis.security.jurisdiction import Level, is_division_code, level_of, problem_with, within
from chassis.security.policy import (DEFAULT_POLICY, Policy, PolicyError, Role, authorize, decide,
                                     is_read_action)
from chassis.security.tokens import Principal

# Written out by hand from the issue and DOMAIN.md, independently of the table
# in chassis.security.policy: a change to who may do what must change both.
READS = {
    "registry.household.read", "registry.history.read", "registry.notice.read", "registry.survey.read",
    "registry.division.read", "cadres.support_unit.read", "cadres.pairing.read", "cadres.plan.read",
    "cadres.cadre.read", "cadres.stationing.read", "cadres.attendance.read", "cadres.leave.read",
    "funds.source.read", "funds.allocation.read", "funds.project.read", "funds.village.read",
    "assessment.village_summary.read", "assessment.score.read", "assessment.ranking.read", "assessment.flag.read",
}
OFFICE_READS = {"cadres.inspection.read", "cadres.complaint.read", "funds.source_mix.read", "funds.idle.read"}
EXPECTED: dict[Role, set[str]] = {
    Role.VILLAGE_CADRE: READS | {
        "registry.household.read_personal", "registry.household.submit", "registry.household.resubmit",
        "registry.objection.record", "registry.step.decide.village_verification",
        "registry.step.decide.village_discussion", "registry.step.decide.exit_village_confirmation",
        "registry.survey.record", "registry.exit.propose", "registry.exit.confirm", "cadres.attendance.record",
        "cadres.leave.request", "cadres.complaint.record", "funds.project.create", "funds.project.complete",
        "funds.collective_income.record"},
    Role.TOWNSHIP_REVIEWER: READS | OFFICE_READS | {
        "registry.household.read_personal", "registry.objection.record", "registry.step.decide.township_review",
        "cadres.complaint.record", "funds.collective_income.record"},
    Role.COUNTY_APPROVER: READS | OFFICE_READS | {
        "registry.household.read_personal", "registry.step.decide.county_approval",
        "registry.step.decide.exit_county_confirmation", "registry.exit.confirm",
        "registry.household.return_to_poverty", "cadres.leave.decide", "cadres.complaint.record",
        "cadres.complaint.resolve", "funds.source.create", "funds.receipt.record", "funds.allocate",
        "funds.project.create", "funds.project.complete", "funds.commit", "funds.disburse",
        "funds.disbursement.reverse", "funds.collective_income.record"},
    Role.PREFECTURE_REGISTRAR: READS | OFFICE_READS | {
        "registry.household.read_personal", "registry.step.decide.prefecture_registration",
        "registry.household.register", "funds.source.create", "funds.receipt.record", "funds.allocate"},
    Role.PROVINCIAL_OFFICE: READS | OFFICE_READS | {
        "registry.household.read_personal", "registry.household.register", "registry.division.load",
        "registry.audit.read", "cadres.audit.read", "funds.audit.read", "assessment.audit.read",
        "assessment.province_figures.read", "assessment.rubric.publish", "cadres.support_unit.register",
        "cadres.support_unit.change_leader", "cadres.pairing.create", "cadres.pairing.end", "cadres.cadre.register",
        "cadres.cadre.withdraw", "cadres.inspection.record", "cadres.complaint.resolve", "funds.source.create",
        "funds.receipt.record", "funds.allocate", "funds.disbursement.reverse"},
    Role.SUPPORT_UNIT: READS | {"cadres.inspection.read", "cadres.complaint.read", "funds.idle.read",
                                "cadres.plan.adopt", "cadres.cadre.register", "cadres.cadre.station",
                                "cadres.cadre.withdraw", "cadres.cadre.rotate", "cadres.leave.decide",
                                "funds.source.create", "funds.receipt.record", "funds.allocate",
                                "funds.project.create", "funds.project.complete", "funds.commit",
                                "funds.disburse"},
    Role.AUDITOR: {a for a in DEFAULT_POLICY.actions if a.rsplit(".", 1)[-1].startswith("read")},
    Role.COUNTY_SYSTEM: {"registry.submission.ingest"},
    Role.OPERATOR: {"ops.health", "ops.metrics"},
}
# Not confined to the caller's place: published rankings, reference data, operations.
UNSCOPED = {"ops.health", "ops.metrics", "assessment.ranking.read", "registry.division.read"}

# Each role's jurisdiction, a target inside it and one outside it.
PLACES: dict[Role, tuple[str, str, str]] = {
    Role.VILLAGE_CADRE: ("441826100201", "441826100201", "441826100202"),
    Role.TOWNSHIP_REVIEWER: ("441826100000", "441826100201", "441826101201"),
    Role.COUNTY_APPROVER: ("441826000000", "441826100201", "441825100201"),
    Role.PREFECTURE_REGISTRAR: ("441800000000", "441826100201", "441900100201"),
    Role.PROVINCIAL_OFFICE: ("440000000000", "441826100201", "450000100201"),
    Role.SUPPORT_UNIT: ("441826100201", "441826100201", "441826100202"),
    Role.AUDITOR: ("440000000000", "441826100201", "450000100201"),
    Role.COUNTY_SYSTEM: ("441826000000", "441826100201", "441827100201"),
    Role.OPERATOR: ("440000000000", "441826100201", "450000100201"),
}
ALL_ACTIONS = sorted(DEFAULT_POLICY.actions)


def principal(role: Role, jurisdiction: str | None = None) -> Principal:
    return Principal(f"{role.value}-1", "agency", frozenset({role}), jurisdiction or PLACES[role][0])


def test_the_hand_written_matrix_covers_exactly_the_table() -> None:
    granted_somewhere = set().union(*EXPECTED.values())

    assert granted_somewhere == set(DEFAULT_POLICY.actions)
    assert DEFAULT_POLICY.unscoped == UNSCOPED


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("action", ALL_ACTIONS)
@pytest.mark.parametrize("where", ["inside", "outside"])
def test_every_role_action_and_place_is_decided_as_the_issue_says(role: Role, action: str, where: str) -> None:
    jurisdiction, inside, outside = PLACES[role]
    target = inside if where == "inside" else outside

    decision = decide(principal(role), action, None if action in UNSCOPED else target)

    expected = action in EXPECTED[role] and (where == "inside" or action in UNSCOPED)
    assert decision.allowed is expected, decision.reason


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_an_action_missing_from_the_table_is_denied_to_everyone(role: Role) -> None:
    decision = decide(principal(role), "registry.household.delete_everything", PLACES[role][1])

    assert not decision.allowed
    assert decision.reason == "registry.household.delete_everything is not a known action (denied by default)"


def test_the_auditor_reads_everywhere_in_the_province_and_writes_nothing() -> None:
    auditor = principal(Role.AUDITOR)

    assert all(decide(auditor, a, "441826100201").allowed for a in DEFAULT_POLICY.actions if is_read_action(a))
    assert not any(decide(auditor, a, "441826100201").allowed for a in DEFAULT_POLICY.actions
                   if not is_read_action(a))


def test_a_county_system_may_ingest_only_for_villages_of_its_own_county() -> None:
    system = principal(Role.COUNTY_SYSTEM, "441826000000")

    assert decide(system, "registry.submission.ingest", "441826100201").allowed
    outside = decide(system, "registry.submission.ingest", "441827100201")
    assert not outside.allowed
    assert "lies outside the caller's jurisdiction 441826000000" in outside.reason


def test_a_role_holding_a_jurisdiction_broader_than_its_level_is_granted_nothing() -> None:
    # A mis-issued token must not widen a village cadre to a whole county.
    cadre_with_county = principal(Role.VILLAGE_CADRE, "441826000000")

    decision = decide(cadre_with_county, "registry.household.submit", "441826100201")

    assert not decision.allowed
    assert "village" in decision.reason and "441826000000 is a county" in decision.reason


def test_a_territorial_action_without_a_target_division_is_denied() -> None:
    decision = decide(principal(Role.COUNTY_APPROVER), "registry.household.read", None)

    assert not decision.allowed and "none was given" in decision.reason


@pytest.mark.parametrize("target", ["44182610020", "4418261002011", "44182610020X", "441800100201"])
def test_a_malformed_target_division_is_denied(target: str) -> None:
    decision = decide(principal(Role.PROVINCIAL_OFFICE), "registry.household.read", target)

    assert not decision.allowed and "target division" in decision.reason


def test_several_roles_in_one_token_grant_the_union_of_their_actions() -> None:
    both = Principal("x", "agency", frozenset({Role.AUDITOR, Role.OPERATOR}), "440000000000")

    assert decide(both, "ops.metrics", None).allowed
    assert decide(both, "registry.household.read", "441826100201").allowed
    assert not decide(both, "registry.household.submit", "441826100201").allowed


def test_authorize_raises_permission_denied_naming_the_action_and_why() -> None:
    with pytest.raises(PermissionDenied) as lacking:
        authorize(principal(Role.TOWNSHIP_REVIEWER), "registry.step.decide.county_approval", "441826100201")
    with pytest.raises(PermissionDenied) as outside:
        authorize(principal(Role.COUNTY_APPROVER), "registry.step.decide.county_approval", "441825100201")

    assert lacking.value.message == ("permission denied: registry.step.decide.county_approval is not granted to "
                                     "role(s) township_reviewer")
    assert outside.value.message == ("permission denied: registry.step.decide.county_approval: target division "
                                     "441825100201 lies outside the caller's jurisdiction 441826000000")


def test_authorize_lets_an_allowed_call_through() -> None:
    assert authorize(principal(Role.COUNTY_APPROVER), "registry.step.decide.county_approval", "441826100201") is None


def test_a_service_extends_the_table_and_auditors_get_its_reads_automatically() -> None:
    policy = DEFAULT_POLICY.extended({"cadres.report.read": {Role.COUNTY_APPROVER},
                                      "cadres.report.write": {Role.COUNTY_APPROVER}})

    assert decide(principal(Role.AUDITOR), "cadres.report.read", "441826100201", policy).allowed
    assert not decide(principal(Role.AUDITOR), "cadres.report.write", "441826100201", policy).allowed
    assert decide(principal(Role.COUNTY_APPROVER), "cadres.report.write", "441826100201", policy).allowed
    assert not decide(principal(Role.COUNTY_APPROVER), "cadres.report.write", "441826100201").allowed


@pytest.mark.parametrize("table, problem", [
    ({"funds.disburse": {Role.AUDITOR}}, "auditors are read-only, yet hold 'funds.disburse'"),
    ({"registry.household.read": {Role.OPERATOR}}, "operator may hold only its own actions"),
    ({"registry.household.submit": {Role.COUNTY_SYSTEM}}, "county_system may hold only its own actions"),
    ({"Registry Household": {Role.VILLAGE_CADRE}}, "must read <service>.<thing>.<verb>"),
])
def test_an_extension_breaking_a_structural_rule_refuses_to_load(table: dict[str, set[Role]], problem: str) -> None:
    with pytest.raises(PolicyError, match=problem):
        DEFAULT_POLICY.extended(table)


def test_an_unscoped_action_must_be_in_the_table() -> None:
    with pytest.raises(PolicyError, match="unscoped action 'ops.logs' is not in the table"):
        Policy({"ops.health": {Role.OPERATOR}}, unscoped={"ops.logs"})


# ---------------------------------------------------------------- jurisdiction codes

@pytest.mark.parametrize("code, level", [
    ("440000000000", Level.PROVINCE), ("441800000000", Level.CITY), ("441826000000", Level.COUNTY),
    ("441826100000", Level.TOWNSHIP), ("441826100201", Level.VILLAGE),
])
def test_a_code_ending_in_zeros_names_the_division_of_its_last_set_level(code: str, level: Level) -> None:
    assert level_of(code) is level


@pytest.mark.parametrize("target, caller, expected", [
    ("441826100201", "441826100201", True),
    ("441826100201", "441826100000", True),
    ("441826100201", "441826000000", True),
    ("441826100201", "441800000000", True),
    ("441826100201", "440000000000", True),
    ("441826100000", "441826100201", False),   # a township does not lie within one of its villages
    ("441826101201", "441826100000", False),
    ("441827100201", "441826000000", False),
    ("451826100201", "440000000000", False),
    ("441826100201", "44182610020", False),    # malformed caller
    ("4418261002", "441826000000", False),     # malformed target
])
def test_a_division_lies_within_its_ancestors_only(target: str, caller: str, expected: bool) -> None:
    assert within(target, caller) is expected


def _codes() -> st.SearchStrategy[str]:
    def build(parts: list[int], depth: int) -> str:
        widths = (2, 2, 2, 3, 3)
        kept = [p if i < depth else 0 for i, p in enumerate(parts)]
        return "".join(str(p).zfill(w) for p, w in zip(kept, widths))
    return st.builds(build, st.tuples(st.integers(1, 99), st.integers(1, 99), st.integers(1, 99),
                                      st.integers(1, 999), st.integers(1, 999)).map(list), st.integers(1, 5))


@settings(max_examples=200, deadline=None)
@given(_codes(), _codes(), _codes())
def test_lying_within_is_reflexive_and_transitive_and_follows_the_prefix(a: str, b: str, c: str) -> None:
    assert is_division_code(a) and problem_with(a) is None
    assert within(a, a)
    if within(a, b) and within(b, c):
        assert within(a, c)
    if within(a, b) and within(b, a):
        assert a == b
