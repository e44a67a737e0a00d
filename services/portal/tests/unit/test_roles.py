from chassis.security.testing import principal_for

from portal.domain import roles


def test_each_deciding_role_is_offered_exactly_its_own_workflow_steps() -> None:
    assert roles.steps_for(principal_for("county_approver").roles) == ("county_approval",)
    assert roles.steps_for(principal_for("township_reviewer").roles) == ("township_review",)
    assert roles.steps_for(principal_for("village_cadre").roles) == ("village_verification", "village_discussion")


def test_auditors_and_the_provincial_office_are_offered_no_decisions() -> None:
    assert not roles.may_decide(principal_for("auditor"))
    assert not roles.may_decide(principal_for("provincial_office"))


def test_support_units_see_id_numbers_masked_while_officials_of_the_village_see_them_whole() -> None:
    village = "441826100201"
    assert not roles.sees_full_id_numbers(principal_for("support_unit", village), village)
    assert roles.sees_full_id_numbers(principal_for("county_approver"), village)
    assert not roles.sees_full_id_numbers(principal_for("county_approver", "441825000000"), village)


def test_the_county_confirms_exits_at_its_step_and_the_village_at_its_own() -> None:
    assert roles.exit_steps_for(principal_for("county_approver").roles) == ("exit_county_confirmation",)
    assert roles.exit_steps_for(principal_for("village_cadre").roles) == ("exit_village_confirmation",)
    assert roles.exit_steps_for(principal_for("township_reviewer").roles) == ()


def test_every_exit_step_offered_to_a_role_is_one_the_policy_lets_that_role_decide() -> None:
    for role, steps in roles.EXIT_STEPS_CONFIRMED_BY.items():
        principal = principal_for(role.value)
        for step in steps:
            assert roles.may_read(principal, f"registry.step.decide.{step}", principal.jurisdiction), (role, step)
