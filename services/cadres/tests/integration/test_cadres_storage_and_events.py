"""The cadres service against real PostgreSQL and Kafka: rules hold under
concurrency, history is kept, and every change is announced on its topic as
the contract says."""
from __future__ import annotations

import threading
from datetime import date, datetime, UTC
from typing import Any

import pytest
from kafka import KafkaConsumer, TopicPartition
from shuangdao.cadres.v1 import events_pb2

from chassis.errors import FailedPrecondition
from chassis.outbox import drain
from chassis.security.testing import principal_for
from cadres.bootstrap import Service
from cadres.domain import commands
from cadres.domain.vocabulary import (AttendanceMark, InspectionMethod, InspectionOutcome, LeaveDecision, Recorder,
                                      UnitKind)
from cadres.entrypoints.attendance_clock import AttendanceClock
from cadres.service_layer import views

SANPAI = "441826108201"
OFFICE = principal_for("provincial_office")


def a_unit(service: Service, name: str = "Tobacco Bureau") -> str:
    return service.bus.handle(commands.RegisterSupportUnit(name, UnitKind.ENTERPRISE, "Head", "Director",
                                                           date(2010, 1, 1))).id


def paired_cadres(service: Service, how_many: int = 1, start: date = date(2011, 1, 3)) -> tuple[str, list[str]]:
    unit_id = a_unit(service)
    pairing = service.bus.handle(commands.PairUnit(unit_id, SANPAI, start))
    cadres = [service.bus.handle(commands.RegisterCadre(unit_id, f"Cadre {n}")).id for n in range(how_many)]
    return pairing.id, cadres


def published(service: Service, kafka_bootstrap: str, topic: str) -> list[Any]:
    """Everything on the topic, read by explicit assignment up to the end offsets
    (no consumer group, so no waiting for a rebalance)."""
    drain(service.relay)
    name = service.settings.topic(topic)
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap, api_version=(4, 3), enable_auto_commit=False)
    partitions = [TopicPartition(name, p) for p in sorted(consumer.partitions_for_topic(name) or ())]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    ends = consumer.end_offsets(partitions)
    found: list[Any] = []
    while any(consumer.position(p) < ends[p] for p in partitions):
        for records in consumer.poll(timeout_ms=1000).values():
            found.extend(records)
    consumer.close()
    return sorted(found, key=lambda r: (r.timestamp, r.partition, r.offset))


def of_type(records: list[Any], kind: bytes) -> list[Any]:
    return [r for r in records if dict(r.headers)["type"] == kind]


def test_two_units_racing_for_one_village_end_with_exactly_one_pairing(service: Service) -> None:
    units = [a_unit(service, f"Unit {n}") for n in range(4)]
    outcomes: list[str] = []

    def pair(unit_id: str) -> None:
        try:
            service.bus.handle(commands.PairUnit(unit_id, SANPAI, date(2011, 1, 3)))
            outcomes.append("paired")
        except FailedPrecondition:
            outcomes.append("refused")

    threads = [threading.Thread(target=pair, args=(u,)) for u in units]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paired", "refused", "refused", "refused"]
    assert len(views.pairings(SANPAI, "", service.new_uow(), OFFICE, service.context.province)) == 1


def test_rotation_keeps_the_whole_history_of_the_village_and_announces_it(
        service: Service, kafka_bootstrap: str) -> None:
    pairing_id, (first, second) = paired_cadres(service, 2)
    service.bus.handle(commands.StationCadre(first, pairing_id, date(2011, 1, 3)))
    withdrawn, stationed = service.bus.handle(commands.RotateCadre(first, second, date(2011, 3, 1), "term over"))
    assert (withdrawn.end, stationed.start, stationed.replaces_cadre_id) == (date(2011, 2, 28), date(2011, 3, 1), first)
    history = views.stationings(SANPAI, service.new_uow(), OFFICE)
    assert [(s.cadre_id, s.start, s.end, s.replaced_by_cadre_id) for s in history] == [
        (first, date(2011, 1, 3), date(2011, 2, 28), second), (second, date(2011, 3, 1), None, "")]
    with pytest.raises(FailedPrecondition, match=second):
        service.bus.handle(commands.StationCadre(first, pairing_id, date(2011, 3, 5)))

    records = published(service, kafka_bootstrap, "cadres.cadre.v1")
    def kinds_of(cadre: str) -> list[bytes]:  # keyed by cadre: ordered per cadre, not across them
        return [dict(r.headers)["type"] for r in records
                if r.key.decode() == cadre and dict(r.headers)["type"] != b"attendance-summarised"]

    assert (kinds_of(first), kinds_of(second)) == ([b"cadre-stationed", b"cadre-withdrawn"], [b"cadre-stationed"])
    [second_stationed] = [r for r in of_type(records, b"cadre-stationed") if r.key.decode() == second]
    assert events_pb2.CadreStationed.FromString(second_stationed.value).replaces_cadre_id == first


def test_a_month_of_attendance_is_announced_with_exact_counts_and_rising_revisions(
        service: Service, kafka_bootstrap: str, clock: Any) -> None:
    clock.now = datetime(2011, 3, 31, 12, tzinfo=UTC)  # evening of Thursday 31 March in Guangdong
    pairing_id, (cadre,) = paired_cadres(service)
    service.bus.handle(commands.StationCadre(cadre, pairing_id, date(2011, 1, 3)))
    for day in (1, 2, 3, 4, 7, 8):
        service.bus.handle(commands.RecordAttendance(cadre, date(2011, 3, day), AttendanceMark.IN_VILLAGE,
                                                     Recorder.CADRE))
    late = service.bus.handle(commands.RequestLeave(cadre, date(2011, 3, 9), date(2011, 3, 11), "funeral"))
    refused = service.bus.handle(commands.RequestLeave(cadre, date(2011, 3, 14), date(2011, 3, 14), "errand"))
    service.bus.handle(commands.DecideLeave(refused.id, LeaveDecision.REFUSE, "Unit head"))
    service.bus.handle(commands.DecideLeave(late.id, LeaveDecision.APPROVE, "Unit head"))  # after the fact
    service.bus.handle(commands.RecordAttendance(cadre, date(2011, 3, 31), AttendanceMark.IN_VILLAGE,
                                                 Recorder.VILLAGE_COMMITTEE))

    month = views.attendance_month(cadre, 2011, 3, service.new_uow(), service.context, OFFICE)
    # 23 working days: 7 in the village, 3 on approved leave, 13 unrecorded (incl. the refused 14th).
    assert (month.summary.working_days, month.summary.days_in_village, month.summary.days_on_approved_leave,
            month.summary.weekend_days, month.summary.days_absent_without_leave) == (23, 7, 3, 8, 13)

    summaries = [events_pb2.AttendanceSummarised.FromString(r.value)
                 for r in of_type(published(service, kafka_bootstrap, "cadres.cadre.v1"), b"attendance-summarised")
                 if events_pb2.AttendanceSummarised.FromString(r.value).month == "2011-03"]
    assert [s.revision for s in summaries] == list(range(1, len(summaries) + 1))
    last = summaries[-1]
    assert (last.working_days, last.days_in_village, last.days_on_approved_leave, last.weekend_days,
            last.days_absent_without_leave, last.revision) == (23, 7, 3, 8, 13, month.revision)
    assert last.village.village_code == SANPAI


def test_the_month_end_close_announces_absences_nobody_recorded(
        service: Service, kafka_bootstrap: str, clock: Any) -> None:
    clock.now = datetime(2011, 3, 1, 1, tzinfo=UTC)
    pairing_id, (cadre,) = paired_cadres(service, start=date(2011, 3, 1))
    service.bus.handle(commands.StationCadre(cadre, pairing_id, date(2011, 3, 1)))
    clock.now = datetime(2011, 4, 1, 1, tzinfo=UTC)  # 09:00 on 1 April in Guangdong
    closer = AttendanceClock(service)
    assert closer.tick() == 1
    assert closer.tick() == 0  # once per month
    summaries = [events_pb2.AttendanceSummarised.FromString(r.value)
                 for r in of_type(published(service, kafka_bootstrap, "cadres.cadre.v1"), b"attendance-summarised")]
    assert [(s.month, s.working_days, s.days_absent_without_leave, s.weekend_days) for s in summaries] == [
        ("2011-03", 23, 23, 8)]


def test_an_inspection_finding_the_cadre_absent_without_leave_is_announced_for_assessment(
        service: Service, kafka_bootstrap: str) -> None:
    pairing_id, (cadre,) = paired_cadres(service)
    service.bus.handle(commands.StationCadre(cadre, pairing_id, date(2011, 1, 3)))
    leave = service.bus.handle(commands.RequestLeave(cadre, date(2011, 3, 21), date(2011, 3, 22), "hospital"))
    service.bus.handle(commands.DecideLeave(leave.id, LeaveDecision.APPROVE, "Unit head"))
    absent = service.bus.handle(commands.RecordInspection(cadre, date(2011, 3, 16), InspectionMethod.TELEPHONE,
                                                          InspectionOutcome.ABSENT, "Provincial office"))
    excused = service.bus.handle(commands.RecordInspection(cadre, date(2011, 3, 22), InspectionMethod.ON_SITE,
                                                           InspectionOutcome.ABSENT, "Provincial office"))
    records = of_type(published(service, kafka_bootstrap, "cadres.cadre.v1"), b"inspection-recorded")
    found = {e.inspection_id: e for e in (events_pb2.InspectionRecorded.FromString(r.value) for r in records)}
    violation, on_leave = found[absent.id], found[excused.id]
    assert (violation.present, violation.on_approved_leave, violation.on_rest_day) == (False, False, False)
    assert (violation.method, violation.inspected_on, violation.cadre_id) == (
        events_pb2.INSPECTION_METHOD_TELEPHONE, "2011-03-16", cadre)
    assert (on_leave.present, on_leave.on_approved_leave) == (False, True)
    assert {r.key.decode() for r in records} == {cadre}
    assert b"Provincial office" not in b"".join(r.value for r in records)


def test_a_complaint_and_its_resolution_are_kept_and_announced(service: Service, kafka_bootstrap: str) -> None:
    from cadres.domain.vocabulary import ComplaintFinding, ComplaintSubject

    pairing_id, (cadre,) = paired_cadres(service)
    service.bus.handle(commands.StationCadre(cadre, pairing_id, date(2011, 1, 3)))
    complaint = service.bus.handle(commands.RecordComplaint(cadre, date(2011, 2, 1), ComplaintSubject.CONDUCT,
                                                            "Rude to villager Li Si"))
    service.bus.handle(commands.ResolveComplaint(complaint.id, date(2011, 2, 10), ComplaintFinding.DISMISSED,
                                                 "Investigated; not substantiated"))
    [stored] = views.complaints(cadre, service.new_uow(), OFFICE, service.context.province)
    assert (stored.status.value, stored.finding.value, stored.details) == (  # type: ignore[union-attr]
        "resolved", "dismissed", "Rude to villager Li Si")
    records = published(service, kafka_bootstrap, "cadres.cadre.v1")
    recorded = events_pb2.ComplaintRecorded.FromString(of_type(records, b"complaint-recorded")[0].value)
    resolved = events_pb2.ComplaintResolved.FromString(of_type(records, b"complaint-resolved")[0].value)
    assert (recorded.subject, resolved.upheld, resolved.resolved_on) == ("conduct", False, "2011-02-10")
    assert all(b"Li Si" not in r.value for r in records)
