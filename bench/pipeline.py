"""The pipeline under measurement: the registry and the assessment as real
processes on PostgreSQL and Kafka, driven through their public gRPC APIs."""
from __future__ import annotations

import random
import statistics
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import grpc
from shuangdao.assessment.v1 import assessment_pb2 as A
from shuangdao.assessment.v1 import assessment_pb2_grpc
from shuangdao.registry.v1 import registry_pb2 as R
from shuangdao.registry.v1 import registry_pb2_grpc

from bench.province import Household, Province

BATCH = 1000


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@dataclass
class Latencies:
    samples: list[float] = field(default_factory=list)

    def p(self, q: float) -> float:
        return percentile(self.samples, q)


def provincial_channel(target: str, own_connection: bool = False) -> grpc.Channel:
    """The provincial office may register, survey and read anywhere in the
    province. A target naming several replicas gets its calls spread over
    them in turn (round_robin). `own_connection`: not shared with other
    channels to the same target (grpcio otherwise pools one connection per
    target per process)."""
    from chassis.security.grpc_auth import authenticated_channel
    from chassis.security.testing import token_for

    options = [("grpc.max_send_message_length", 64 * 1024 * 1024),
               ("grpc.max_receive_message_length", 64 * 1024 * 1024), ("grpc.lb_policy_name", "round_robin")]
    if own_connection:
        options.append(("grpc.use_local_subchannel_pool", 1))
    channel = grpc.insecure_channel(target, options=options)
    return authenticated_channel(channel, token_for("provincial_office", "440000000000"))


def registry_stub(target: str, own_connection: bool = False) -> registry_pb2_grpc.RegistryServiceStub:
    return registry_pb2_grpc.RegistryServiceStub(provincial_channel(target, own_connection))


def assessment_stub(target: str) -> assessment_pb2_grpc.AssessmentServiceStub:
    return assessment_pb2_grpc.AssessmentServiceStub(provincial_channel(target))


def load_divisions(target: str, province: Province) -> None:
    stub = registry_stub(target)
    rows = [R.Division(code=d.code, name=d.name, level=d.level, parent_code=d.parent) for d in province.divisions]
    for start in range(0, len(rows), BATCH):
        stub.LoadDivisions(R.LoadDivisionsRequest(divisions=rows[start:start + BATCH]), timeout=60)


def registration_request(household: Household) -> R.RegisterHouseholdRequest:
    size = len(household.members)
    members = [R.Member(
        name=m.name, national_id=m.national_id, relation=R.Relation.Value("RELATION_" + m.relation.upper()),
        sex=R.Sex.Value("SEX_" + m.sex.upper()), birth_date=m.birth_date,
        labour_ability=R.LABOUR_ABILITY_FULL if m.relation in ("head", "spouse") else R.LABOUR_ABILITY_PARTIAL,
        health=R.HEALTH_HEALTHY, disability=R.DISABILITY_NONE, schooling=R.SCHOOLING_PRIMARY)
        for m in household.members]
    return R.RegisterHouseholdRequest(
        household_id=household.household_id, village_code=household.village_code,
        category=R.Category.Value("CATEGORY_" + household.category.upper()), members=members,
        # At entry every household is under the line (1,500 yuan per head).
        income=R.Income(farming_fen=100_000 * size), causes=[R.POVERTY_CAUSE_LACK_OF_SKILLS])


def batches(households: Iterable[Household], size: int = BATCH) -> Iterator[list[Household]]:
    batch: list[Household] = []
    for household in households:
        batch.append(household)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def register_all(target: str, households: Iterable[Household], clients: int = 4,
                 progress: Callable[[int], None] = lambda n: None, batch_size: int = BATCH) -> tuple[int, float]:
    """Registers every household in batches over `clients` concurrent streams;
    returns (registered, seconds). Each stream has a channel of its own, as
    separate clients would; `target` may name every replica of the API, so
    that each stream's calls take turns across them."""
    stubs = [registry_stub(target, own_connection=True) for _ in range(clients)]
    registered = 0
    lock = threading.Lock()
    local = threading.local()
    assigned = iter(stubs)

    def own_stub() -> registry_pb2_grpc.RegistryServiceStub:
        if not hasattr(local, "stub"):
            with lock:
                local.stub = next(assigned)
        return local.stub

    def send(batch: list[Household]) -> int:
        reply = own_stub().RegisterHouseholds(R.RegisterHouseholdsRequest(
            households=[registration_request(h) for h in batch]), timeout=300)
        done = reply.registered_count + reply.already_registered_count
        if done != len(batch):
            bad = [r for r in reply.results if r.outcome not in (R.BATCH_OUTCOME_REGISTERED,
                                                                  R.BATCH_OUTCOME_ALREADY_REGISTERED)]
            raise RuntimeError(f"{len(bad)} households refused, e.g. {bad[0].message}")
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for done in pool.map(send, batches(households, batch_size)):
            with lock:
                registered += done
            progress(registered)
    return registered, time.perf_counter() - started


def scored_villages(target: str) -> int:
    ranking = assessment_stub(target).GetRanking(A.GetRankingRequest(target_kind="village"), timeout=60)
    return len(ranking.entries)


def counted_households(target: str) -> int:
    figures = assessment_stub(target).GetProvinceFigures(A.GetProvinceFiguresRequest(division_code="440000000000"),
                                                         timeout=60)
    return int(figures.registered_households)


def wait_until_all_scored(target: str, villages: int, households: int, timeout: float) -> float:
    """Until every household is counted and every village has a score that
    includes them (a village scored early on a part of its households does not
    count as done)."""
    started = time.perf_counter()
    deadline = started + timeout
    while counted_households(target) < households or scored_villages(target) < villages:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{counted_households(target)} of {households} households counted and "
                               f"{scored_villages(target)} of {villages} villages scored after {timeout:.0f}s")
        time.sleep(0.25)
    return time.perf_counter() - started


def survey_request(household_id: str, size: int, year: int, income_per_capita: int) -> R.RecordSurveyRequest:
    return R.RecordSurveyRequest(
        household_id=household_id, year=year, household_size=size,
        income=R.Income(wages_fen=income_per_capita * size), recorded_by="bench",
        guarantees=R.Guarantees(food_and_clothing=True, compulsory_schooling=True, medical_insurance=True,
                                safe_housing=True))


def freshness(registry_target: str, assessment_target: str, households: list[Household], year: int,
              rate: float, seconds: float, tracked_per_second: float = 10.0,
              warmup_seconds: float = 2.0) -> tuple[Latencies, int]:
    """Records surveys at a steady `rate` per second for `seconds`, villages in
    turn, and measures on a sample of them (about `tracked_per_second`) the time
    from the registry's acknowledgement to the village score reflecting it.
    Sampling keeps the measuring itself (polling the score every 20 ms) from
    loading the assessment it measures; the first `warmup_seconds` of the
    steady load are not measured."""
    from chassis.security.grpc_auth import bearer_metadata
    from chassis.security.testing import token_for

    # Surveys are entered by each village's own cadre: a token per village.
    surveyors = registry_pb2_grpc.RegistryServiceStub(grpc.insecure_channel(registry_target))
    cadre_tokens: dict[str, tuple[tuple[str, str], ...]] = {}
    assessment = assessment_stub(assessment_target)
    by_village: dict[str, list[Household]] = {}
    for household in households:
        by_village.setdefault(household.village_code, []).append(household)
    villages = sorted(by_village)
    for village in villages:
        cadre_tokens[village] = bearer_metadata(token_for("village_cadre", village))
    latencies = Latencies()
    lock = threading.Lock()
    rng = random.Random(7)
    every = max(1, round(rate / tracked_per_second))

    def facts(village: str) -> int:
        return assessment.GetScore(A.GetScoreRequest(target_kind="village", target_id=village),
                                   timeout=10).position.facts

    def one(n: int) -> None:
        village = villages[n % len(villages)]
        household = rng.choice(by_village[village])
        tracked = n % every == 0 and n >= warmup
        before = facts(village) if tracked else 0
        surveyors.RecordSurvey(survey_request(household.household_id, len(household.members), year,
                                              household.survey_income_per_capita_fen),
                               metadata=cadre_tokens[village], timeout=10)
        if not tracked:
            return
        accepted = time.perf_counter()
        while facts(village) <= before:
            if time.perf_counter() - accepted > 30:
                return
            time.sleep(0.02)
        with lock:
            latencies.samples.append(time.perf_counter() - accepted)

    warmup = int(rate * warmup_seconds)
    total = warmup + int(rate * seconds)
    started = time.perf_counter()
    with ThreadPoolExecutor(32) as pool:
        for n in range(total):
            # Pace the sends: the n-th survey goes at n / rate seconds.
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, n)
    return latencies, total


def read_latencies(registry_target: str, assessment_target: str, households: list[Household],
                   villages: list[str], count: int) -> tuple[Latencies, Latencies]:
    registry = registry_stub(registry_target)
    assessment = assessment_stub(assessment_target)
    rng = random.Random(11)
    household_reads, score_reads = Latencies(), Latencies()
    for _ in range(count):
        household = rng.choice(households)
        started = time.perf_counter()
        registry.GetHousehold(R.GetHouseholdRequest(household_id=household.household_id), timeout=10)
        household_reads.samples.append(time.perf_counter() - started)
        village = rng.choice(villages)
        started = time.perf_counter()
        assessment.GetScore(A.GetScoreRequest(target_kind="village", target_id=village), timeout=10)
        score_reads.samples.append(time.perf_counter() - started)
    return household_reads, score_reads


def ranking_latency(assessment_target: str, repeats: int = 20) -> tuple[Latencies, int]:
    stub = assessment_stub(assessment_target)
    latencies = Latencies()
    size = 0
    for _ in range(repeats):
        started = time.perf_counter()
        size = len(stub.GetRanking(A.GetRankingRequest(target_kind="village"), timeout=60).entries)
        latencies.samples.append(time.perf_counter() - started)
    return latencies, size


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
