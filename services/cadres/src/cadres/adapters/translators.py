"""Domain events -> the protobuf payloads of protos/shuangdao/cadres/v1/events.proto,
as outbox rows on the right topic with the right key."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from google.protobuf.message import Message
from shuangdao.cadres.v1 import events_pb2
from shuangdao.common.v1 import divisions_pb2

from chassis.kafka import Envelope
from chassis.outbox import OutgoingEvent

from cadres.domain import events
from cadres.domain.divisions import DivisionPath

SOURCE = "shuangdao/cadres"


@dataclass(frozen=True)
class Topics:
    pairing: str
    cadre: str


def divisions_message(path: DivisionPath) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=path.province, city_code=path.city, county_code=path.county,
                                      township_code=path.township, village_code=path.village)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def enum_number(enum: Any, prefix: str, word: str) -> int:
    return int(enum.Value(prefix + word.upper()))


def _unit_paired(e: events.UnitPaired) -> Message:
    return events_pb2.UnitPaired(pairing_id=e.pairing_id, unit_id=e.unit_id, unit_name=e.unit_name,
                                 unit_kind=enum_number(events_pb2.UnitKind, "UNIT_KIND_", e.unit_kind.value),
                                 village=divisions_message(e.village), start_date=e.start_date.isoformat())


def _pairing_ended(e: events.PairingEnded) -> Message:
    return events_pb2.PairingEnded(pairing_id=e.pairing_id, unit_id=e.unit_id, village=divisions_message(e.village),
                                   end_date=e.end_date.isoformat(), reason=e.reason)


def _plan_adopted(e: events.PlanAdopted) -> Message:
    return events_pb2.PlanAdopted(
        plan_id=e.plan_id, pairing_id=e.pairing_id, unit_id=e.unit_id, village=divisions_message(e.village),
        year=e.year, target_exited_households=e.target_exited_households,
        target_per_capita_income_fen=e.target_per_capita_income_fen,
        target_collective_income_fen=e.target_collective_income_fen, planned_funds_fen=e.planned_funds_fen)


def _cadre_stationed(e: events.CadreStationed) -> Message:
    return events_pb2.CadreStationed(cadre_id=e.cadre_id, unit_id=e.unit_id, pairing_id=e.pairing_id,
                                     village=divisions_message(e.village), start_date=e.start_date.isoformat(),
                                     replaces_cadre_id=e.replaces_cadre_id)


def _cadre_withdrawn(e: events.CadreWithdrawn) -> Message:
    return events_pb2.CadreWithdrawn(cadre_id=e.cadre_id, unit_id=e.unit_id, village=divisions_message(e.village),
                                     end_date=e.end_date.isoformat(), reason=e.reason)


def _attendance_summarised(e: events.AttendanceSummarised) -> Message:
    s = e.summary
    return events_pb2.AttendanceSummarised(
        cadre_id=e.cadre_id, unit_id=e.unit_id, village=divisions_message(e.village), month=e.month,
        working_days=s.working_days, days_in_village=s.days_in_village,
        days_on_approved_leave=s.days_on_approved_leave, weekend_days=s.weekend_days,
        days_absent_without_leave=s.days_absent_without_leave, revision=e.revision)


def _leave_decided(e: events.LeaveDecided) -> Message:
    return events_pb2.LeaveDecided(leave_id=e.leave_id, cadre_id=e.cadre_id, village=divisions_message(e.village),
                                   first_day=e.first_day.isoformat(), last_day=e.last_day.isoformat(),
                                   approved=e.approved, decided_at=utc_text(e.decided_at))


def _inspection_recorded(e: events.InspectionRecorded) -> Message:
    return events_pb2.InspectionRecorded(
        inspection_id=e.inspection_id, cadre_id=e.cadre_id, unit_id=e.unit_id, village=divisions_message(e.village),
        inspected_on=e.inspected_on.isoformat(),
        method=enum_number(events_pb2.InspectionMethod, "INSPECTION_METHOD_", e.method.value),
        present=e.present, on_approved_leave=e.on_approved_leave, on_rest_day=e.on_rest_day)


def _complaint_recorded(e: events.ComplaintRecorded) -> Message:
    return events_pb2.ComplaintRecorded(complaint_id=e.complaint_id, cadre_id=e.cadre_id,
                                        village=divisions_message(e.village), received_on=e.received_on.isoformat(),
                                        subject=e.subject.value)


def _complaint_resolved(e: events.ComplaintResolved) -> Message:
    return events_pb2.ComplaintResolved(complaint_id=e.complaint_id, cadre_id=e.cadre_id,
                                        village=divisions_message(e.village), resolved_on=e.resolved_on.isoformat(),
                                        upheld=e.upheld)


# event class -> (header type, payload builder)
PAYLOADS: dict[type, tuple[str, Callable[[Any], Message]]] = {
    events.UnitPaired: ("unit-paired", _unit_paired),
    events.PairingEnded: ("pairing-ended", _pairing_ended),
    events.PlanAdopted: ("plan-adopted", _plan_adopted),
    events.CadreStationed: ("cadre-stationed", _cadre_stationed),
    events.CadreWithdrawn: ("cadre-withdrawn", _cadre_withdrawn),
    events.AttendanceSummarised: ("attendance-summarised", _attendance_summarised),
    events.LeaveDecided: ("leave-decided", _leave_decided),
    events.InspectionRecorded: ("inspection-recorded", _inspection_recorded),
    events.ComplaintRecorded: ("complaint-recorded", _complaint_recorded),
    events.ComplaintResolved: ("complaint-resolved", _complaint_resolved),
}


def outgoing(event: events.Event, topics: Topics) -> OutgoingEvent:
    """A domain event as the outbox row that will carry it: pairing events
    keyed by pairing id, the rest by cadre id, so each stays in order."""
    try:
        kind, build = PAYLOADS[type(event)]
    except KeyError:
        raise TypeError(f"no translation for {type(event).__name__}") from None
    payload = build(event)
    if isinstance(event, events.PairingEvent):
        topic, key = topics.pairing, event.pairing_id
    else:
        topic, key = topics.cadre, event.cadre_id  # type: ignore[attr-defined]
    envelope = Envelope.new(SOURCE, kind, payload.DESCRIPTOR.full_name)
    return OutgoingEvent(topic=topic, key=key, envelope=envelope, payload=payload.SerializeToString())
