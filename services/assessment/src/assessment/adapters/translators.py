"""Protobuf <-> the assessment's domain: inbound events validated into facts,
outgoing score/flag events, and API messages."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from google.protobuf.message import Message
from shuangdao.assessment.v1 import assessment_pb2
from shuangdao.assessment.v1 import events_pb2 as assessment_events
from shuangdao.cadres.v1 import events_pb2 as cadres_events
from shuangdao.common.v1 import divisions_pb2
from shuangdao.funds.v1 import events_pb2 as funds_events
from shuangdao.registry.v1 import events_pb2 as registry_events
from shuangdao.registry.v1 import registry_pb2

from chassis.inbox import InvalidEvent
from chassis.kafka import Envelope
from chassis.outbox import OutgoingEvent

from assessment.config import CLOCK_TOPIC, FLAG_TOPIC, SCORE_TOPIC
from assessment.domain import events as ev
from assessment.domain import model as m
from assessment.domain.divisions import is_division_code
from assessment.domain.figures import YearFigures

SOURCE = "assessment"
# One clock for the province: every tick under one key.
CLOCK_KEY = "province"

# Event type (header) -> payload class this service accepts. Types the
# assessment reads nothing from are still listed, so they are acknowledged
# rather than dead-lettered as unknown.
CONSUMED: dict[str, type[Message]] = {
    "household-submitted": registry_events.HouseholdSubmitted,
    "step-decided": registry_events.StepDecided,
    "household-registered": registry_events.HouseholdRegistered,
    "household-rejected": registry_events.HouseholdRejected,
    "survey-recorded": registry_events.SurveyRecorded,
    "exit-proposed": registry_events.ExitProposed,
    "household-exited": registry_events.HouseholdExited,
    "risk-flagged": registry_events.RiskFlagged,
    "risk-cleared": registry_events.RiskCleared,
    "returned-to-poverty": registry_events.ReturnedToPoverty,
    "unit-paired": cadres_events.UnitPaired,
    "pairing-ended": cadres_events.PairingEnded,
    "plan-adopted": cadres_events.PlanAdopted,
    "cadre-stationed": cadres_events.CadreStationed,
    "cadre-withdrawn": cadres_events.CadreWithdrawn,
    "attendance-summarised": cadres_events.AttendanceSummarised,
    "leave-decided": cadres_events.LeaveDecided,
    "inspection-recorded": cadres_events.InspectionRecorded,
    "complaint-recorded": cadres_events.ComplaintRecorded,
    "complaint-resolved": cadres_events.ComplaintResolved,
    "funds-allocated": funds_events.FundsAllocated,
    "project-created": funds_events.ProjectCreated,
    "funds-committed": funds_events.FundsCommitted,
    "project-completed": funds_events.ProjectCompleted,
    "funds-disbursed": funds_events.FundsDisbursed,
    "disbursement-reversed": funds_events.DisbursementReversed,
    "collective-income-recorded": funds_events.CollectiveIncomeRecorded,
    "clock-ticked": assessment_events.ClockTicked,
}
# Attendance summaries carry what leave decisions decide; commitments and
# completions do not change what is disbursed; proposals are not exits.
IGNORED = {"household-submitted", "step-decided", "household-rejected", "exit-proposed", "leave-decided",
           "funds-committed", "project-completed"}


def _shown(value: str, limit: int = 64) -> str:
    """A refused value as a dead-letter reason quotes it: cut short, so a huge
    value cannot make the reason (and the dead letter) too large to send."""
    return repr(value) if len(value) <= limit else f"{value[:limit]!r}... ({len(value)} characters)"


class _Reader:
    """Collects every contract breach of one message, then raises once."""

    def __init__(self, message: Any, fallback_time: str, appended_at: datetime | None = None) -> None:
        self.message = message
        self.fallback_time = fallback_time
        self.appended_at = appended_at
        self.problems: list[str] = []

    def text(self, field: str) -> str:
        value = getattr(self.message, field)
        if not value:
            self.problems.append(f"{field} is empty")
        return str(value)

    def positive(self, field: str, allow_zero: bool = False) -> int:
        value = int(getattr(self.message, field))
        if value < 0 or (value == 0 and not allow_zero):
            self.problems.append(f"{field} must be {'>= 0' if allow_zero else 'positive'}, got {value}")
        return value

    def year(self, field: str = "year") -> int:
        value = int(getattr(self.message, field))
        if not 1949 <= value <= 2200:
            self.problems.append(f"{field} must be a calendar year, got {value}")
        return value

    def divisions(self, field: str) -> ev.Divisions:
        d = getattr(self.message, field)
        codes = []
        for name in ("province_code", "city_code", "county_code", "township_code", "village_code"):
            code = getattr(d, name)
            if not is_division_code(code):
                self.problems.append(f"{field}.{name} must be a 12-digit division code, got {code!r}")
            codes.append(code)
        village = codes[4]
        if is_division_code(village) and (village[6:9] == "000" or village[9:] == "000"):
            self.problems.append(f"{field}.village_code {village!r} does not name a village")
        return ev.Divisions(*codes)

    def time(self, field: str) -> datetime:
        value = getattr(self.message, field) or self.fallback_time
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.problems.append(f"{field} must be an RFC 3339 time, got {_shown(value)}")
            return datetime(1970, 1, 1, tzinfo=UTC)
        if moment.tzinfo is None:
            self.problems.append(f"{field} must carry a time zone, got {_shown(value)}")
            return moment.replace(tzinfo=UTC)
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # e.g. 9999-12-31T23:59:59-14:00 is past year 9999 in UTC
            self.problems.append(f"{field} is out of range in UTC, got {_shown(value)}")
            return datetime(1970, 1, 1, tzinfo=UTC)

    def date(self, field: str, required: bool = True) -> date | None:
        value = getattr(self.message, field)
        if not value and not required:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problems.append(f"{field} must be a date YYYY-MM-DD, got {value!r}")
            return None

    def done(self, fact: ev.Event) -> ev.Event:
        if self.problems:
            raise InvalidEvent("; ".join(self.problems))
        return fact


def _category(value: int) -> str:
    name = registry_pb2.Category.Name(value) if value in registry_pb2.Category.values() else ""
    return name.removeprefix("CATEGORY_").lower()


def _enum_word(enum: Any, prefix: str, value: int) -> str:
    return enum.Name(value).removeprefix(prefix).lower() if value in enum.values() else "unspecified"


def _household_registered(r: _Reader) -> ev.Event:
    msg = r.message
    category = _category(msg.category)
    if category in ("", "unspecified"):
        r.problems.append(f"category {msg.category} is not a known household category")
    return r.done(ev.HouseholdRegistered(
        household_id=r.text("household_id"), divisions=r.divisions("divisions"), category=category,
        people=r.positive("member_count"), at=r.time("registered_at"),
        able_to_work=r.positive("able_to_work_count", allow_zero=True),
        entry_income_per_capita_fen=msg.entry_income_per_capita_fen))


def _survey(r: _Reader) -> ev.Event:
    msg = r.message
    i, g = msg.income, msg.guarantees
    components = i.wages_fen + i.farming_fen + i.business_fen + i.property_fen + i.transfers_fen - i.costs_fen
    return r.done(ev.SurveyRecorded(
        survey_id=r.text("survey_id"), household_id=r.text("household_id"), divisions=r.divisions("divisions"),
        year=r.year(), household_size=r.positive("household_size"), income_components_fen=components,
        net_income_fen=msg.net_income_fen, per_capita_net_income_fen=msg.per_capita_net_income_fen,
        guarantees_met=g.food_and_clothing and g.compulsory_schooling and g.medical_insurance and g.safe_housing,
        supersedes_survey_id=msg.supersedes_survey_id, at=r.time("recorded_at")))


def _status(status: str, time_field: str) -> Callable[[_Reader], ev.Event]:
    def read(r: _Reader) -> ev.Event:
        return r.done(ev.HouseholdStatusChanged(
            household_id=r.text("household_id"), divisions=r.divisions("divisions"), status=status,
            year=r.year(), people=r.positive("member_count", allow_zero=True), at=r.time(time_field)))
    return read


def _risk_flagged(r: _Reader) -> ev.Event:
    return r.done(ev.RiskFlagged(household_id=r.text("household_id"), divisions=r.divisions("divisions"),
                                 category=_enum_word(registry_events.RiskCategory, "RISK_CATEGORY_",
                                                     r.message.category),
                                 rule=r.message.rule, at=r.time("flagged_at")))


def _risk_cleared(r: _Reader) -> ev.Event:
    return r.done(ev.RiskCleared(household_id=r.text("household_id"), divisions=r.divisions("divisions"),
                                 at=r.time("cleared_at")))


def _unit_paired(r: _Reader) -> ev.Event:
    start = r.date("start_date")
    return r.done(ev.UnitPaired(pairing_id=r.text("pairing_id"), unit_id=r.text("unit_id"),
                                unit_kind=_enum_word(cadres_events.UnitKind, "UNIT_KIND_", r.message.unit_kind),
                                divisions=r.divisions("village"), start=start,  # type: ignore[arg-type]
                                at=_day_time(start)))


def _day_time(day: date | None) -> datetime:
    """Cadres' events carry dates only: the fact's time is that day's start in UTC."""
    return datetime.combine(day or date(1970, 1, 1), datetime.min.time(), tzinfo=UTC)


def _pairing_ended(r: _Reader) -> ev.Event:
    end = r.date("end_date")
    return r.done(ev.PairingEnded(pairing_id=r.text("pairing_id"), unit_id=r.text("unit_id"),
                                  divisions=r.divisions("village"), end=end, at=_day_time(end)))  # type: ignore[arg-type]


def _plan(r: _Reader) -> ev.Event:
    year = r.year()
    return r.done(ev.PlanAdopted(plan_id=r.text("plan_id"), unit_id=r.text("unit_id"),
                                 divisions=r.divisions("village"), year=year,
                                 planned_funds_fen=r.positive("planned_funds_fen", allow_zero=True),
                                 target_collective_income_fen=r.message.target_collective_income_fen,
                                 at=_day_time(date(year, 1, 1) if 1949 <= year <= 2200 else None)))


def _stationed(r: _Reader) -> ev.Event:
    start = r.date("start_date")
    return r.done(ev.CadreStationed(cadre_id=r.text("cadre_id"), unit_id=r.text("unit_id"),
                                    divisions=r.divisions("village"), start=start, at=_day_time(start)))  # type: ignore[arg-type]


def _withdrawn(r: _Reader) -> ev.Event:
    end = r.date("end_date")
    return r.done(ev.CadreWithdrawn(cadre_id=r.text("cadre_id"), unit_id=r.message.unit_id,
                                    divisions=r.divisions("village"), end=end, at=_day_time(end)))  # type: ignore[arg-type]


def _attendance(r: _Reader) -> ev.Event:
    msg = r.message
    month = msg.month
    first = None
    try:
        first = date.fromisoformat(f"{month}-01") if len(month) == 7 else None
    except ValueError:
        pass
    if first is None:
        r.problems.append(f"month must be YYYY-MM, got {month!r}")
    # The summary stands for its month: it is dated at the month's last known
    # change, which the contract does not carry; the month's start is stable.
    return r.done(ev.AttendanceSummarised(
        cadre_id=r.text("cadre_id"), unit_id=msg.unit_id, divisions=r.divisions("village"), month=month,
        working_days=r.positive("working_days", allow_zero=True),
        days_in_village=r.positive("days_in_village", allow_zero=True),
        days_on_approved_leave=r.positive("days_on_approved_leave", allow_zero=True),
        days_absent_without_leave=r.positive("days_absent_without_leave", allow_zero=True),
        revision=r.positive("revision", allow_zero=True), at=_day_time(first)))


def _inspection(r: _Reader) -> ev.Event:
    msg = r.message
    day = r.date("inspected_on")
    return r.done(ev.InspectionRecorded(
        inspection_id=r.text("inspection_id"), cadre_id=r.text("cadre_id"), unit_id=msg.unit_id,
        divisions=r.divisions("village"), inspected_on=day, present=msg.present,  # type: ignore[arg-type]
        excused=msg.on_approved_leave or msg.on_rest_day, at=_day_time(day)))


def _complaint(r: _Reader) -> ev.Event:
    day = r.date("received_on")
    return r.done(ev.ComplaintRecorded(complaint_id=r.text("complaint_id"), cadre_id=r.text("cadre_id"),
                                       divisions=r.divisions("village"), received_on=day, at=_day_time(day)))  # type: ignore[arg-type]


def _complaint_resolved(r: _Reader) -> ev.Event:
    day = r.date("resolved_on")
    return r.done(ev.ComplaintResolved(complaint_id=r.text("complaint_id"), cadre_id=r.text("cadre_id"),
                                       divisions=r.divisions("village"), upheld=r.message.upheld,
                                       at=_day_time(day)))


def _allocated(r: _Reader) -> ev.Event:
    msg = r.message
    if msg.source_kind not in funds_events.SourceKind.values() or msg.source_kind == 0:
        # Scoring reads the kind (a unit's own funds count for the unit): never guess it.
        r.problems.append(f"source_kind {msg.source_kind} is not a known source kind")
    return r.done(ev.FundsAllocated(
        allocation_id=r.text("allocation_id"),
        source_kind=_enum_word(funds_events.SourceKind, "SOURCE_KIND_", msg.source_kind), unit_id=msg.unit_id,
        divisions=r.divisions("village"), amount_fen=r.positive("amount_fen"), year=r.year(),
        at=r.time("allocated_at")))


def _disbursed(r: _Reader) -> ev.Event:
    return r.done(ev.FundsDisbursed(disbursement_id=r.text("disbursement_id"), allocation_id=r.text("allocation_id"),
                                    divisions=r.divisions("village"), amount_fen=r.positive("amount_fen"),
                                    at=r.time("disbursed_at")))


def _reversed(r: _Reader) -> ev.Event:
    return r.done(ev.DisbursementReversed(
        reversal_id=r.text("reversal_id"), disbursement_id=r.text("disbursement_id"),
        allocation_id=r.text("allocation_id"), divisions=r.divisions("village"),
        amount_fen=r.positive("amount_fen"), at=r.time("reversed_at")))


def _project(r: _Reader) -> ev.Event:
    return r.done(ev.ProjectCreated(project_id=r.text("project_id"), divisions=r.divisions("village"),
                                    poor_households=r.positive("poor_households", allow_zero=True),
                                    at=r.time("created_at")))


def _collective_income(r: _Reader) -> ev.Event:
    return r.done(ev.CollectiveIncomeRecorded(
        record_id=r.text("record_id"), divisions=r.divisions("village"), year=r.year(),
        amount_fen=r.positive("amount_fen", allow_zero=True), at=r.time("recorded_at")))


# How far a tick's time may run ahead of the broker's clock: the publisher's
# clock may be a little fast, no more.
TICK_SKEW = timedelta(minutes=5)


def _clock_ticked(r: _Reader) -> ev.Event:
    r.text("as_of")  # a tick names its moment: the envelope's time is no stand-in
    as_of = r.time("as_of")
    if not 1949 <= as_of.year <= 2200:
        # Deadlines are counted back from the tick; and a tick cannot be taken back.
        r.problems.append(f"as_of must fall in a calendar year 1949-2200, got {_shown(r.message.as_of)}")
    # A tick cannot be taken back, so one from the future would raise flags for
    # deadlines not yet passed, for good. Anyone able to write to the topic could
    # send one; only the broker's own append time bounds it (and a rebuild reads
    # the same stored time, so it judges the tick the same way).
    if r.appended_at is None:
        r.problems.append("a clock tick must arrive on a topic the broker stamps with its append time "
                          "(message.timestamp.type=LogAppendTime): nothing else bounds a tick's time")
    elif as_of > r.appended_at + TICK_SKEW:
        r.problems.append(f"as_of {_shown(r.message.as_of)} is ahead of the broker's append time "
                          f"{r.appended_at.isoformat()} by more than {TICK_SKEW}")
    return r.done(ev.ClockTicked(as_of=as_of))


READERS: dict[str, Callable[[_Reader], ev.Event]] = {
    "household-registered": _household_registered, "survey-recorded": _survey,
    "household-exited": _status("exited", "exited_at"), "returned-to-poverty": _status("returned", "returned_at"),
    "risk-flagged": _risk_flagged, "risk-cleared": _risk_cleared, "unit-paired": _unit_paired,
    "pairing-ended": _pairing_ended, "plan-adopted": _plan, "cadre-stationed": _stationed,
    "cadre-withdrawn": _withdrawn, "attendance-summarised": _attendance, "inspection-recorded": _inspection,
    "complaint-recorded": _complaint, "complaint-resolved": _complaint_resolved, "funds-allocated": _allocated,
    "funds-disbursed": _disbursed, "disbursement-reversed": _reversed, "project-created": _project,
    "collective-income-recorded": _collective_income, "clock-ticked": _clock_ticked,
}


def inbound(type_: str, message: Message, envelope_time: str = "", appended_at: datetime | None = None) -> ev.Event:
    """`appended_at`: the broker's append time of the record, where its topic keeps one."""
    if type_ in IGNORED:
        return ev.Ignored(type_)
    reader = READERS.get(type_)
    if reader is None:
        raise InvalidEvent(f"unknown-type: {type_!r}")
    return reader(_Reader(message, envelope_time, appended_at))


# ---- outgoing ------------------------------------------------------------------------

def rfc3339(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else ""


def divisions_message(d: ev.Divisions) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=d.province_code, city_code=d.city_code,
                                      county_code=d.county_code, township_code=d.township_code,
                                      village_code=d.village_code)


def outgoing(event: object, topic: Callable[[str], str]) -> OutgoingEvent:
    """A domain event as the outbox row that will carry it."""
    if isinstance(event, m.ScoreRecalculated):
        s = event.score
        payload: Message = assessment_events.ScoreRecalculated(
            target_kind=s.target_kind, target_id=s.target_id, divisions=divisions_message(s.divisions),
            score_centi=s.score_centi, grade=s.grade, unqualified=s.unqualified, rubric_version=s.rubric_version,
            computed_at=rfc3339(event.computed_at))
        envelope = Envelope.new(SOURCE, "score-recalculated", payload.DESCRIPTOR.full_name, at=event.computed_at)
        return OutgoingEvent(topic(SCORE_TOPIC), f"{s.target_kind}:{s.target_id}", envelope,
                             payload.SerializeToString())
    if isinstance(event, m.FlagRaised):
        f = event.flag
        payload = assessment_events.FlagRaised(
            flag_id=f.flag_id, target_kind=f.target_kind, target_id=f.target_id,
            divisions=divisions_message(f.divisions), rule=f.rule, evidence=f.evidence, raised_at=rfc3339(f.raised_at))
        envelope = Envelope.new(SOURCE, "flag-raised", payload.DESCRIPTOR.full_name)
        return OutgoingEvent(topic(FLAG_TOPIC), f.flag_id, envelope, payload.SerializeToString())
    if isinstance(event, m.FlagCleared):
        f = event.flag
        payload = assessment_events.FlagCleared(
            flag_id=f.flag_id, target_kind=f.target_kind, target_id=f.target_id, rule=f.rule, reason=event.reason,
            cleared_at=rfc3339(f.cleared_at))
        envelope = Envelope.new(SOURCE, "flag-cleared", payload.DESCRIPTOR.full_name)
        return OutgoingEvent(topic(FLAG_TOPIC), f.flag_id, envelope, payload.SerializeToString())
    if isinstance(event, ev.ClockTicked):
        payload = assessment_events.ClockTicked(as_of=rfc3339(event.as_of))
        envelope = Envelope.new(SOURCE, "clock-ticked", payload.DESCRIPTOR.full_name, at=event.as_of)
        return OutgoingEvent(topic(CLOCK_TOPIC), CLOCK_KEY, envelope, payload.SerializeToString())
    raise TypeError(f"no translation for {type(event).__name__}")


# ---- API messages ----------------------------------------------------------------------

def summary_message(summary: m.VillageSummary) -> assessment_pb2.VillageSummary:
    return assessment_pb2.VillageSummary(village_code=summary.village_code,
                                         registered_households=summary.registered_households,
                                         registered_people=summary.registered_people)


def score_message(s: m.Score, computed_at: datetime | None = None) -> assessment_pb2.Score:
    return assessment_pb2.Score(
        target_kind=s.target_kind, target_id=s.target_id, divisions=divisions_message(s.divisions),
        score_centi=s.score_centi, score=s.score_text, grade_by_score=s.grade_by_score, grade=s.grade,
        unqualified=s.unqualified, unqualified_by=list(s.unqualified_by), rubric_version=s.rubric_version,
        as_of=rfc3339(s.as_of),
        position=assessment_pb2.StreamPosition(facts=s.position.facts, last_fact_at=rfc3339(s.position.last_fact_at)),
        indicators=[assessment_pb2.IndicatorScore(
            indicator=i.indicator, weight=i.weight, points_centi=i.points_centi, measurable=i.measurable,
            raw_value=i.raw_value, formula=i.formula, counts=[assessment_pb2.Count(name=k, value=v) for k, v in i.counts],
            note=i.note) for i in s.indicators],
        constituents=[assessment_pb2.Constituent(target_id=c.target_id, score_centi=c.score_centi, weight=c.weight,
                                                 unqualified=c.unqualified) for c in s.constituents],
        computed_at=rfc3339(computed_at))


def flag_message(f: m.Flag) -> assessment_pb2.Flag:
    return assessment_pb2.Flag(flag_id=f.flag_id, target_kind=f.target_kind, target_id=f.target_id,
                               divisions=divisions_message(f.divisions), rule=f.rule, evidence=f.evidence,
                               raised_at=rfc3339(f.raised_at), cleared_at=rfc3339(f.cleared_at), active=f.active)


def year_message(y: YearFigures) -> assessment_pb2.YearIncome:
    return assessment_pb2.YearIncome(year=y.year, surveyed_households=y.households, surveyed_people=y.people,
                                     per_capita_income_fen=y.per_capita_income_fen, counties=y.counties,
                                     disparity_ratio=y.disparity_ratio,
                                     coefficient_of_variation=y.coefficient_of_variation)
