"""The supervision portal against the four real services (one world per
module, the scenario of tests/portal_scenario.py): every page renders from
the services' own answers, within the signed-in official's jurisdiction."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from flask.testing import FlaskClient

import portal_scenario as s
from chassis.security.testing import token_for

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def world(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[s.World]:
    with s.start_world(postgres_base_url, kafka_bootstrap, pending=3, watched=True) as running:
        yield running


def csrf_of(client: FlaskClient, path: str = "/login") -> str:
    found = CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def signed_in(world: s.World, role: str, jurisdiction: str | None = None, portal: Any = None) -> FlaskClient:
    from portal.entrypoints.web import create_app

    client = create_app(portal or world.portal).test_client()
    answer = client.post("/login", data={"token": token_for(role, jurisdiction), "csrf_token": csrf_of(client)})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def page(client: FlaskClient, path: str, status: int = 200) -> str:
    answer = client.get(path)
    text = answer.get_data(as_text=True)
    assert answer.status_code == status, f"{path}: {answer.status_code} {text[:2000]}"
    return text


def test_the_provincial_office_sees_the_province_overview_with_its_cities_and_the_income_chart(
        world: s.World) -> None:
    client = signed_in(world, "provincial_office", s.PROVINCE)
    text = page(client, "/")
    assert "Overview of Guangdong" in text and "Qingyuan" in text
    # Registered counts every household that entered the register, the exited one too.
    registered = sum(len(ids) for ids in world.scenario.registered.values()) + len(world.scenario.at_risk)
    assert re.search(rf'data-testid="registered-households">{registered}<', text)
    assert "<dt>Households exited</dt><dd>1<" in text and "<dt>Households at risk</dt><dd>1<" in text
    assert 'data-chart="income-by-year"' in text and 'data-chart="people-by-city"' in text


def registry_status(world: s.World, household_id: str) -> tuple[str, str]:
    from shuangdao.registry.v1 import registry_pb2 as R

    household = s.registry_stub(world.services["registry"], "provincial_office", s.PROVINCE).GetHousehold(
        R.GetHouseholdRequest(household_id=household_id), timeout=10)
    return household.status, R.WorkflowStep.Name(household.current_step)


def test_the_provincial_office_drills_down_from_the_province_to_a_village_and_its_households(
        world: s.World) -> None:
    client = signed_in(world, "provincial_office", s.PROVINCE)
    assert "Qingyuan" in page(client, f"/divisions/{s.PROVINCE}")
    city = page(client, f"/divisions/{s.CITY}")
    assert "Liannan Yao Autonomous County" in city and "Lianshan" in city
    county = page(client, f"/divisions/{s.LIANNAN}")
    assert "Sanpai Town" in county and 'data-chart="households-below"' in county
    assert "Sanpai" in page(client, f"/divisions/{s.SANPAI_TOWN}")
    village = page(client, f"/divisions/{s.SANPAI}")
    for household_id in world.scenario.registered[s.SANPAI]:
        assert f"/households/{household_id}" in village
    assert "Guangdong" in village and "Qingyuan" in village  # the breadcrumbs name the way there
    assert "Lists carry no names or ID numbers" in village


ROW = re.compile(r'<a href="/divisions/(\d{12})">[^<]*</a></th>' + r'\s*<td class="num">(\d+)</td>' * 8)


def test_a_division_page_shows_for_itself_and_each_division_below_the_figures_the_registry_lists(
        world: s.World) -> None:
    from shuangdao.registry.v1 import registry_pb2 as R

    stub = s.registry_stub(world.services["registry"], "provincial_office", s.PROVINCE)

    def listed(code: str) -> tuple[int, ...]:
        totals = {status: stub.ListHouseholds(R.ListHouseholdsRequest(division_code=code, status=status, page_size=1),
                                              timeout=10)
                  for status in ("registered", "exited", "exit_proposed", "pending", "sent_back")}
        # At risk cuts across statuses: the households whose file carries a risk flag.
        at_risk = sum(1 for h in all_listed(code) if h.risk_category)
        return (totals["registered"].total_size, totals["registered"].total_people, totals["exited"].total_size,
                totals["exited"].total_people, totals["exit_proposed"].total_size, totals["pending"].total_size,
                totals["sent_back"].total_size, at_risk)

    def all_listed(code: str) -> list[Any]:
        found, token = [], ""
        while True:
            answer = stub.ListHouseholds(R.ListHouseholdsRequest(division_code=code, page_size=500, page_token=token),
                                         timeout=10)
            found += list(answer.households)
            if not answer.next_page_token:
                return found
            token = answer.next_page_token

    client = signed_in(world, "provincial_office", s.PROVINCE)
    seen: list[tuple[int, ...]] = []
    for code in (s.LIANNAN, s.SANPAI_TOWN, s.CITY, s.LIANSHAN_TOWN):
        text = page(client, f"/divisions/{code}")
        rows = {m.group(1): tuple(int(n) for n in m.groups()[1:]) for m in ROW.finditer(text)}
        assert set(rows) == {d.code for d in divisions_below(world, code)}, rows
        assert rows == {child: listed(child) for child in rows}
        seen += rows.values()
        own = listed(code)
        for testid, expected in (("registered-households", own[0]), ("exit-proposed-households", own[4]),
                                 ("sent-back-households", own[6]), ("at-risk-households", own[7])):
            shown = re.search(rf'data-testid="{testid}">(\d+)<', text)
            assert shown and int(shown.group(1)) == expected, testid
    # Every column was somewhere more than zero: registered, exits proposed,
    # pending and sent-back applications, households at risk (not people columns).
    assert all(any(row[column] for row in seen) for column in (0, 1, 2, 4, 5, 6, 7)), seen


def test_a_county_approver_lands_on_their_county_and_sees_only_it(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    landing = client.get("/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith(f"/divisions/{s.LIANNAN}")
    own = page(client, f"/divisions/{s.LIANNAN}")
    assert "Liannan Yao Autonomous County" in own and "Lianshan" not in own
    assert "Not within your jurisdiction" in page(client, f"/divisions/{s.LIANSHAN}", 403)
    page(client, f"/divisions/{s.LIANSHAN_VILLAGE}", 403)
    page(client, f"/divisions/{s.PROVINCE}", 403)
    page(client, f"/households/{world.scenario.registered[s.LIANSHAN_VILLAGE][0]}", 403)
    page(client, f"/funds?division={s.LIANSHAN}", 403)
    page(client, f"/households/{world.scenario.registered[s.SANPAI][0]}")


def test_the_work_queue_lists_only_the_applications_at_the_callers_step_within_their_jurisdiction(
        world: s.World) -> None:
    liannan = page(signed_in(world, "county_approver", s.LIANNAN), "/queue")
    for household_id in world.scenario.pending:
        assert f'data-household="{household_id}"' in liannan
    lianshan = page(signed_in(world, "county_approver", s.LIANSHAN), "/queue")
    assert not any(household_id in lianshan for household_id in world.scenario.pending)
    assert 'data-testid="queue-size">0<' in lianshan
    township = page(signed_in(world, "township_reviewer", s.SANPAI_TOWN), "/queue")
    assert 'data-testid="queue-size">0<' in township  # they are past the township's step


def test_an_auditor_sees_the_whole_province_and_is_offered_no_decision(world: s.World) -> None:
    client = signed_in(world, "auditor", s.PROVINCE)
    assert "Overview of Guangdong" in page(client, "/")
    assert "Jitian Village 1" in page(client, f"/divisions/{s.LIANSHAN_TOWN}")
    assert "Lianshan" in page(client, f"/divisions/{s.CITY}")
    household = page(client, f"/households/{world.scenario.pending[-1]}")
    assert "Approve" not in household and "Work queue" not in household
    assert "Your role decides no step" in page(client, "/queue")


def test_a_forged_decision_posted_by_an_auditor_is_refused_by_the_registry_and_changes_nothing(
        world: s.World) -> None:
    client = signed_in(world, "auditor", s.PROVINCE)
    target = world.scenario.pending[-1]
    before = registry_status(world, target)
    answer = client.post(f"/queue/{target}/decision", data={
        "csrf_token": csrf_of(client, "/"), "step": "county_approval", "decision": "approve", "reason": ""})
    assert answer.status_code == 403, answer.get_data(as_text=True)[:500]
    assert "permission denied" in answer.get_data(as_text=True)
    assert registry_status(world, target) == before == ("pending", "WORKFLOW_STEP_COUNTY_APPROVAL")


def test_a_post_without_the_sessions_csrf_token_is_refused_and_changes_nothing(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    target = world.scenario.pending[-1]
    for token in ("", "forged-token"):
        answer = client.post(f"/queue/{target}/decision", data={
            "csrf_token": token, "step": "county_approval", "decision": "approve"})
        assert answer.status_code == 400 and "not sent from this portal" in answer.get_data(as_text=True)
    assert registry_status(world, target) == ("pending", "WORKFLOW_STEP_COUNTY_APPROVAL")
    other = signed_in(world, "county_approver", s.LIANNAN)  # another session's token is no good either
    answer = client.post(f"/queue/{target}/decision", data={
        "csrf_token": csrf_of(other, "/queue"), "step": "county_approval", "decision": "approve"})
    assert answer.status_code == 400
    assert registry_status(world, target) == ("pending", "WORKFLOW_STEP_COUNTY_APPROVAL")


def test_approving_from_the_queue_moves_the_application_on_and_shrinks_the_queue(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    target = world.scenario.pending[0]
    queue = page(client, "/queue")
    size = int(re.search(r'data-testid="queue-size">(\d+)<', queue).group(1))  # type: ignore[union-attr]
    answer = client.post(f"/queue/{target}/decision", data={
        "csrf_token": csrf_of(client, "/queue"), "step": "county_approval", "decision": "approve", "reason": ""})
    assert answer.status_code == 302
    after = page(client, "/queue")
    assert f'data-testid="queue-size">{size - 1}<' in after and target not in after.split("<table")[1]
    assert "approve recorded" in after
    assert registry_status(world, target) == ("pending", "WORKFLOW_STEP_PREFECTURE_REGISTRATION")


def test_rejecting_or_sending_back_without_a_reason_is_refused_before_the_registry_is_asked(
        world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    target = world.scenario.pending[-1]
    for decision in ("reject", "send_back"):
        answer = client.post(f"/queue/{target}/decision", data={
            "csrf_token": csrf_of(client, "/queue"), "step": "county_approval", "decision": decision,
            "reason": "  "}, follow_redirects=True)
        assert "reason is required to reject or send back" in answer.get_data(as_text=True)
    assert registry_status(world, target) == ("pending", "WORKFLOW_STEP_COUNTY_APPROVAL")


def test_id_numbers_are_masked_for_a_support_unit_and_whole_for_the_county(world: s.World) -> None:
    from shuangdao.registry.v1 import registry_pb2 as R

    household_id = world.scenario.registered[s.SANPAI][0]
    whole = s.registry_stub(world.services["registry"], "county_approver", s.LIANNAN).GetHousehold(
        R.GetHouseholdRequest(household_id=household_id), timeout=10).members[0].national_id
    assert "*" not in whole
    assert whole in page(signed_in(world, "county_approver", s.LIANNAN), f"/households/{household_id}")
    masked = page(signed_in(world, "support_unit", s.SANPAI), f"/households/{household_id}")
    assert whole not in masked and f"{whole[:6]}********{whole[-4:]}" in masked


def test_the_household_file_shows_its_survey_history_and_workflow_history(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    text = page(client, f"/households/{world.scenario.registered[s.SANPAI][1]}")
    assert "4,100.00" in text  # the scenario's survey: 410,000 fen per head
    assert 'data-chart="household-income"' in text and "survey recorded" in text
    pending = page(client, f"/households/{world.scenario.pending[-1]}")
    assert "village verification" in pending and "township review" in pending and "scenario-township" in pending


def test_rankings_show_scores_grades_and_names_and_filter_by_division(world: s.World) -> None:
    client = signed_in(world, "provincial_office", s.PROVINCE)
    text = page(client, "/rankings?kind=village")
    assert "Sanpai" in text and "Jitian Village 1" in text and 'data-chart="ranking-scores"' in text
    assert re.search(r'class="grade grade-(excellent|good|average|poor)"', text)
    within = page(client, f"/rankings?kind=village&division={s.LIANSHAN}")
    assert "Jitian Village 1" in within and "Sanpai" not in within.split("<table")[1]
    assert "must be one of" in page(client, "/rankings?kind=planet", 400)


def test_a_score_page_breaks_the_score_down_indicator_by_indicator(world: s.World) -> None:
    text = page(signed_in(world, "county_approver", s.LIANNAN), f"/scores/village/{s.SANPAI}")
    assert 'data-testid="score"' in text and 'data-chart="indicator-points"' in text
    assert text.count("<th scope=\"row\">") >= 3  # one row per indicator


def test_the_cadre_page_shows_the_months_attendance_calendar_leave_and_inspections(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    text = page(client, f"/cadres/{world.scenario.cadre_id}?month={world.scenario.month}")
    assert "Li Hua" in text and 'data-testid="calendar"' in text and "In village" in text
    assert "Leave requested and decided" in text and "Unannounced inspections" in text
    assert "must read YYYY-MM" in page(client, f"/cadres/{world.scenario.cadre_id}?month=2026-13", 400)
    cadre = page(signed_in(world, "village_cadre", s.SANJIANG_1), f"/cadres/{world.scenario.cadre_id}")
    assert "Inspections are not visible to your role" in cadre


def test_the_funds_page_shows_the_source_mix_utilisation_by_village_and_idle_allocations(world: s.World) -> None:
    text = page(signed_in(world, "county_approver", s.LIANNAN), f"/funds?division={s.LIANNAN}")
    assert 'data-chart="source-mix"' in text and "support unit" in text
    assert 'data-testid="utilisation"' in text and "Sanpai" in text and "Sanjiang Village 1" in text
    assert 'data-testid="idle"' in text
    assert "5,876,000.00" in text  # the bureau's 5.876 million yuan, exactly
    province = page(signed_in(world, "provincial_office", s.PROVINCE), "/funds")
    assert "Choose a county" in province


def test_signing_in_with_an_expired_or_forged_token_is_refused_with_a_clear_message(world: s.World) -> None:
    from datetime import UTC, datetime, timedelta

    from portal.entrypoints.web import create_app

    client = create_app(world.portal).test_client()
    expired = token_for("county_approver", s.LIANNAN, now=datetime.now(UTC) - timedelta(hours=3))
    answer = client.post("/login", data={"token": expired, "csrf_token": csrf_of(client)})
    assert answer.status_code == 401 and "token has expired" in answer.get_data(as_text=True)
    answer = client.post("/login", data={"token": "not.a.jwt", "csrf_token": csrf_of(client)})
    assert answer.status_code == 401 and "not accepted" in answer.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_a_session_whose_token_expires_goes_back_to_sign_in_and_sign_out_ends_it(world: s.World) -> None:
    from datetime import UTC, datetime, timedelta

    client = signed_in(world, "county_approver", s.LIANNAN)
    page(client, f"/divisions/{s.LIANNAN}")
    with client.session_transaction() as session:
        session["token"] = token_for("county_approver", s.LIANNAN, now=datetime.now(UTC) - timedelta(hours=3))
    answer = client.get(f"/divisions/{s.LIANNAN}", follow_redirects=True)
    assert "Your sign-in has ended: token has expired" in answer.get_data(as_text=True)
    client = signed_in(world, "county_approver", s.LIANNAN)
    assert "Signed in as" in page(client, f"/divisions/{s.LIANNAN}")
    client.post("/logout", data={"csrf_token": csrf_of(client, f"/divisions/{s.LIANNAN}")})
    answer = client.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_pages_need_a_sign_in_and_the_session_cookie_is_httponly_and_samesite(world: s.World) -> None:
    from portal.entrypoints.web import create_app

    client = create_app(world.portal).test_client()
    answer = client.get(f"/divisions/{s.LIANNAN}")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    cookie = client.get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    login = client.get("/login")
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]
    assert login.headers["Cache-Control"] == "no-store"


def test_sign_in_returns_only_to_a_path_of_the_portal(world: s.World) -> None:
    from portal.entrypoints.web import create_app

    client = create_app(world.portal).test_client()
    answer = client.post("/login", data={"token": token_for("auditor", s.PROVINCE), "csrf_token": csrf_of(client),
                                         "next": "https://elsewhere.example/"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_development_sign_in_is_off_unless_a_key_is_configured(world: s.World, tmp_path: Any) -> None:
    from chassis.security.testing import session_issuer
    from chassis.security.tokens import private_pem
    from portal.bootstrap import bootstrap
    from portal.config import Settings
    from portal.entrypoints.web import create_app

    assert create_app(world.portal).test_client().get("/dev-signin").status_code == 404
    key = tmp_path / "jwt-private.pem"
    key.write_bytes(private_pem(session_issuer().private_key))
    targets = {name: service.grpc_target for name, service in world.services.items()}
    dev = bootstrap(Settings(targets=targets, dev_signin_key=key))
    try:
        client = create_app(dev).test_client()
        form = page(client, "/dev-signin")
        assert "DEVELOPMENT ONLY" in form
        answer = client.post("/dev-signin", data={"role": "county_approver", "jurisdiction": s.PROVINCE,
                                                  "csrf_token": csrf_of(client, "/dev-signin")})
        assert answer.status_code == 400  # a county approver acts for a county
        answer = client.post("/dev-signin", data={"role": "county_approver", "jurisdiction": s.LIANNAN,
                                                  "csrf_token": csrf_of(client, "/dev-signin")})
        assert answer.status_code == 302
        assert "Liannan Yao Autonomous County" in page(client, f"/divisions/{s.LIANNAN}")
    finally:
        dev.close()


def test_the_portal_is_ready_only_while_the_four_services_answer_health_checks(world: s.World) -> None:
    from portal.entrypoints.web import create_app

    answer = create_app(world.portal).test_client().get("/readyz")
    assert answer.status_code == 200
    assert answer.get_json()["checks"] == {"registry": True, "assessment": True, "funds": True, "cadres": True,
                                           "accepting": True}


def test_a_household_that_does_not_exist_is_a_404_page(world: s.World) -> None:
    import uuid

    text = page(signed_in(world, "county_approver", s.LIANNAN), f"/households/{uuid.uuid4()}", 404)
    assert "<h1>Not found</h1>" in text


def test_a_county_officials_ranking_opens_on_their_county_and_the_province_is_one_choice_away(
        world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANSHAN)
    own = page(client, "/rankings?kind=village").split("<table")[1]
    assert "Jitian Village 1" in own and "Sanpai" not in own
    everywhere = page(client, "/rankings?kind=village&division=").split("<table")[1]
    assert "Jitian Village 1" in everywhere and "Sanpai Village" in everywhere


# ---------------------------------------------------------------------------- exits in the work queue

def exit_queue_size(text: str) -> int:
    found = re.search(r'data-testid="exit-queue-size">(\d+)<', text)
    assert found, "no exit queue on the page"
    return int(found.group(1))


def exit_table(text: str) -> str:
    return text.split('data-testid="exit-queue"')[1].split("</table>")[0]


def test_the_county_approvers_queue_holds_the_exit_proposals_awaiting_the_countys_confirmation(
        world: s.World) -> None:
    liannan = page(signed_in(world, "county_approver", s.LIANNAN), "/queue")
    for household_id in world.scenario.exits:
        assert f'data-exit="{household_id}"' in exit_table(liannan)
    assert "Sanpai Village" in exit_table(liannan) and "exit county confirmation" in exit_table(liannan)
    assert exit_queue_size(page(signed_in(world, "county_approver", s.LIANSHAN), "/queue")) == 0
    village = page(signed_in(world, "village_cadre", s.SANPAI), "/queue")
    assert exit_queue_size(village) == 0  # the village has confirmed them: they wait at the county
    assert "Exit proposals" not in page(signed_in(world, "township_reviewer", s.SANPAI_TOWN), "/queue")


def test_confirming_an_exit_from_the_queue_exits_the_household_and_shrinks_the_exit_queue(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    target = world.scenario.exits[0]
    size = exit_queue_size(page(client, "/queue"))
    answer = client.post(f"/queue/{target}/exit", data={
        "csrf_token": csrf_of(client, "/queue"), "step": "exit_county_confirmation", "decision": "approve",
        "reason": ""})
    assert answer.status_code == 302
    after = page(client, "/queue")
    assert exit_queue_size(after) == size - 1 and target not in exit_table(after)
    assert "exit confirmed" in after
    assert registry_status(world, target) == ("exited", "WORKFLOW_STEP_UNSPECIFIED")


def test_rejecting_an_exit_needs_a_reason_and_then_leaves_the_household_registered(world: s.World) -> None:
    client = signed_in(world, "county_approver", s.LIANNAN)
    target = world.scenario.exits[-1]
    form = {"step": "exit_county_confirmation", "decision": "reject", "reason": " "}
    answer = client.post(f"/queue/{target}/exit", data={**form, "csrf_token": csrf_of(client, "/queue")},
                         follow_redirects=True)
    assert "reason is required to reject an exit" in answer.get_data(as_text=True)
    assert registry_status(world, target) == ("exit_proposed", "WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION")
    answer = client.post(f"/queue/{target}/exit", data={**form, "decision": "send_back", "reason": "why not",
                                                        "csrf_token": csrf_of(client, "/queue")},
                         follow_redirects=True)
    assert "decision must be one of approve, reject" in answer.get_data(as_text=True)  # exits are never sent back
    size = exit_queue_size(page(client, "/queue"))
    answer = client.post(f"/queue/{target}/exit", data={
        **form, "reason": "the 2025 survey missed the loss of the harvest", "csrf_token": csrf_of(client, "/queue")},
        follow_redirects=True)
    text = answer.get_data(as_text=True)
    assert "exit rejected" in text and exit_queue_size(text) == size - 1 and target not in exit_table(text)
    assert registry_status(world, target) == ("registered", "WORKFLOW_STEP_UNSPECIFIED")


def fresh_exit_proposal(world: s.World) -> str:
    """A household of Sanpai proposed for exit and confirmed by the village,
    independent of what the other tests did with the scenario's."""
    registry = world.services["registry"]
    household_id = s.register(registry, s.SANPAI, 1)[0]
    from datetime import datetime

    s.survey(registry, s.SANPAI, household_id, datetime.now(s.LOCAL).year - 1, 400_000)
    s.propose_exits(registry, s.SANPAI, [household_id])
    return household_id


def test_an_exit_confirmation_without_the_csrf_token_or_by_an_auditor_is_refused_and_changes_nothing(
        world: s.World) -> None:
    target = fresh_exit_proposal(world)
    before = registry_status(world, target)
    assert before == ("exit_proposed", "WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION")
    client = signed_in(world, "county_approver", s.LIANNAN)
    for token in ("", "forged-token"):
        answer = client.post(f"/queue/{target}/exit", data={
            "csrf_token": token, "step": "exit_county_confirmation", "decision": "approve"})
        assert answer.status_code == 400 and "not sent from this portal" in answer.get_data(as_text=True)
    auditor = signed_in(world, "auditor", s.PROVINCE)
    answer = auditor.post(f"/queue/{target}/exit", data={
        "csrf_token": csrf_of(auditor, "/"), "step": "exit_county_confirmation", "decision": "approve"})
    assert answer.status_code == 403
    assert registry_status(world, target) == before


def test_the_village_confirms_an_exit_first_and_it_then_waits_in_the_countys_queue(world: s.World) -> None:
    from datetime import datetime

    from shuangdao.registry.v1 import registry_pb2 as R

    registry = world.services["registry"]
    target = s.register(registry, s.SANPAI, 1)[0]
    s.survey(registry, s.SANPAI, target, datetime.now(s.LOCAL).year - 1, 400_000)
    s.registry_stub(registry, "village_cadre", s.SANPAI).ProposeExit(
        R.ProposeExitRequest(household_id=target, proposed_by="village-head"), timeout=10)
    village = signed_in(world, "village_cadre", s.SANPAI)
    county = signed_in(world, "county_approver", s.LIANNAN)
    assert f'data-exit="{target}"' in exit_table(page(village, "/queue"))
    assert f'data-exit="{target}"' not in exit_table(page(county, "/queue"))
    answer = village.post(f"/queue/{target}/exit", data={
        "csrf_token": csrf_of(village, "/queue"), "step": "exit_village_confirmation", "decision": "approve"},
        follow_redirects=True)
    assert "exit confirmed (exit village confirmation)" in answer.get_data(as_text=True)
    assert f'data-exit="{target}"' not in exit_table(answer.get_data(as_text=True))
    assert f'data-exit="{target}"' in exit_table(page(county, "/queue"))


# ---------------------------------------------------------------------------- cadres by name

def test_the_village_page_lists_its_resident_cadres_by_name_and_position(world: s.World) -> None:
    text = page(signed_in(world, "county_approver", s.LIANNAN), f"/divisions/{s.SANJIANG_1}")
    cadres = text.split('data-testid="cadres"')[1].split("</ul>")[0]
    assert f'href="/cadres/{world.scenario.cadre_id}">Li Hua</a>, first secretary' in cadres
    assert f">Cadre {world.scenario.cadre_id[:8]}" not in cadres and f">{world.scenario.cadre_id}<" not in cadres


def test_the_cadre_page_names_the_village_and_the_support_unit(world: s.World) -> None:
    text = page(signed_in(world, "county_approver", s.LIANNAN), f"/cadres/{world.scenario.cadre_id}")
    stationings = text.split('data-testid="stationings"')[1].split("</ul>")[0]
    assert f'href="/divisions/{s.SANJIANG_1}">Sanjiang Village 1 (synthetic)</a>' in stationings
    assert "Provincial Water Resources Department" in text.split('data-testid="support-unit"')[1][:200]


# ---------------------------------------------------------------------------- rest days in the calendar

CELL = re.compile(r'<td class="day status-(\w+)( rest)?"><span class="date">(\d+)</span> '
                  r'<span class="status">([^<]+)<')


def calendar_cells(text: str, month: str) -> dict[Any, tuple[str, bool, str]]:
    from datetime import date

    year, number = (int(part) for part in month.split("-"))
    return {date(year, number, int(day)): (status, bool(rest), words)
            for status, rest, day, words in CELL.findall(text)}


def test_the_calendar_marks_rest_days_and_only_working_days_ahead_as_not_settled_yet(world: s.World) -> None:
    from datetime import datetime, timedelta

    from portal.domain.calendar import shift_month

    client = signed_in(world, "county_approver", s.LIANNAN)
    today = datetime.now(s.LOCAL).date()
    stationed_from = today - timedelta(days=60)  # the scenario's stationing
    for month in (shift_month(world.scenario.month, -1), world.scenario.month, shift_month(world.scenario.month, 1)):
        cells = calendar_cells(page(client, f"/cadres/{world.scenario.cadre_id}?month={month}"), month)
        assert len(cells) >= 28, month
        for day, (status, rest, words) in cells.items():
            if day < stationed_from:
                continue
            if day.weekday() >= 5:  # the service's calendar: no holiday is configured in the test world
                assert rest and "Rest day" in words and status != "not_yet_due", (day, status)
            elif day > today:
                assert not rest and words == "Not settled yet", (day, status)
            else:
                assert (not rest and words != "Not settled yet") or day == today, (day, status)


# ---------------------------------------------------------------------------- service calls per page

class CountingInterceptor(grpc.UnaryUnaryClientInterceptor):
    """Counts the portal's gRPC calls by method (the calls go on: the real
    services answer). A guard on the shape of each page, not on its timing."""

    def __init__(self) -> None:
        import threading
        from collections import Counter

        self.calls: Counter[str] = Counter()
        self.lock = threading.Lock()

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        with self.lock:
            self.calls[details.method.rsplit("/", 1)[-1]] += 1
        return continuation(details, request)

    def taken(self) -> dict[str, int]:
        with self.lock:
            calls = dict(self.calls)
            self.calls.clear()
        return calls


@pytest.fixture
def counted(world: s.World) -> tuple[Any, CountingInterceptor]:
    """The world's portal with every service channel counting its calls."""
    import dataclasses

    from portal.adapters.gateways import AssessmentGateway, CadresGateway, FundsGateway, RegistryGateway

    counter = CountingInterceptor()
    channels = {name: grpc.intercept_channel(channel, counter) for name, channel in world.portal.channels.items()}
    portal = dataclasses.replace(world.portal, registry=RegistryGateway(channels["registry"]),
                                 assessment=AssessmentGateway(channels["assessment"]),
                                 cadres=CadresGateway(channels["cadres"]), funds=FundsGateway(channels["funds"]))
    return portal, counter


def calls_of(client: FlaskClient, counter: CountingInterceptor, path: str) -> dict[str, int]:
    counter.taken()
    page(client, path)
    return counter.taken()


def divisions_below(world: s.World, code: str) -> list[Any]:
    from shuangdao.registry.v1 import registry_pb2 as R

    stub = s.registry_stub(world.services["registry"], "provincial_office", s.PROVINCE)
    listing = stub.ListDivisions(R.ListDivisionsRequest(parent_code=code), timeout=10)
    return [d for d in listing.divisions if d.level != "natural_village"]


def call_budget(world: s.World) -> dict[str, int]:
    """The most calls each page may make: fixed by the page's design, never by
    the households within a division nor (on a division page) by the
    divisions below it."""
    division_page = 3  # listing, figures, one count of it and every division below
    townships = divisions_below(world, s.LIANNAN)
    villages = sum(len(divisions_below(world, t.code)) for t in townships)
    village_page = 3 + 2 + 3  # listing, figures, counts, households, stationings, its few cadres
    return {
        "/": 2 + len(divisions_below(world, s.PROVINCE)),        # figures, divisions, figures of each city
        f"/divisions/{s.CITY}": division_page,
        f"/divisions/{s.LIANNAN}": division_page,
        f"/divisions/{s.SANPAI}": village_page,
        f"/divisions/{s.SANJIANG_1}": village_page,
        "/rankings?kind=village": 2 + 3,                         # ranking, flags, names: one listing per township
        f"/scores/village/{s.SANPAI}": 3,                        # score, flags, its name
        f"/funds?division={s.LIANNAN}": 3 + len(townships) + villages,
        f"/households/{world.scenario.registered[s.SANPAI][0]}": 3,  # file, history, village name
        f"/cadres/{world.scenario.cadre_id}": 6,                 # cadre, month, leave, inspections, unit, names
    }


def test_every_page_of_the_tour_makes_a_bounded_number_of_service_calls_and_none_per_household(
        world: s.World, counted: tuple[Any, CountingInterceptor]) -> None:
    portal, counter = counted
    client = signed_in(world, "provincial_office", s.PROVINCE, portal)
    for path, most in call_budget(world).items():
        calls = calls_of(client, counter, path)
        assert 0 < sum(calls.values()) <= most, (path, most, calls)
        if not path.startswith("/households/"):
            assert "GetHousehold" not in calls and "GetHistory" not in calls, (path, calls)
        if path.startswith("/divisions/"):
            # One count of the division and all below it; only a village lists its households.
            village = path in (f"/divisions/{s.SANPAI}", f"/divisions/{s.SANJIANG_1}")
            assert calls.get("CountHouseholds") == 1 and calls.get("ListHouseholds", 0) == int(village), (path, calls)
    approver = signed_in(world, "county_approver", s.LIANNAN, portal)
    calls = calls_of(approver, counter, "/queue")
    assert calls.get("ListHouseholds") == 2 and sum(calls.values()) <= 4, calls  # pending, exits, village names


def test_a_division_page_makes_as_many_registry_calls_whatever_the_number_of_divisions_below_it(
        world: s.World, counted: tuple[Any, CountingInterceptor]) -> None:
    portal, counter = counted
    client = signed_in(world, "provincial_office", s.PROVINCE, portal)
    pages = {code: calls_of(client, counter, f"/divisions/{code}") for code in (s.CITY, s.LIANNAN)}
    below = {code: len(divisions_below(world, code)) for code in pages}
    assert below[s.CITY] != below[s.LIANNAN], below  # the comparison needs two different fan-outs
    assert pages[s.CITY] == pages[s.LIANNAN], pages
    assert pages[s.LIANNAN].get("CountHouseholds") == 1 and "ListHouseholds" not in pages[s.LIANNAN], pages


def test_the_village_page_makes_as_many_service_calls_with_more_households_as_with_fewer(
        world: s.World, counted: tuple[Any, CountingInterceptor]) -> None:
    portal, counter = counted
    client = signed_in(world, "county_approver", s.LIANSHAN, portal)
    path = f"/divisions/{s.LIANSHAN_VILLAGE}"
    fewer = calls_of(client, counter, path)
    added = s.register(world.services["registry"], s.LIANSHAN_VILLAGE, 4)
    text = page(client, path)
    assert all(f"/households/{household_id}" in text for household_id in added)
    assert calls_of(client, counter, path) == fewer
    assert "GetHousehold" not in fewer
