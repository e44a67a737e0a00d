"""The Sanpai story, loaded into a running system through the public APIs, as
the people of the story would have entered it: the prefecture registers the
141 poor households, the village cadre records the yearly surveys (2009 to
2012) and proposes exits, the village and the county confirm them, the
provincial office pairs the tobacco bureau with the village and the bureau
stations its cadre, the county books the bureau's 5.876 million yuan.

Survey incomes are designed so the poor's per-capita net income is exactly the
case study's figures: 1,098.32 yuan (2009), over 11,000 (2011: 11,100) and
13,068.48 (2012); 62 able-to-work households leave poverty with the 2010
survey, all the others with the 2012 one."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc

SANPAI_VILLAGE = "441826108201"
LIANNAN = "441826000000"
PROVINCE = "440000000000"
# Per-capita net income of every poor household, fen, by survey year.
INCOME = {2009: 109_832, 2011: 1_110_000, 2012: 1_306_848}
EXITING_IN_2010, INCOME_2010_EXITING, INCOME_2010_OTHERS = 62, 300_000, 150_000

Mint = Callable[[str, str], str]


@dataclass
class Story:
    households: list[tuple[str, int, str]]  # (household id, size, category)


def token_minter(private_key: Path) -> Mint:
    from chassis.security.tokens import TokenIssuer, load_private_key

    issuer = TokenIssuer(load_private_key(private_key.read_bytes()))
    return lambda role, jurisdiction: issuer.issue(f"demo-{role}", "Sanpai demo", [role], jurisdiction)


def channel(target: str, token: str) -> grpc.Channel:
    from chassis.security.grpc_auth import authenticated_channel

    return authenticated_channel(grpc.insecure_channel(target), token)


def register_households(target: str, mint: Mint) -> Story:
    from registry.fixtures import sanpai

    ids = sanpai.load(target, mint("prefecture_registrar", "441800000000"))
    files = json.loads(sanpai.FILE.read_text(encoding="utf-8"))
    return Story([(household_id, len(h["members"]), h["category"]) for household_id, h in zip(ids, files)])


def survey(stub: object, household_id: str, size: int, year: int, per_capita: int) -> None:
    from shuangdao.registry.v1 import registry_pb2 as R

    stub.RecordSurvey(R.RecordSurveyRequest(  # type: ignore[attr-defined]
        household_id=household_id, year=year, household_size=size, recorded_by="demo-village-cadre",
        income=R.Income(wages_fen=per_capita * size // 2, farming_fen=per_capita * size - per_capita * size // 2),
        guarantees=R.Guarantees(food_and_clothing=True, compulsory_schooling=True, medical_insurance=True,
                                safe_housing=True)), timeout=10)


def exit_household(cadre: object, county: object, household_id: str) -> None:
    from shuangdao.registry.v1 import registry_pb2 as R

    cadre.ProposeExit(R.ProposeExitRequest(household_id=household_id, proposed_by="demo-village-cadre"),  # type: ignore[attr-defined]
                      timeout=10)
    cadre.ConfirmExit(R.ConfirmExitRequest(  # type: ignore[attr-defined]
        household_id=household_id, step=R.WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION, decision=R.STEP_DECISION_APPROVE,
        reason="village meeting agreed", decided_by="demo-village-cadre"), timeout=10)
    county.ConfirmExit(R.ConfirmExitRequest(  # type: ignore[attr-defined]
        household_id=household_id, step=R.WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION, decision=R.STEP_DECISION_APPROVE,
        reason="income above the line two years running", decided_by="demo-county"), timeout=10)


def surveys_and_exits(target: str, mint: Mint, story: Story) -> None:
    from shuangdao.registry.v1 import registry_pb2_grpc

    cadre = registry_pb2_grpc.RegistryServiceStub(channel(target, mint("village_cadre", SANPAI_VILLAGE)))
    county = registry_pb2_grpc.RegistryServiceStub(channel(target, mint("county_approver", LIANNAN)))
    able = [h for h in story.households if h[2] == "able_to_work"]
    exiting_2010 = {h[0] for h in able[:EXITING_IN_2010]}
    for household_id, size, _ in story.households:
        survey(cadre, household_id, size, 2009, INCOME[2009])
    for household_id, size, _ in story.households:
        income = INCOME_2010_EXITING if household_id in exiting_2010 else INCOME_2010_OTHERS
        survey(cadre, household_id, size, 2010, income)
    for household_id in sorted(exiting_2010):
        exit_household(cadre, county, household_id)
    for year in (2011, 2012):
        for household_id, size, _ in story.households:
            survey(cadre, household_id, size, year, INCOME[year])
    for household_id, _, _ in story.households:
        if household_id not in exiting_2010:
            exit_household(cadre, county, household_id)


def pair_and_station(target: str, mint: Mint) -> None:
    from cadres.demo import sanpai

    sanpai.load(channel(target, mint("provincial_office", PROVINCE)),
                channel(target, mint("support_unit", SANPAI_VILLAGE)))


def book_funds(target: str, mint: Mint) -> None:
    from funds import sanpai

    sanpai.load(channel(target, mint("county_approver", LIANNAN)))


def load(targets: dict[str, str], private_key: Path, log: Callable[[str], None] = print) -> None:
    mint = token_minter(private_key)
    log("demo: registering Sanpai's 141 poor households")
    story = register_households(targets["registry"], mint)
    log("demo: pairing the tobacco bureau with Sanpai and stationing Wang Qingming")
    pair_and_station(targets["cadres"], mint)
    log("demo: booking the bureau's 5.876 million yuan and the village projects")
    book_funds(targets["funds"], mint)
    log("demo: recording the 2009-2012 surveys and the exits")
    surveys_and_exits(targets["registry"], mint, story)
    log("demo: Sanpai loaded")


def summary(assessment_target: str, private_key: Path, wait_seconds: float = 60.0) -> str:
    """What the story came to, as the provincial office sees it: Sanpai's score
    and grade, its flags, and the poor's per-capita income by year. Waits until
    the assessment has caught up with the surveys."""
    import time

    from shuangdao.assessment.v1 import assessment_pb2 as A
    from shuangdao.assessment.v1 import assessment_pb2_grpc

    stub = assessment_pb2_grpc.AssessmentServiceStub(
        channel(assessment_target, token_minter(private_key)("provincial_office", PROVINCE)))
    deadline = time.monotonic() + wait_seconds
    while True:
        figures = stub.GetProvinceFigures(A.GetProvinceFiguresRequest(division_code=LIANNAN), timeout=10)
        years = {y.year: y for y in figures.income_by_year}
        if set(INCOME) <= set(years) and figures.exited_households == 141 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    score = stub.GetScore(A.GetScoreRequest(target_kind="village", target_id=SANPAI_VILLAGE), timeout=10)
    flags = stub.ListFlags(A.ListFlagsRequest(division_code=SANPAI_VILLAGE), timeout=10).flags
    lines = [f"  Sanpai village {SANPAI_VILLAGE}: score {score.score}, grade {score.grade}"
             + (" (unqualified)" if score.unqualified else ""),
             "  per-capita net income of the poor: " + ", ".join(
                 f"{year} {years[year].per_capita_income_fen / 100:,.2f} yuan" for year in sorted(years)),
             f"  exited {figures.exited_households} of {figures.registered_households} households; "
             f"{len([f for f in flags if f.active])} flag(s) in force"
             + "".join(f"\n    - {f.target_kind} {f.rule}: {f.evidence}" for f in flags if f.active)]
    return "\n".join(lines)
