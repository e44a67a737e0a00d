"""A small Sanpai-like world for the portal's tests, loaded through the public
gRPC APIs as the people of the story would enter it: two counties of
Qingyuan, registered households in three villages, applications waiting at
the county's approval step, a paired support unit with its stationed cadre
and a month of attendance, the bureau's funds, and (from the events) scores."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shuangdao.assessment.v1 import assessment_pb2 as A
from shuangdao.assessment.v1 import assessment_pb2_grpc
from shuangdao.cadres.v1 import cadres_pb2 as C
from shuangdao.cadres.v1 import cadres_pb2_grpc
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from e2e_support import birth_date_of, id_number, wait_for

PROVINCE, CITY = "440000000000", "441800000000"
LIANNAN, SANPAI_TOWN, SANPAI = "441826000000", "441826108000", "441826108201"
SANJIANG_TOWN, SANJIANG_1 = "441826100000", "441826100201"
# A second county of Qingyuan with one township and one village (synthetic below the county).
LIANSHAN, LIANSHAN_TOWN, LIANSHAN_VILLAGE = "441825000000", "441825100000", "441825100201"
LOCAL = ZoneInfo("Asia/Shanghai")
_seeds = itertools.count(9000)


@dataclass
class Scenario:
    registered: dict[str, list[str]] = field(default_factory=dict)  # village -> household ids
    pending: list[str] = field(default_factory=list)                # awaiting county approval in Sanpai
    exits: list[str] = field(default_factory=list)                  # registered in Sanpai, exit awaiting the county
    at_risk: list[str] = field(default_factory=list)                # exited in Lianshan, then found at risk
    sent_back: list[str] = field(default_factory=list)              # applications in Lianshan sent back by the village
    cadre_id: str = ""
    month: str = ""


def _member(n: int, seed: int) -> R.Member:
    born = birth_date_of(seed) if n == 0 else date(2008, 1, 1) + timedelta(days=seed % 3000)
    return R.Member(name=f"Person {seed}-{n}", national_id=id_number(f"441826{born:%Y%m%d}{n + 1:03d}"),
                    relation=R.RELATION_HEAD if n == 0 else R.RELATION_CHILD,
                    sex=R.SEX_FEMALE if n == 0 else R.SEX_MALE, birth_date=born.isoformat(),
                    labour_ability=R.LABOUR_ABILITY_PARTIAL if n == 0 else R.LABOUR_ABILITY_NONE,
                    health=R.HEALTH_CHRONIC_ILLNESS if n == 0 else R.HEALTH_HEALTHY,
                    disability=R.DISABILITY_NONE, schooling=R.SCHOOLING_PRIMARY)


def household_file(village: str, people: int = 3) -> R.HouseholdFile:
    seed = next(_seeds)
    return R.HouseholdFile(village_code=village, category=R.CATEGORY_DIBAO,
                           members=[_member(n, seed) for n in range(people)],
                           income=R.Income(transfers_fen=150_000, farming_fen=90_000),
                           causes=[R.POVERTY_CAUSE_ILLNESS])


def registry_stub(running: Any, role: str, jurisdiction: str | None = None) -> Any:
    return registry_pb2_grpc.RegistryServiceStub(running.channel(role=role, jurisdiction=jurisdiction))


def load_divisions(registry: Any) -> None:
    office = registry_stub(registry, "provincial_office", PROVINCE)
    office.LoadDivisions(R.LoadDivisionsRequest(divisions=[
        R.Division(code=LIANSHAN, name="Lianshan Zhuang and Yao Autonomous County", level="county", parent_code=CITY),
        R.Division(code=LIANSHAN_TOWN, name="Jitian Town (synthetic)", level="township", parent_code=LIANSHAN),
        R.Division(code=LIANSHAN_VILLAGE, name="Jitian Village 1 (synthetic)", level="village",
                   parent_code=LIANSHAN_TOWN)]), timeout=10)


def register(registry: Any, village: str, count: int) -> list[str]:
    prefecture = registry_stub(registry, "prefecture_registrar", CITY)
    ids = []
    for _ in range(count):
        f = household_file(village)
        ids.append(prefecture.RegisterHousehold(R.RegisterHouseholdRequest(
            village_code=f.village_code, category=f.category, members=f.members, income=f.income,
            causes=f.causes), timeout=10).household_id)
    return ids


def submit_to_county_approval(registry: Any, village: str, township: str, count: int) -> list[str]:
    """Applications taken through the village and the township (past the
    notice period, by moving the registry's clock) to the county's step."""
    cadre = registry_stub(registry, "village_cadre", village)
    township_reviewer = registry_stub(registry, "township_reviewer", township)
    ids = []
    for _ in range(count):
        household_id = cadre.SubmitHousehold(R.SubmitHouseholdRequest(
            file=household_file(village), submitted_by="scenario-cadre"), timeout=10).household_id
        for step in (R.WORKFLOW_STEP_VILLAGE_VERIFICATION, R.WORKFLOW_STEP_VILLAGE_DISCUSSION):
            cadre.DecideStep(R.DecideStepRequest(household_id=household_id, step=step,
                                                 decision=R.STEP_DECISION_APPROVE, decided_by="scenario-cadre"),
                             timeout=10)
        ids.append(household_id)
    service = registry.service
    later = datetime.now(LOCAL) + timedelta(days=30)
    service.clock = lambda: later
    for household_id in ids:
        township_reviewer.DecideStep(R.DecideStepRequest(
            household_id=household_id, step=R.WORKFLOW_STEP_TOWNSHIP_REVIEW, decision=R.STEP_DECISION_APPROVE,
            decided_by="scenario-township"), timeout=10)
    return ids


def survey(registry: Any, village: str, household_id: str, year: int, per_capita_fen: int) -> None:
    cadre = registry_stub(registry, "village_cadre", village)
    cadre.RecordSurvey(R.RecordSurveyRequest(
        household_id=household_id, year=year, household_size=3, recorded_by="scenario-cadre",
        income=R.Income(wages_fen=per_capita_fen * 3), guarantees=R.Guarantees(
            food_and_clothing=True, compulsory_schooling=True, medical_insurance=True, safe_housing=True)),
        timeout=10)


def propose_exits(registry: Any, village: str, household_ids: list[str]) -> None:
    """Exits proposed by the village (their latest survey meets the exit rule)
    and confirmed by it, so they await the county's confirmation."""
    cadre = registry_stub(registry, "village_cadre", village)
    for household_id in household_ids:
        cadre.ProposeExit(R.ProposeExitRequest(household_id=household_id, proposed_by="scenario-cadre"), timeout=10)
        cadre.ConfirmExit(R.ConfirmExitRequest(
            household_id=household_id, step=R.WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION,
            decision=R.STEP_DECISION_APPROVE, decided_by="scenario-cadre"), timeout=10)


def station_cadre(cadres: Any) -> tuple[str, str]:
    """The tobacco bureau's Sanpai story (historical), and a unit paired with
    Sanjiang Village 1 whose cadre is stationed there now, with the first days
    of this month recorded in the village; (that cadre's id, this month)."""
    import uuid

    from cadres.demo import sanpai
    from shuangdao.cadres.v1 import events_pb2 as CE

    sanpai.load(cadres.channel(role="provincial_office", jurisdiction=PROVINCE),
                cadres.channel(role="support_unit", jurisdiction=SANPAI))
    office = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role="provincial_office", jurisdiction=PROVINCE))
    unit = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role="support_unit", jurisdiction=SANJIANG_1))
    today = datetime.now(LOCAL).date()
    start = (today - timedelta(days=60)).isoformat()
    unit_id, pairing_id, cadre_id = (str(uuid.uuid4()) for _ in range(3))
    office.RegisterSupportUnit(C.RegisterSupportUnitRequest(
        unit_id=unit_id, name="Provincial Water Resources Department", kind=CE.UNIT_KIND_PROVINCIAL_ORGAN,
        top_leader=C.TopLeader(name="Director", title="Director", since=start)), timeout=10)
    office.PairUnit(C.PairUnitRequest(pairing_id=pairing_id, unit_id=unit_id, village_code=SANJIANG_1,
                                      start_date=start), timeout=10)
    office.RegisterCadre(C.RegisterCadreRequest(cadre_id=cadre_id, unit_id=unit_id, name="Li Hua",
                                                position="first secretary"), timeout=10)
    unit.StationCadre(C.StationCadreRequest(cadre_id=cadre_id, pairing_id=pairing_id, start_date=start), timeout=10)
    village = cadres_pb2_grpc.CadresServiceStub(cadres.channel(role="village_cadre", jurisdiction=SANJIANG_1))
    for day in [today.replace(day=n) for n in range(1, min(today.day, 3) + 1)]:
        village.RecordAttendance(C.RecordAttendanceRequest(cadre_id=cadre_id, day=day.isoformat(),
                                                           mark=C.ATTENDANCE_MARK_IN_VILLAGE,
                                                           recorded_by=C.RECORDER_VILLAGE_COMMITTEE), timeout=10)
    return cadre_id, f"{today:%Y-%m}"


def book_funds(funds: Any) -> None:
    from funds import sanpai

    sanpai.load(funds.channel(role="county_approver", jurisdiction=LIANNAN))


def wait_for_scores(assessment: Any, villages: list[str], timeout: float = 45.0) -> None:
    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role="provincial_office",
                                                                        jurisdiction=PROVINCE))

    def ranked() -> bool:
        ranking = stub.GetRanking(A.GetRankingRequest(target_kind="village"), timeout=5)
        return {e.target_id for e in ranking.entries} >= set(villages)

    wait_for(ranked, timeout)


def wait_for_figures(assessment: Any, division: str, exited: int, at_risk: int, timeout: float = 45.0) -> None:
    stub = assessment_pb2_grpc.AssessmentServiceStub(assessment.channel(role="provincial_office",
                                                                        jurisdiction=PROVINCE))

    def counted() -> bool:
        figures = stub.GetProvinceFigures(A.GetProvinceFiguresRequest(division_code=division), timeout=5)
        return figures.exited_households == exited and figures.at_risk_households == at_risk

    wait_for(counted, timeout)


def exit_then_fall_back(registry: Any, village: str, county: str, household_id: str, year: int) -> None:
    """An exit confirmed by the village and the county, then a survey the
    year after that finds income below the line: the household is at risk."""
    propose_exits(registry, village, [household_id])
    registry_stub(registry, "county_approver", county).ConfirmExit(R.ConfirmExitRequest(
        household_id=household_id, step=R.WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION,
        decision=R.STEP_DECISION_APPROVE, decided_by="scenario-county"), timeout=10)
    survey(registry, village, household_id, year + 1, 100_000)


def send_back_application(registry: Any, village: str) -> str:
    cadre = registry_stub(registry, "village_cadre", village)
    household_id = cadre.SubmitHousehold(R.SubmitHouseholdRequest(
        file=household_file(village), submitted_by="scenario-cadre"), timeout=10).household_id
    cadre.DecideStep(R.DecideStepRequest(
        household_id=household_id, step=R.WORKFLOW_STEP_VILLAGE_VERIFICATION, decision=R.STEP_DECISION_SEND_BACK,
        decided_by="scenario-cadre", reason="the land area is missing"), timeout=10)
    return household_id


def load(running: dict[str, Any], pending: int = 2, scores: bool = True, exits: int = 2,
         watched: bool = False) -> Scenario:
    """`watched`: also a household of Lianshan exited and back at risk, and an
    application there sent back (the counts a division page shows for them)."""
    registry = running["registry"]
    load_divisions(registry)
    scenario = Scenario()
    scenario.registered = {SANPAI: register(registry, SANPAI, 3 + exits), SANJIANG_1: register(registry, SANJIANG_1, 2),
                           LIANSHAN_VILLAGE: register(registry, LIANSHAN_VILLAGE, 2)}
    year = datetime.now(LOCAL).year - 1
    for village, ids in scenario.registered.items():
        for n, household_id in enumerate(ids):
            survey(registry, village, household_id, year, 400_000 + n * 10_000)
    scenario.exits = scenario.registered[SANPAI][3:]
    propose_exits(registry, SANPAI, scenario.exits)
    scenario.pending = submit_to_county_approval(registry, SANPAI, SANPAI_TOWN, pending)
    if watched:
        [household_id] = register(registry, LIANSHAN_VILLAGE, 1)
        survey(registry, LIANSHAN_VILLAGE, household_id, year, 900_000)
        exit_then_fall_back(registry, LIANSHAN_VILLAGE, LIANSHAN, household_id, year)
        scenario.at_risk = [household_id]
        scenario.sent_back = [send_back_application(registry, LIANSHAN_VILLAGE)]
    if "cadres" in running:
        scenario.cadre_id, scenario.month = station_cadre(running["cadres"])
    if "funds" in running:
        book_funds(running["funds"])
    if scores and "assessment" in running:
        wait_for_scores(running["assessment"], [SANPAI, SANJIANG_1, LIANSHAN_VILLAGE])
        if watched:  # the assessment counts the exit and the risk before pages are compared with it
            wait_for_figures(running["assessment"], LIANSHAN, exited=1, at_risk=1)
    return scenario


# ---------------------------------------------------------------------------- a running world

@dataclass
class Service:
    """A service started for a whole test module (same shape as conftest's Running)."""
    service: Any
    process: Any

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.process.grpc_bound_port}"

    def channel(self, role: str | None = None, jurisdiction: str | None = None) -> Any:
        import grpc

        from chassis.security.grpc_auth import authenticated_channel
        from chassis.security.testing import token_for

        channel = grpc.insecure_channel(self.grpc_target)
        return channel if role is None else authenticated_channel(channel, token_for(role, jurisdiction))


@dataclass
class World:
    services: dict[str, Service]
    portal: Any          # portal.bootstrap.Portal
    portal_process: Any  # its ServiceProcess (a werkzeug thread on a free port)
    scenario: Scenario

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.portal_process.http_bound_port}"


SERVICES = ("registry", "cadres", "funds", "assessment")


def start_world(postgres_base_url: str, kafka_bootstrap: str, pending: int = 2, exits: int = 2,
                watched: bool = False) -> Any:
    """A context manager: the four services on fresh databases sharing one set
    of fresh topics, the scenario loaded, and the portal in front of them."""
    import contextlib
    import importlib
    import uuid
    from pathlib import Path

    from devstack.postgres import drop_database, ensure_database
    from devstack.topics import create_topics

    from chassis.testing.fixtures import common_settings, delete_topics

    @contextlib.contextmanager
    def run() -> Any:
        prefix = f"t-{uuid.uuid4().hex[:10]}."
        root = Path(__file__).resolve().parents[1]
        topics = create_topics(kafka_bootstrap, root / "deploy" / "kafka" / "topics.yaml", prefix=prefix)
        databases: list[str] = []
        services: dict[str, Service] = {}
        portal = portal_process = None
        try:
            for name in SERVICES:
                database = f"t_portal_{name}_{uuid.uuid4().hex[:8]}"
                databases.append(database)
                url = ensure_database(postgres_base_url, database, recreate=True)
                config = importlib.import_module(f"{name}.config")
                main = importlib.import_module(f"{name}.entrypoints.main")
                service = importlib.import_module(f"{name}.bootstrap").bootstrap(
                    config.Settings(common=common_settings(name, url, kafka_bootstrap, prefix)))
                process = main.build_process(service, main.PARTS)
                process.drain_seconds = 0
                process.start()
                services[name] = Service(service, process)
            from portal.bootstrap import bootstrap
            from portal.config import Settings
            from portal.entrypoints.main import build_process

            portal = bootstrap(Settings(http_port=0, targets={n: s.grpc_target for n, s in services.items()}))
            portal_process = build_process(portal)
            portal_process.drain_seconds = 0
            portal_process.start()
            scenario = load(services, pending=pending, exits=exits, watched=watched)
            yield World(services, portal, portal_process, scenario)
        finally:
            if portal_process is not None:
                portal_process.stop()
            if portal is not None:
                portal.close()
            for running in reversed(list(services.values())):
                running.process.stop()
                running.service.engine.dispose()
            for database in databases:
                try:
                    drop_database(postgres_base_url, database)
                except Exception:  # a leftover test database is harmless
                    pass
            delete_topics(kafka_bootstrap, topics)

    return run()
