"""Request documents -> commands, records -> response documents. Both APIs use
these: the JSON API directly, gRPC through proto_io (its messages have the same
field names, and enums travel as the same lower-case words). A value of the
wrong type is a field violation, never a 500; every problem is reported at once."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from chassis.errors import FieldViolation, collect

from cadres.domain import commands, fields
from cadres.domain.attendance import CountedDay
from cadres.domain.divisions import DivisionPath
from cadres.domain.model import (Complaint, Inspection, Leave, Pairing, Stationing, SupportUnit, TopLeader,
                                 VillagePlan, YearlyPlan)
from cadres.domain.vocabulary import (AttendanceMark, ComplaintFinding, ComplaintSubject, InspectionMethod,
                                      InspectionOutcome, LeaveDecision, Recorder, UnitKind)
from cadres.service_layer.views import AttendanceMonth, CadreRecord, Plans

Body = dict[str, Any]
MAX_YEAR = 2100
PHONE_CHARACTERS = set("0123456789+- ()")


class Reader:
    """Reads typed values out of a request document, collecting violations."""

    def __init__(self, body: Body, at: str = "") -> None:
        self.body = body
        self.at = at
        self.violations: list[FieldViolation] = []

    def _raw(self, key: str, kind: type | tuple[type, ...], kind_name: str, default: Any) -> Any:
        value = self.body.get(key, default)
        if value is None:
            return default
        if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            self.violations.append(FieldViolation(self.at + key, f"must be {kind_name}"))
            return default
        return value

    def string(self, key: str) -> str:
        value: str = self._raw(key, str, "a string", "")
        if "\x00" in value:  # PostgreSQL text cannot hold it
            self.violations.append(FieldViolation(self.at + key, "must not contain NUL characters"))
            return ""
        return value

    def integer(self, key: str) -> int:
        return self._raw(key, int, "an integer", 0)

    def text(self, key: str, required: bool = True, limit: int = fields.MAX_NAME) -> str:
        return fields.text(self.string(key), self.at + key, self.violations, required, limit)

    def day(self, key: str, required: bool = True) -> date | None:
        return fields.day(self.string(key), self.at + key, self.violations, required=required)

    def id(self, key: str, required: bool = True) -> str:
        return fields.identifier(self.string(key), self.at + key, self.violations, required)

    def word(self, kind: type, key: str) -> Any:
        return fields.word(kind, self.string(key), self.at + key, self.violations)

    def amount(self, key: str) -> int:
        return fields.non_negative(self.integer(key), self.at + key, self.violations)

    def nested(self, key: str) -> "Reader":
        value = self.body.get(key)
        if not isinstance(value, dict):
            self.violations.append(FieldViolation(self.at + key, "must be an object"))
            value = {}
        inner = Reader(value, f"{self.at}{key}.")
        inner.violations = self.violations
        return inner

    def done(self) -> None:
        collect(self.violations)


def _leader(reader: Reader) -> tuple[str, str, date | None]:
    leader = reader.nested("top_leader")
    return leader.text("name"), leader.text("title", required=False), leader.day("since")


def register_support_unit(body: Body) -> commands.RegisterSupportUnit:
    r = Reader(body)
    unit_id, name, kind = r.id("unit_id", required=False), r.text("name"), r.word(UnitKind, "kind")
    leader_name, leader_title, since = _leader(r)
    r.done()
    return commands.RegisterSupportUnit(name=name, kind=kind, leader_name=leader_name, leader_title=leader_title,
                                        leader_since=since, unit_id=unit_id)  # type: ignore[arg-type]


def change_top_leader(body: Body) -> commands.ChangeTopLeader:
    r = Reader(body)
    unit_id = r.id("unit_id")
    leader_name, leader_title, since = _leader(r)
    r.done()
    return commands.ChangeTopLeader(unit_id, leader_name, leader_title, since)  # type: ignore[arg-type]


def pair_unit(body: Body) -> commands.PairUnit:
    r = Reader(body)
    command = commands.PairUnit(unit_id=r.id("unit_id"), village_code=village(r, "village_code"),
                                start_date=r.day("start_date"), pairing_id=r.id("pairing_id", required=False))  # type: ignore[arg-type]
    r.done()
    return command


def village(r: Reader, key: str) -> str:
    return fields.village(r.string(key), key, r.violations)


def end_pairing(body: Body) -> commands.EndPairing:
    r = Reader(body)
    command = commands.EndPairing(r.id("pairing_id"), r.day("end_date"),  # type: ignore[arg-type]
                                  r.text("reason", limit=fields.MAX_TEXT))
    r.done()
    return command


def adopt_village_plan(body: Body) -> commands.AdoptVillagePlan:
    r = Reader(body)
    command = commands.AdoptVillagePlan(r.id("pairing_id"), r.text("strategy", limit=fields.MAX_TEXT),
                                        r.day("adopted_on"))  # type: ignore[arg-type]
    r.done()
    return command


def adopt_yearly_plan(body: Body) -> commands.AdoptYearlyPlan:
    r = Reader(body)
    pairing_id, year = r.id("pairing_id"), r.integer("year")
    if not fields.EARLIEST.year <= year <= MAX_YEAR:
        r.violations.append(FieldViolation("year", f"must be a year from {fields.EARLIEST.year} to {MAX_YEAR}"))
    households = fields.non_negative(r.integer("target_exited_households"), "target_exited_households",
                                     r.violations, limit=10**6)
    command = commands.AdoptYearlyPlan(
        pairing_id=pairing_id, year=year, target_exited_households=households,
        target_per_capita_income_fen=r.amount("target_per_capita_income_fen"),
        target_collective_income_fen=r.amount("target_collective_income_fen"),
        planned_funds_fen=r.amount("planned_funds_fen"), measures=r.text("measures", False, fields.MAX_TEXT))
    r.done()
    return command


def register_cadre(body: Body) -> commands.RegisterCadre:
    r = Reader(body)
    phone = r.text("phone", required=False, limit=20)
    if phone and not set(phone) <= PHONE_CHARACTERS:
        r.violations.append(FieldViolation("phone", "may hold only digits, spaces and + - ( )"))
    command = commands.RegisterCadre(unit_id=r.id("unit_id"), name=r.text("name"),
                                     position=r.text("position", required=False), phone=phone,
                                     cadre_id=r.id("cadre_id", required=False))
    r.done()
    return command


def station_cadre(body: Body) -> commands.StationCadre:
    r = Reader(body)
    command = commands.StationCadre(r.id("cadre_id"), r.id("pairing_id"), r.day("start_date"),  # type: ignore[arg-type]
                                    r.day("register_from", required=False), r.day("end_date", required=False),
                                    r.text("end_reason", required=False, limit=fields.MAX_TEXT))
    if command.end_date is not None and not command.end_reason:
        r.violations.append(FieldViolation("end_reason", "is required with end_date"))
    r.done()
    return command


def withdraw_cadre(body: Body) -> commands.WithdrawCadre:
    r = Reader(body)
    command = commands.WithdrawCadre(r.id("cadre_id"), r.day("end_date"),  # type: ignore[arg-type]
                                     r.text("reason", limit=fields.MAX_TEXT))
    r.done()
    return command


def rotate_cadre(body: Body) -> commands.RotateCadre:
    r = Reader(body)
    command = commands.RotateCadre(r.id("outgoing_cadre_id"), r.id("incoming_cadre_id"),
                                   r.day("handover_date"), r.text("reason", limit=fields.MAX_TEXT))  # type: ignore[arg-type]
    r.done()
    return command


def record_attendance(body: Body) -> commands.RecordAttendance:
    r = Reader(body)
    command = commands.RecordAttendance(r.id("cadre_id"), r.day("day"), r.word(AttendanceMark, "mark"),  # type: ignore[arg-type]
                                        r.word(Recorder, "recorded_by"), r.text("note", False, fields.MAX_TEXT))
    r.done()
    return command


def request_leave(body: Body) -> commands.RequestLeave:
    r = Reader(body)
    command = commands.RequestLeave(r.id("cadre_id"), r.day("first_day"), r.day("last_day"),  # type: ignore[arg-type]
                                    r.text("reason", limit=fields.MAX_TEXT), r.id("leave_id", required=False))
    r.done()
    return command


def decide_leave(body: Body) -> commands.DecideLeave:
    r = Reader(body)
    command = commands.DecideLeave(r.id("leave_id"), r.word(LeaveDecision, "decision"), r.text("decided_by"),
                                   r.text("note", False, fields.MAX_TEXT))
    r.done()
    return command


def record_inspection(body: Body) -> commands.RecordInspection:
    r = Reader(body)
    command = commands.RecordInspection(
        cadre_id=r.id("cadre_id"), inspected_on=r.day("inspected_on"),  # type: ignore[arg-type]
        method=r.word(InspectionMethod, "method"), outcome=r.word(InspectionOutcome, "outcome"),
        inspector=r.text("inspector"), note=r.text("note", False, fields.MAX_TEXT),
        inspection_id=r.id("inspection_id", required=False))
    r.done()
    return command


def record_complaint(body: Body) -> commands.RecordComplaint:
    r = Reader(body)
    command = commands.RecordComplaint(r.id("cadre_id"), r.day("received_on"),  # type: ignore[arg-type]
                                       r.word(ComplaintSubject, "subject"), r.text("details", False, fields.MAX_TEXT),
                                       r.id("complaint_id", required=False))
    r.done()
    return command


def resolve_complaint(body: Body) -> commands.ResolveComplaint:
    r = Reader(body)
    command = commands.ResolveComplaint(r.id("complaint_id"), r.day("resolved_on"),  # type: ignore[arg-type]
                                        r.word(ComplaintFinding, "finding"), r.text("resolution", limit=fields.MAX_TEXT))
    r.done()
    return command


def an_id(body: Body, key: str) -> str:
    r = Reader(body)
    value = r.id(key)
    r.done()
    return value


def a_month(body: Body) -> tuple[str, int, int]:
    r = Reader(body)
    cadre_id = r.id("cadre_id")
    parsed = fields.month(r.string("month"), "month", r.violations)
    r.done()
    return cadre_id, *parsed  # type: ignore[misc]


def pairing_filter(body: Body) -> tuple[str, str]:
    r = Reader(body)
    code, unit_id = r.string("village_code"), r.id("unit_id", required=False)
    if code:
        code = village(r, "village_code")
    r.done()
    return code, unit_id


def village_filter(body: Body) -> str:
    r = Reader(body)
    code = village(r, "village_code")
    r.done()
    return code


# ---- responses


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime | None) -> str:
    return value.isoformat().replace("+00:00", "Z") if value else ""


def divisions(path: DivisionPath) -> Body:
    return {"province_code": path.province, "city_code": path.city, "county_code": path.county,
            "township_code": path.township, "village_code": path.village}


def _leader_doc(leader: TopLeader) -> Body:
    return {"name": leader.name, "title": leader.title, "since": _day(leader.since)}


def support_unit(unit: SupportUnit) -> Body:
    return {"unit_id": unit.id, "name": unit.name, "kind": unit.kind.value, "top_leader": _leader_doc(unit.top_leader),
            "top_leader_history": [_leader_doc(leader) for leader in unit.leaders],
            "registered_at": _moment(unit.registered_at)}


def pairing(p: Pairing) -> Body:
    return {"pairing_id": p.id, "unit_id": p.unit_id, "village": divisions(p.village), "start_date": _day(p.start),
            "end_date": _day(p.end), "end_reason": p.end_reason, "active": p.active}


def pairings(found: list[Pairing]) -> Body:
    return {"pairings": [pairing(p) for p in found]}


def village_plan(plan: VillagePlan) -> Body:
    return {"pairing_id": plan.pairing_id, "village": divisions(plan.village), "strategy": plan.strategy,
            "adopted_on": _day(plan.adopted_on)}


def yearly_plan(plan: YearlyPlan) -> Body:
    return {"plan_id": plan.id, "pairing_id": plan.pairing_id, "unit_id": plan.unit_id,
            "village": divisions(plan.village), "year": plan.year,
            "target_exited_households": plan.target_exited_households,
            "target_per_capita_income_fen": plan.target_per_capita_income_fen,
            "target_collective_income_fen": plan.target_collective_income_fen,
            "planned_funds_fen": plan.planned_funds_fen, "measures": plan.measures, "revision": plan.revision,
            "adopted_at": _moment(plan.adopted_at)}


def plans(found: Plans) -> Body:
    body: Body = {"yearly_plans": [yearly_plan(p) for p in found.yearly_plans]}
    if found.village_plan is not None:
        body = {"village_plan": village_plan(found.village_plan), **body}
    return body


def stationing(s: Stationing) -> Body:
    return {"stationing_id": s.id, "cadre_id": s.cadre_id, "unit_id": s.unit_id, "pairing_id": s.pairing_id,
            "village": divisions(s.village), "start_date": _day(s.start), "end_date": _day(s.end),
            "end_reason": s.end_reason, "replaces_cadre_id": s.replaces_cadre_id,
            "replaced_by_cadre_id": s.replaced_by_cadre_id, "active": s.active,
            "register_from": _day(s.register_from)}


def stationings(found: list[Stationing]) -> Body:
    return {"stationings": [stationing(s) for s in found]}


def rotation(withdrawn: Stationing, stationed: Stationing) -> Body:
    return {"withdrawn": stationing(withdrawn), "stationed": stationing(stationed)}


def cadre(record: CadreRecord) -> Body:
    c = record.cadre
    return {"cadre_id": c.id, "unit_id": c.unit_id, "name": c.name, "position": c.position, "phone": c.phone,
            "registered_at": _moment(c.registered_at), "stationings": [stationing(s) for s in record.stationings]}


def attendance_day(day: CountedDay) -> Body:
    return {"day": _day(day.day), "status": day.status.value, "mark": day.mark.value if day.mark else ""}


def attendance_month(month: AttendanceMonth) -> Body:
    return {"cadre_id": month.cadre_id, "month": month.month, "days": [attendance_day(d) for d in month.days],
            "summary": {**vars(month.summary), "revision": month.revision}}


def leave(item: Leave) -> Body:
    return {"leave_id": item.id, "cadre_id": item.cadre_id, "village": divisions(item.village),
            "first_day": _day(item.first_day), "last_day": _day(item.last_day), "reason": item.reason,
            "status": item.status.value, "requested_at": _moment(item.requested_at),
            "decided_at": _moment(item.decided_at), "decided_by": item.decided_by,
            "decision_note": item.decision_note}


def inspection(item: Inspection) -> Body:
    return {"inspection_id": item.id, "cadre_id": item.cadre_id, "unit_id": item.unit_id,
            "village": divisions(item.village), "inspected_on": _day(item.inspected_on), "method": item.method.value,
            "outcome": item.outcome.value, "finding": item.finding.value, "inspector": item.inspector,
            "note": item.note, "recorded_at": _moment(item.recorded_at)}


def complaint(item: Complaint) -> Body:
    return {"complaint_id": item.id, "cadre_id": item.cadre_id, "village": divisions(item.village),
            "received_on": _day(item.received_on), "subject": item.subject.value, "details": item.details,
            "status": item.status.value, "resolved_on": _day(item.resolved_on),
            "finding": item.finding.value if item.finding else "", "resolution": item.resolution}
