"""Records in and out of the database. Updates write whole rows back; the
handlers lock the unit, village or cadre row first (SELECT ... FOR UPDATE on
PostgreSQL) so concurrent commands on one of them run one after another."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from cadres.adapters import orm
from cadres.domain.divisions import DivisionPath
from cadres.domain.model import (AttendanceSummary, Cadre, Complaint, Inspection, Leave, Pairing, Stationing,
                                 StoredSummary, SupportUnit, TopLeader, VillagePlan, YearlyPlan)
from cadres.domain.vocabulary import (AttendanceMark, ComplaintFinding, ComplaintStatus, ComplaintSubject,
                                      InspectionFinding, InspectionMethod, InspectionOutcome, LeaveStatus, UnitKind)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _village_values(path: DivisionPath) -> dict[str, str]:
    return {"province_code": path.province, "city_code": path.city, "county_code": path.county,
            "township_code": path.township, "village_code": path.village}


def _village_of(row: Row[Any]) -> DivisionPath:
    return DivisionPath(row.province_code, row.city_code, row.county_code, row.township_code, row.village_code)


class _Repository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _lock(self, table: Table, key: Any, column: str = "id") -> Row[Any] | None:
        return self.connection.execute(
            select(table).where(table.c[column] == key).with_for_update()).first()


class UnitRepository(_Repository):
    def add(self, unit: SupportUnit) -> None:
        self.connection.execute(orm.support_units.insert().values(
            id=unit.id, name=unit.name, kind=unit.kind.value, registered_at=unit.registered_at))
        for leader in unit.leaders:
            self.add_leader(unit.id, leader)

    def add_leader(self, unit_id: str, leader: TopLeader) -> None:
        self.connection.execute(orm.top_leaders.insert().values(
            unit_id=unit_id, since=leader.since, name=leader.name, title=leader.title))

    def get(self, unit_id: str, for_update: bool = False) -> SupportUnit | None:
        query = select(orm.support_units).where(orm.support_units.c.id == unit_id)
        row = self.connection.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            return None
        leaders = self.connection.execute(select(orm.top_leaders).where(orm.top_leaders.c.unit_id == unit_id)
                                          .order_by(orm.top_leaders.c.since)).all()
        return SupportUnit(id=row.id, name=row.name, kind=UnitKind(row.kind),
                           leaders=[TopLeader(r.name, r.title, r.since) for r in leaders],
                           registered_at=_utc(row.registered_at))  # type: ignore[arg-type]


class PairingRepository(_Repository):
    def lock_village(self, village_code: str) -> None:
        """Serialises pairings and stationings of one village."""
        dialect = postgresql if self.connection.dialect.name == "postgresql" else sqlite
        self.connection.execute(dialect.insert(orm.villages).values(code=village_code).on_conflict_do_nothing())
        self._lock(orm.villages, village_code, "code")

    def add(self, pairing: Pairing) -> None:
        self.connection.execute(orm.pairings.insert().values(
            id=pairing.id, unit_id=pairing.unit_id, **_village_values(pairing.village), start_date=pairing.start,
            end_date=pairing.end, end_reason=pairing.end_reason))

    def save(self, pairing: Pairing) -> None:
        self.connection.execute(orm.pairings.update().where(orm.pairings.c.id == pairing.id).values(
            end_date=pairing.end, end_reason=pairing.end_reason))

    def get(self, pairing_id: str) -> Pairing | None:
        row = self.connection.execute(select(orm.pairings).where(orm.pairings.c.id == pairing_id)).first()
        return _pairing(row) if row else None

    def of_unit(self, unit_id: str) -> list[Pairing]:
        return self._where(orm.pairings.c.unit_id == unit_id)

    def of_village(self, village_code: str) -> list[Pairing]:
        return self._where(orm.pairings.c.village_code == village_code)

    def _where(self, condition: Any) -> list[Pairing]:
        rows = self.connection.execute(select(orm.pairings).where(condition)
                                       .order_by(orm.pairings.c.start_date, orm.pairings.c.id)).all()
        return [_pairing(r) for r in rows]


def _pairing(row: Row[Any]) -> Pairing:
    return Pairing(id=row.id, unit_id=row.unit_id, village=_village_of(row), start=row.start_date,
                   end=row.end_date, end_reason=row.end_reason)


class CadreRepository(_Repository):
    def add(self, cadre: Cadre) -> None:
        self.connection.execute(orm.cadres.insert().values(
            id=cadre.id, unit_id=cadre.unit_id, name=cadre.name, position=cadre.position, phone=cadre.phone,
            registered_at=cadre.registered_at))

    def get(self, cadre_id: str, for_update: bool = False) -> Cadre | None:
        query = select(orm.cadres).where(orm.cadres.c.id == cadre_id)
        row = self.connection.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            return None
        return Cadre(id=row.id, unit_id=row.unit_id, name=row.name, position=row.position, phone=row.phone,
                     registered_at=_utc(row.registered_at))  # type: ignore[arg-type]


class StationingRepository(_Repository):
    def add(self, stationing: Stationing) -> None:
        self.connection.execute(orm.stationings.insert().values(
            id=stationing.id, cadre_id=stationing.cadre_id, unit_id=stationing.unit_id,
            pairing_id=stationing.pairing_id, **_village_values(stationing.village), start_date=stationing.start,
            register_from=stationing.register_from, end_date=stationing.end, end_reason=stationing.end_reason,
            replaces_cadre_id=stationing.replaces_cadre_id, replaced_by_cadre_id=stationing.replaced_by_cadre_id))

    def save(self, stationing: Stationing) -> None:
        self.connection.execute(orm.stationings.update().where(orm.stationings.c.id == stationing.id).values(
            end_date=stationing.end, end_reason=stationing.end_reason,
            replaced_by_cadre_id=stationing.replaced_by_cadre_id))

    def of_cadre(self, cadre_id: str) -> list[Stationing]:
        return self._where(orm.stationings.c.cadre_id == cadre_id)

    def of_village(self, village_code: str) -> list[Stationing]:
        return self._where(orm.stationings.c.village_code == village_code)

    def of_pairing(self, pairing_id: str) -> list[Stationing]:
        return self._where(orm.stationings.c.pairing_id == pairing_id)

    def cadres_stationed_between(self, first: date, last: date) -> list[str]:
        s = orm.stationings.c
        rows = self.connection.execute(select(s.cadre_id).distinct().where(
            s.start_date <= last, or_(s.end_date.is_(None), s.end_date >= first))).all()
        return sorted(r.cadre_id for r in rows)

    def _where(self, condition: Any) -> list[Stationing]:
        s = orm.stationings.c
        rows = self.connection.execute(select(orm.stationings).where(condition)
                                       .order_by(s.start_date, s.id)).all()
        return [Stationing(id=r.id, cadre_id=r.cadre_id, unit_id=r.unit_id, pairing_id=r.pairing_id,
                           village=_village_of(r), start=r.start_date, register_from=r.register_from,
                           end=r.end_date, end_reason=r.end_reason, replaces_cadre_id=r.replaces_cadre_id,
                           replaced_by_cadre_id=r.replaced_by_cadre_id) for r in rows]


class AttendanceRepository(_Repository):
    def add_entry(self, cadre_id: str, day: date, mark: AttendanceMark, recorded_by: str, note: str,
                  now: datetime) -> None:
        self.connection.execute(orm.attendance_entries.insert().values(
            cadre_id=cadre_id, day=day, mark=mark.value, recorded_by=recorded_by, note=note, recorded_at=now))

    def marks(self, cadre_id: str, first: date, last: date) -> dict[date, AttendanceMark]:
        """The latest entry of each day: entries are append-only corrections."""
        a = orm.attendance_entries.c
        rows = self.connection.execute(select(a.day, a.mark).where(
            a.cadre_id == cadre_id, a.day >= first, a.day <= last).order_by(a.id)).all()
        return {row.day: AttendanceMark(row.mark) for row in rows}

    def summary(self, cadre_id: str, month: str) -> StoredSummary | None:
        t = orm.attendance_summaries
        row = self.connection.execute(select(t).where(t.c.cadre_id == cadre_id, t.c.month == month)).first()
        if row is None:
            return None
        counts = AttendanceSummary(row.working_days, row.days_in_village, row.days_on_approved_leave,
                                   row.weekend_days, row.days_absent_without_leave)
        return StoredSummary(cadre_id=cadre_id, month=month, summary=counts, revision=row.revision)

    def save_summary(self, stored: StoredSummary, previous_revision: int, now: datetime) -> None:
        t = orm.attendance_summaries
        values = dict(revision=stored.revision, updated_at=now, **vars(stored.summary))
        if previous_revision == 0:
            self.connection.execute(t.insert().values(cadre_id=stored.cadre_id, month=stored.month, **values))
        else:
            self.connection.execute(t.update().where(and_(t.c.cadre_id == stored.cadre_id,
                                                          t.c.month == stored.month)).values(**values))


class LeaveRepository(_Repository):
    def add(self, leave: Leave) -> None:
        self.connection.execute(orm.leaves.insert().values(
            id=leave.id, cadre_id=leave.cadre_id, **_village_values(leave.village), first_day=leave.first_day,
            last_day=leave.last_day, reason=leave.reason, status=leave.status.value,
            requested_at=leave.requested_at, decided_at=leave.decided_at, decided_by=leave.decided_by,
            decision_note=leave.decision_note))

    def save(self, leave: Leave) -> None:
        self.connection.execute(orm.leaves.update().where(orm.leaves.c.id == leave.id).values(
            status=leave.status.value, decided_at=leave.decided_at, decided_by=leave.decided_by,
            decision_note=leave.decision_note))

    def get(self, leave_id: str) -> Leave | None:
        found = self._where(orm.leaves.c.id == leave_id)
        return found[0] if found else None

    def of_cadre(self, cadre_id: str) -> list[Leave]:
        return self._where(orm.leaves.c.cadre_id == cadre_id)

    def _where(self, condition: Any) -> list[Leave]:
        rows = self.connection.execute(select(orm.leaves).where(condition)
                                       .order_by(orm.leaves.c.first_day, orm.leaves.c.id)).all()
        return [Leave(id=r.id, cadre_id=r.cadre_id, village=_village_of(r), first_day=r.first_day,
                      last_day=r.last_day, reason=r.reason, status=LeaveStatus(r.status),
                      requested_at=_utc(r.requested_at), decided_at=_utc(r.decided_at),  # type: ignore[arg-type]
                      decided_by=r.decided_by, decision_note=r.decision_note) for r in rows]


class InspectionRepository(_Repository):
    def add(self, inspection: Inspection) -> None:
        i = inspection
        self.connection.execute(orm.inspections.insert().values(
            id=i.id, cadre_id=i.cadre_id, unit_id=i.unit_id, **_village_values(i.village),
            inspected_on=i.inspected_on, method=i.method.value, outcome=i.outcome.value, finding=i.finding.value,
            inspector=i.inspector, note=i.note, recorded_at=i.recorded_at))

    def exists(self, inspection_id: str) -> bool:
        return self.connection.execute(
            select(orm.inspections.c.id).where(orm.inspections.c.id == inspection_id)).first() is not None

    def of_cadre(self, cadre_id: str) -> list[Inspection]:
        t = orm.inspections
        rows = self.connection.execute(select(t).where(t.c.cadre_id == cadre_id)
                                       .order_by(t.c.inspected_on, t.c.recorded_at, t.c.id)).all()
        return [Inspection(id=r.id, cadre_id=r.cadre_id, unit_id=r.unit_id, village=_village_of(r),
                           inspected_on=r.inspected_on, method=InspectionMethod(r.method),
                           outcome=InspectionOutcome(r.outcome), finding=InspectionFinding(r.finding),
                           inspector=r.inspector, note=r.note, recorded_at=_utc(r.recorded_at))  # type: ignore[arg-type]
                for r in rows]


class ComplaintRepository(_Repository):
    def add(self, complaint: Complaint) -> None:
        c = complaint
        self.connection.execute(orm.complaints.insert().values(
            id=c.id, cadre_id=c.cadre_id, **_village_values(c.village), received_on=c.received_on,
            subject=c.subject.value, details=c.details, status=c.status.value, resolved_on=c.resolved_on,
            finding=c.finding.value if c.finding else None, resolution=c.resolution))

    def save(self, complaint: Complaint) -> None:
        c = complaint
        self.connection.execute(orm.complaints.update().where(orm.complaints.c.id == c.id).values(
            status=c.status.value, resolved_on=c.resolved_on, finding=c.finding.value if c.finding else None,
            resolution=c.resolution))

    def get(self, complaint_id: str, for_update: bool = False) -> Complaint | None:
        query = select(orm.complaints).where(orm.complaints.c.id == complaint_id)
        row = self.connection.execute(query.with_for_update() if for_update else query).first()
        return _complaint(row) if row else None

    def of_cadre(self, cadre_id: str) -> list[Complaint]:
        t = orm.complaints
        rows = self.connection.execute(select(t).where(t.c.cadre_id == cadre_id)
                                       .order_by(t.c.received_on, t.c.id)).all()
        return [_complaint(r) for r in rows]


def _complaint(row: Row[Any]) -> Complaint:
    return Complaint(id=row.id, cadre_id=row.cadre_id, village=_village_of(row), received_on=row.received_on,
                     subject=ComplaintSubject(row.subject), details=row.details, status=ComplaintStatus(row.status),
                     resolved_on=row.resolved_on, finding=ComplaintFinding(row.finding) if row.finding else None,
                     resolution=row.resolution)


class PlanRepository(_Repository):
    def save_village_plan(self, plan: VillagePlan) -> None:
        t = orm.village_plans
        values: Mapping[str, Any] = {"strategy": plan.strategy, "adopted_on": plan.adopted_on}
        if self.connection.execute(select(t.c.pairing_id).where(t.c.pairing_id == plan.pairing_id)).first() is None:
            self.connection.execute(t.insert().values(pairing_id=plan.pairing_id, **values))
        else:
            self.connection.execute(t.update().where(t.c.pairing_id == plan.pairing_id).values(**values))

    def village_plan(self, pairing: Pairing) -> VillagePlan | None:
        t = orm.village_plans
        row = self.connection.execute(select(t).where(t.c.pairing_id == pairing.id)).first()
        if row is None:
            return None
        return VillagePlan(pairing_id=pairing.id, village=pairing.village, strategy=row.strategy,
                           adopted_on=row.adopted_on)

    def save_yearly_plan(self, plan: YearlyPlan) -> None:
        t = orm.yearly_plans
        values = dict(target_exited_households=plan.target_exited_households,
                      target_per_capita_income_fen=plan.target_per_capita_income_fen,
                      target_collective_income_fen=plan.target_collective_income_fen,
                      planned_funds_fen=plan.planned_funds_fen, measures=plan.measures, revision=plan.revision,
                      adopted_at=plan.adopted_at)
        if plan.revision == 1:
            self.connection.execute(t.insert().values(id=plan.id, pairing_id=plan.pairing_id, year=plan.year,
                                                      **values))
        else:
            self.connection.execute(t.update().where(t.c.id == plan.id).values(**values))

    def yearly_plans(self, pairing: Pairing, year: int | None = None) -> list[YearlyPlan]:
        t = orm.yearly_plans
        condition = t.c.pairing_id == pairing.id
        if year is not None:
            condition = and_(condition, t.c.year == year)
        rows = self.connection.execute(select(t).where(condition).order_by(t.c.year)).all()
        return [YearlyPlan(id=r.id, pairing_id=r.pairing_id, unit_id=pairing.unit_id, village=pairing.village,
                           year=r.year, target_exited_households=r.target_exited_households,
                           target_per_capita_income_fen=r.target_per_capita_income_fen,
                           target_collective_income_fen=r.target_collective_income_fen,
                           planned_funds_fen=r.planned_funds_fen, measures=r.measures, revision=r.revision,
                           adopted_at=_utc(r.adopted_at)) for r in rows]  # type: ignore[arg-type]
