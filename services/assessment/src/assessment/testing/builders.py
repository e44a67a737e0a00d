"""Contract events as the producers publish them, for tests and demos: each
builder returns (header type, protobuf payload). No personal data anywhere."""
from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.message import Message
from shuangdao.assessment.v1 import events_pb2 as assessment
from shuangdao.cadres.v1 import events_pb2 as cadres
from shuangdao.common.v1 import divisions_pb2
from shuangdao.funds.v1 import events_pb2 as funds
from shuangdao.registry.v1 import events_pb2 as registry
from shuangdao.registry.v1 import registry_pb2

Built = tuple[str, Message]

TOPIC_OF = {
    **{t: "registry.household.v1" for t in ("household-registered", "survey-recorded", "household-exited",
                                             "risk-flagged", "risk-cleared", "returned-to-poverty")},
    **{t: "cadres.pairing.v1" for t in ("unit-paired", "pairing-ended", "plan-adopted")},
    **{t: "cadres.cadre.v1" for t in ("cadre-stationed", "cadre-withdrawn", "attendance-summarised",
                                       "inspection-recorded", "complaint-recorded", "complaint-resolved")},
    **{t: "funds.ledger.v1" for t in ("funds-allocated", "funds-disbursed", "disbursement-reversed",
                                       "project-created", "collective-income-recorded")},
    "clock-ticked": "assessment.clock.v1",
}
CATEGORIES = {"able_to_work": registry_pb2.CATEGORY_ABLE_TO_WORK, "dibao": registry_pb2.CATEGORY_DIBAO,
              "wubao": registry_pb2.CATEGORY_WUBAO}


def path(village: str) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=village[:2] + "0" * 10, city_code=village[:4] + "0" * 8,
                                      county_code=village[:6] + "0" * 6, township_code=village[:9] + "000",
                                      village_code=village)


def key_of(built: Built) -> str:
    """The Kafka key the producer uses: the aggregate id."""
    type_, m = built
    if type_ == "clock-ticked":
        return "province"
    for field in ("household_id", "pairing_id", "cadre_id"):
        if hasattr(m, field) and getattr(m, field):
            return str(getattr(m, field))
    return str(getattr(m, "village").village_code)


def registered(household: str, village: str, people: int, at: str, category: str = "able_to_work") -> Built:
    return "household-registered", registry.HouseholdRegistered(
        household_id=household, divisions=path(village), category=CATEGORIES[category], member_count=people,
        registered_at=at, able_to_work_count=people if category == "able_to_work" else 0,
        entry_income_per_capita_fen=120000)


def survey(survey_id: str, household: str, village: str, year: int, size: int, per_capita: int, at: str,
           net: int | None = None, supersedes: str = "") -> Built:
    net_income = per_capita * size if net is None else net
    return "survey-recorded", registry.SurveyRecorded(
        household_id=household, divisions=path(village), survey_id=survey_id, year=year, household_size=size,
        income=registry.IncomeComponents(wages_fen=per_capita * size, farming_fen=0),
        net_income_fen=net_income, per_capita_net_income_fen=per_capita,
        guarantees=registry.BasicGuarantees(food_and_clothing=True, compulsory_schooling=True,
                                            medical_insurance=True, safe_housing=True),
        supersedes_survey_id=supersedes, recorded_at=at)


def exited(household: str, village: str, year: int, people: int, at: str) -> Built:
    return "household-exited", registry.HouseholdExited(household_id=household, divisions=path(village), year=year,
                                                        member_count=people, per_capita_net_income_fen=300000,
                                                        exited_at=at)


def returned(household: str, village: str, year: int, people: int, at: str) -> Built:
    return "returned-to-poverty", registry.ReturnedToPoverty(household_id=household, divisions=path(village),
                                                             year=year, member_count=people,
                                                             per_capita_net_income_fen=100000, returned_at=at)


def risk_flagged(household: str, village: str, at: str, rule: str = "income-drop") -> Built:
    return "risk-flagged", registry.RiskFlagged(household_id=household, divisions=path(village),
                                                category=registry.RISK_CATEGORY_EDGE, rule=rule,
                                                evidence="income fell", flagged_at=at)


def risk_cleared(household: str, village: str, at: str) -> Built:
    return "risk-cleared", registry.RiskCleared(household_id=household, divisions=path(village),
                                                reason="job found", cleared_at=at)


def paired(pairing: str, unit: str, village: str, start: str) -> Built:
    return "unit-paired", cadres.UnitPaired(pairing_id=pairing, unit_id=unit, unit_name="Unit",
                                            unit_kind=cadres.UNIT_KIND_ENTERPRISE, village=path(village),
                                            start_date=start)


def plan(plan_id: str, pairing: str, unit: str, village: str, year: int, planned_funds: int) -> Built:
    return "plan-adopted", cadres.PlanAdopted(plan_id=plan_id, pairing_id=pairing, unit_id=unit,
                                              village=path(village), year=year, planned_funds_fen=planned_funds)


def stationed(cadre: str, unit: str, pairing: str, village: str, start: str) -> Built:
    return "cadre-stationed", cadres.CadreStationed(cadre_id=cadre, unit_id=unit, pairing_id=pairing,
                                                    village=path(village), start_date=start)


def attendance(cadre: str, unit: str, village: str, month: str, working: int, absent: int,
               revision: int = 1) -> Built:
    return "attendance-summarised", cadres.AttendanceSummarised(
        cadre_id=cadre, unit_id=unit, village=path(village), month=month, working_days=working,
        days_in_village=working - absent, days_on_approved_leave=0, weekend_days=8,
        days_absent_without_leave=absent, revision=revision)


def inspection(inspection_id: str, cadre: str, unit: str, village: str, day: str, present: bool) -> Built:
    return "inspection-recorded", cadres.InspectionRecorded(
        inspection_id=inspection_id, cadre_id=cadre, unit_id=unit, village=path(village), inspected_on=day,
        method=cadres.INSPECTION_METHOD_TELEPHONE, present=present)


def complaint(complaint_id: str, cadre: str, village: str, received: str) -> Built:
    return "complaint-recorded", cadres.ComplaintRecorded(complaint_id=complaint_id, cadre_id=cadre,
                                                          village=path(village), received_on=received,
                                                          subject="absent")


def complaint_resolved(complaint_id: str, cadre: str, village: str, day: str, upheld: bool) -> Built:
    return "complaint-resolved", cadres.ComplaintResolved(complaint_id=complaint_id, cadre_id=cadre,
                                                          village=path(village), resolved_on=day, upheld=upheld)


def allocated(allocation: str, village: str, amount: int, at: str, unit: str = "",
              source: int = funds.SOURCE_KIND_PROVINCIAL_FISCAL) -> Built:
    return "funds-allocated", funds.FundsAllocated(allocation_id=allocation, source_id="S", source_kind=source,
                                                   unit_id=unit, village=path(village), amount_fen=amount,
                                                   year=int(at[:4]), allocated_at=at)


def disbursed(disbursement: str, allocation: str, village: str, amount: int, at: str) -> Built:
    return "funds-disbursed", funds.FundsDisbursed(disbursement_id=disbursement, allocation_id=allocation,
                                                   project_id="P", village=path(village), amount_fen=amount,
                                                   recipient_kind="contractor", disbursed_at=at)


def reversed_(reversal: str, disbursement: str, allocation: str, village: str, amount: int, at: str) -> Built:
    return "disbursement-reversed", funds.DisbursementReversed(
        reversal_id=reversal, disbursement_id=disbursement, allocation_id=allocation, village=path(village),
        amount_fen=amount, reason="wrong account", reversed_at=at)


def project(project_id: str, village: str, poor_households: int, at: str) -> Built:
    return "project-created", funds.ProjectCreated(project_id=project_id, village=path(village),
                                                   type=funds.PROJECT_TYPE_INDUSTRIAL, subtype="sericulture",
                                                   budget_fen=100000, poor_households=poor_households,
                                                   created_at=at)


def collective_income(record: str, village: str, year: int, amount: int, at: str) -> Built:
    return "collective-income-recorded", funds.CollectiveIncomeRecorded(record_id=record, village=path(village),
                                                                        year=year, amount_fen=amount,
                                                                        recorded_at=at)


# ---- scenarios ---------------------------------------------------------------------------

SANPAI = "441826108201"  # Sanpai village, Liannan county (441826000000), Qingyuan city
SANPAI_MEANS = {2009: 109832, 2010: 500000, 2011: 1110000, 2012: 1306848}


def sanpai() -> list[Built]:
    """141 households, 494 people (82/350 able to work, 50/135 dibao, 9/9
    wubao), surveyed 2009-2012. Able-to-work households earn more per head
    and dibao households less, balanced by people so that the people-weighted
    mean of each year is exactly SANPAI_MEANS[year] (1,098.32 yuan in 2009,
    13,068.48 in 2012, over 11,000 in 2011)."""
    households: list[tuple[str, int, str, int]] = []  # id, size, category, delta per head (fen)
    for n in range(82):
        households.append((f"sanpai-able-{n:03d}", 5 if n < 22 else 4, "able_to_work", 2700))
    for n in range(50):
        households.append((f"sanpai-dibao-{n:03d}", 3 if n < 35 else 2, "dibao", -7000))
    for n in range(9):
        households.append((f"sanpai-wubao-{n:03d}", 1, "wubao", 0))
    built: list[Built] = []
    for household, size, category, _ in households:
        built.append(registered(household, SANPAI, size, "2009-03-01T02:00:00Z", category))
    for year, mean in SANPAI_MEANS.items():
        scale = 10 if year == 2012 else 1  # 350 x 27,000 = 135 x 70,000 as well
        for household, size, _, delta in households:
            built.append(survey(f"{household}-{year}", household, SANPAI, year, size, mean + delta * scale,
                                f"{year}-12-10T02:00:00Z"))
    return built


# The broker's append time the tests' events arrive with: after every tick
# they send, as it would be (a tick ahead of it is refused).
BROKER_TIME = datetime(2100, 1, 1, tzinfo=UTC)


def tick(as_of: str) -> Built:
    """The province's clock at `as_of` (what the `clock` part publishes)."""
    return "clock-ticked", assessment.ClockTicked(as_of=as_of)
